// PLACEHOLDER until branch issue19-fit lands (its file replaces this one at the merge): the same exports, a plain
// centre crop to the rule's shape and smallest width, PNG.
import type { AssetFormat, AssetRule } from "../discord/expression-rules.js";
import { loadSharp } from "./sharp.js";

export interface FittedAsset {
  bytes: Buffer;
  width: number;
  height: number;
  format: AssetFormat;
  contentType: "image/png" | "image/jpeg";
  fileName: string;
}

export class AssetFitError extends Error {
  constructor(
    readonly reason: "not-an-image" | "too-large",
    message: string,
  ) {
    super(message);
    this.name = "AssetFitError";
  }
}

export async function fitAsset(input: Buffer, rule: AssetRule, options: { trim: boolean; name?: string }): Promise<FittedAsset> {
  const sharp = await loadSharp();
  const width = rule.minWidth;
  const height = Math.round((width * rule.aspect[1]) / rule.aspect[0]);
  let bytes: Buffer;
  try {
    bytes = await sharp(input).resize(width, height, { fit: "cover" }).png().toBuffer();
  } catch (error) {
    throw new AssetFitError("not-an-image", `not an image: ${(error as Error).message}`);
  }
  if (bytes.byteLength > rule.maxBytes) throw new AssetFitError("too-large", "too large");
  return { bytes, width, height, format: "png", contentType: "image/png", fileName: `${options.name ?? "asset"}.png` };
}
