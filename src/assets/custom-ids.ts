// The custom ids of the assets' buttons and forms ("<name>:<version>:<arg>:…", see discord/custom-id.ts):
//   asset:1:make:<job ref>:<position>           "Make asset" under a result: opens the private panel for that image;
//                                               position 0 under a set first asks which image
//   asset:1:fit:<job ref>:<position>:<kind>     in the panel: fit the image as it is (no fal request)
//   asset:1:cutout:<job ref>:<position>:<kind>  in the panel: remove the background first (a charged job)
//   asset:1:add:<kind>[:<job ref>]              under an asset: add it to the server (emoji and sticker open a form,
//                                               the name suggested from the prompt of the job the ref names)
//   asset:1:cover:<event id>                    in the events to choose from: set that event's cover
//   asset-form:1:<kind>                         the form of "Add as emoji" / "Add as sticker"
// The asset a press adds is the file on the pressed message named by assetFileName (discord/expression-rules.ts).
import { makeCustomId, splitCustomId } from "../discord/custom-id.js";
import { isAssetKind, type AssetKind } from "../discord/expression-rules.js";

export const ASSET_BUTTON_PREFIX = "asset:1";
export const ASSET_FORM_PREFIX = "asset-form:1";

export type AssetButton =
  | { action: "make"; ref: string; position: number }
  | { action: "fit" | "cutout"; ref: string; position: number; kind: AssetKind }
  | { action: "add"; kind: AssetKind; ref?: string }
  | { action: "cover"; eventId: string };

export function assetButtonId(button: AssetButton): string {
  switch (button.action) {
    case "make":
      return makeCustomId(ASSET_BUTTON_PREFIX, "make", button.ref, String(button.position));
    case "fit":
    case "cutout":
      return makeCustomId(ASSET_BUTTON_PREFIX, button.action, button.ref, String(button.position), button.kind);
    case "add":
      return makeCustomId(ASSET_BUTTON_PREFIX, "add", button.kind, ...(button.ref !== undefined ? [button.ref] : []));
    case "cover":
      return makeCustomId(ASSET_BUTTON_PREFIX, "cover", button.eventId);
  }
}

/** The button a custom id names, or undefined for one of another layout. */
export function parseAssetButton(customId: string): AssetButton | undefined {
  const { prefix, args } = splitCustomId(customId);
  if (prefix !== ASSET_BUTTON_PREFIX) return undefined;
  const [action, first, second, third] = args;
  const position = Number(second);
  if (action === "cover") return first && /^\d+$/.test(first) ? { action, eventId: first } : undefined;
  if (action === "add") return isAssetKind(first) ? { action, kind: first, ...(second ? { ref: second } : {}) } : undefined;
  if (!first || !Number.isInteger(position) || position < 0) return undefined;
  if (action === "make") return { action, ref: first, position };
  if (position < 1) return undefined;
  if ((action === "fit" || action === "cutout") && isAssetKind(third)) return { action, ref: first, position, kind: third };
  return undefined;
}

export function assetFormId(kind: AssetKind): string {
  return makeCustomId(ASSET_FORM_PREFIX, kind);
}
