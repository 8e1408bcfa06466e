// Makes an image into a server asset (emoji, sticker, icon, banner, event cover) by Discord's rule for its kind: the
// rule's shape and width, then the smallest encoding that fits its byte limit. A subject on transparency (after the
// background is removed) is trimmed to itself and centred with a small margin; any other image is cropped from the
// centre, as Discord's own cropper does.
import type { AssetFormat, AssetRule } from "../discord/expression-rules.js";
import { loadSharp } from "./sharp.js";

export interface FittedAsset {
  bytes: Buffer;
  width: number;
  height: number;
  format: AssetFormat;
  contentType: "image/png" | "image/jpeg";
  fileName: string;
  /** Whether the PNG was quantised to a palette to fit the byte limit. */
  quantised: boolean;
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

export interface FitAssetOptions {
  /** Trim transparent borders and centre the subject (for an image whose background was removed). */
  trim: boolean;
  /** The file name's stem, e.g. "emoji"; "asset" when not given. */
  name?: string;
}

/** A pixel with alpha at most this is background when trimming. */
const TRIM_ALPHA = 8;
/** The margin round a trimmed subject, as a share of the canvas's shorter side. */
const TRIM_MARGIN = 0.04;
/** Below this alpha a pixel's transparency matters: JPEG would lose it. */
const OPAQUE_ENOUGH = 250;
const jpegQualities = [90, 80, 70, 60];
/** Each smaller width tried is this share of the one before, down to the rule's smallest. */
const WIDTH_STEP = 0.85;

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

interface Encoded {
  bytes: Buffer;
  format: AssetFormat;
  quantised: boolean;
}

export async function fitAsset(input: Buffer, rule: AssetRule, options: FitAssetOptions): Promise<FittedAsset> {
  const source = await decode(input);
  const [aspectWidth, aspectHeight] = rule.aspect;
  const box = options.trim ? subjectBox(source) : coverBox(source, rule.aspect);
  const naturalWidth = options.trim ? trimmedCanvasWidth(box, rule.aspect) : box.width;
  const largest = clamp(naturalWidth, rule.minWidth, rule.maxWidth);
  for (const width of widthsToTry(largest, rule.minWidth)) {
    const height = Math.round((width * aspectHeight) / aspectWidth);
    const pixels = await render(source, box, { width, height }, options.trim);
    const encoded = await encodeWithin(pixels, rule);
    if (encoded) {
      const extension = encoded.format === "jpeg" ? "jpg" : "png";
      return {
        bytes: encoded.bytes,
        width,
        height,
        format: encoded.format,
        contentType: encoded.format === "jpeg" ? "image/jpeg" : "image/png",
        fileName: `${options.name ?? "asset"}.${extension}`,
        quantised: encoded.quantised,
      };
    }
  }
  throw new AssetFitError("too-large", `the image does not fit in ${rule.maxBytes} bytes, even at ${rule.minWidth} px wide`);
}

/** The image's pixels as RGBA, turned upright by its EXIF orientation. */
async function decode(input: Buffer): Promise<Pixels> {
  const sharp = await loadSharp();
  try {
    const { data, info } = await sharp(input, { autoOrient: true }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw new AssetFitError("not-an-image", `the file is not an image that can be read: ${(error as Error).message}`);
  }
}

/** The bounding box of the pixels that are not (nearly) transparent; the whole image when none are. */
function subjectBox({ data, width, height }: Pixels): Box {
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[(y * width + x) * 4 + 3]! <= TRIM_ALPHA) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  if (right < 0) return { left: 0, top: 0, width, height };
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** The largest centred box of the rule's aspect. */
function coverBox({ width, height }: Pixels, [aspectWidth, aspectHeight]: readonly [number, number]): Box {
  const boxWidth = Math.min(width, Math.round((height * aspectWidth) / aspectHeight));
  const boxHeight = Math.min(height, Math.round((width * aspectHeight) / aspectWidth));
  return { left: Math.floor((width - boxWidth) / 2), top: Math.floor((height - boxHeight) / 2), width: boxWidth, height: boxHeight };
}

/** The width, in the source's pixels, of a canvas of the aspect that holds the subject inside its margin. */
function trimmedCanvasWidth(subject: Box, [aspectWidth, aspectHeight]: readonly [number, number]): number {
  const inner = 1 - 2 * TRIM_MARGIN;
  const byWidth = subject.width / inner;
  const byHeight = ((subject.height / inner) * aspectWidth) / aspectHeight;
  return Math.round(Math.max(byWidth, byHeight));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function widthsToTry(largest: number, smallest: number): number[] {
  const widths = [largest];
  for (let width = Math.floor(largest * WIDTH_STEP); width > smallest; width = Math.floor(width * WIDTH_STEP)) widths.push(width);
  if (widths.at(-1)! > smallest) widths.push(smallest);
  return widths;
}

/** The box drawn at the target size: cropped and scaled, or the subject centred on transparency with a margin. */
async function render(source: Pixels, box: Box, size: { width: number; height: number }, trim: boolean): Promise<Pixels> {
  const sharp = await loadSharp();
  let pipeline = sharp(source.data, { raw: { width: source.width, height: source.height, channels: 4 } }).extract(box);
  if (trim) {
    const margin = Math.round(Math.min(size.width, size.height) * TRIM_MARGIN);
    const transparent = { r: 0, g: 0, b: 0, alpha: 0 };
    pipeline = pipeline
      .resize(size.width - 2 * margin, size.height - 2 * margin, { fit: "contain", background: transparent })
      .extend({ top: margin, bottom: margin, left: margin, right: margin, background: transparent });
  } else {
    pipeline = pipeline.resize(size.width, size.height, { fit: "fill" });
  }
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function hasTransparency({ data }: Pixels): boolean {
  for (let index = 3; index < data.length; index += 4) if (data[index]! < OPAQUE_ENOUGH) return true;
  return false;
}

/**
 * The first encoding within the byte limit: the preferred format, then a palette PNG (alpha kept), then JPEG at
 * falling quality when the rule takes it and no transparency would be lost.
 */
async function encodeWithin(pixels: Pixels, rule: AssetRule): Promise<Encoded | undefined> {
  const sharp = await loadSharp();
  const transparent = hasTransparency(pixels);
  const image = () => {
    const raw = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 4 } });
    return transparent ? raw : raw.removeAlpha();
  };
  const fits = (bytes: Buffer) => bytes.byteLength <= rule.maxBytes;
  const takesJpeg = rule.formats.includes("jpeg") && !transparent;
  if (rule.formats[0] === "jpeg" && takesJpeg) {
    const bytes = await image().jpeg({ quality: jpegQualities[0] }).toBuffer();
    if (fits(bytes)) return { bytes, format: "jpeg", quantised: false };
  } else {
    const bytes = await image().png({ compressionLevel: 9 }).toBuffer();
    if (fits(bytes)) return { bytes, format: "png", quantised: false };
  }
  if (rule.formats.includes("png")) {
    const bytes = await image().png({ compressionLevel: 9, palette: true }).toBuffer();
    if (fits(bytes)) return { bytes, format: "png", quantised: true };
  }
  if (!takesJpeg) return undefined;
  for (const quality of jpegQualities) {
    const bytes = await image().jpeg({ quality }).toBuffer();
    if (fits(bytes)) return { bytes, format: "jpeg", quantised: false };
  }
  return undefined;
}
