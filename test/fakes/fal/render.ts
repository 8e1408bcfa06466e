// Output images: real, decodable images made with sharp, cheap to render (a flat colour and a rectangle),
// rendered once per size/format and cached for the life of the process.
import { randomBytes } from "node:crypto";
import sharp from "sharp";

export type ImageFormat = "png" | "jpeg" | "webp";

export interface Size {
  width: number;
  height: number;
}

export interface RenderedImage extends Size {
  data: Buffer;
  contentType: string;
  ext: string;
}

/** Gemini's output sizes at 1K; other resolutions scale these. */
const GEMINI_1K: Record<string, Size> = {
  "1:1": { width: 1024, height: 1024 },
  "2:3": { width: 832, height: 1248 },
  "3:2": { width: 1248, height: 832 },
  "3:4": { width: 864, height: 1184 },
  "4:3": { width: 1184, height: 864 },
  "4:5": { width: 896, height: 1152 },
  "5:4": { width: 1152, height: 896 },
  "9:16": { width: 768, height: 1344 },
  "16:9": { width: 1344, height: 768 },
  "21:9": { width: 1536, height: 672 },
};

const RESOLUTION_SCALE: Record<string, number> = { "0.5K": 0.5, "1K": 1, "2K": 2, "4K": 4 };

function parseRatio(ratio: string): number {
  const [w, h] = ratio.split(":").map(Number);
  return w && h ? w / h : 1;
}

const round16 = (n: number): number => Math.max(16, Math.round(n / 16) * 16);

export function geminiSize(aspectRatio: string, resolution = "1K"): Size {
  const scale = RESOLUTION_SCALE[resolution] ?? 1;
  const known = GEMINI_1K[aspectRatio];
  if (known) return { width: round16(known.width * scale), height: round16(known.height * scale) };
  // The extreme ratios (4:1 … 1:8): the same area as a 1024² square.
  const area = 1024 * 1024 * scale * scale;
  const width = Math.sqrt(area * parseRatio(aspectRatio));
  return { width: round16(width), height: round16(area / width) };
}

/** The allowed ratio closest to an image's shape (what "auto" picks for an edit). */
export function nearestRatio(size: Size, ratios: readonly string[]): string {
  const target = Math.log(size.width / size.height);
  let best = "1:1";
  let bestDistance = Infinity;
  for (const ratio of ratios) {
    const distance = Math.abs(Math.log(parseRatio(ratio)) - target);
    if (distance < bestDistance) [best, bestDistance] = [ratio, distance];
  }
  return best;
}

const CONTENT_TYPES: Record<ImageFormat, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };
const EXTENSIONS: Record<ImageFormat, string> = { png: "png", jpeg: "jpg", webp: "webp" };

const cache = new Map<string, Promise<RenderedImage>>();

function cached(key: string, render: () => Promise<RenderedImage>): Promise<RenderedImage> {
  let entry = cache.get(key);
  if (!entry) {
    entry = render();
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
  }
  return entry;
}

export function renderImage(size: Size, format: ImageFormat, tone: "normal" | "black" = "normal"): Promise<RenderedImage> {
  return cached(`${size.width}x${size.height}.${format}.${tone}`, async () => {
    const { width, height } = size;
    const black = { r: 0, g: 0, b: 0 };
    let image = sharp({
      create: { width, height, channels: 3, background: tone === "black" ? black : { r: 32, g: 120, b: 160 } },
    });
    if (tone === "normal" && width >= 4 && height >= 4) {
      const rect = { width: Math.floor(width / 2), height: Math.floor(height / 2) };
      image = image.composite([
        {
          input: { create: { ...rect, channels: 3, background: { r: 240, g: 160, b: 40 } } },
          left: Math.floor(width / 4),
          top: Math.floor(height / 4),
        },
      ]);
    }
    const data = await image.toFormat(format).toBuffer();
    return { data, width, height, contentType: CONTENT_TYPES[format], ext: EXTENSIONS[format] };
  });
}

/** A PNG of random noise of at least `minBytes`, shaped like `shape` (noise does not compress). */
export function renderNoise(minBytes: number, shape: Size): Promise<RenderedImage> {
  const ratio = shape.width / shape.height;
  const pixels = Math.ceil(minBytes / 3);
  const width = Math.max(1, Math.ceil(Math.sqrt(pixels * ratio)));
  const height = Math.max(1, Math.ceil(pixels / width));
  return cached(`noise.${width}x${height}`, async () => {
    const raw = randomBytes(width * height * 3);
    const data = await sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    return { data, width, height, contentType: "image/png", ext: "png" };
  });
}

/**
 * An image of exactly `size` whose encoding is about `bytes` long: rows of random noise (which does not compress)
 * over a flat rest, so the file is as heavy as a real model output. Capped at the noise of the whole image.
 */
export function renderSized(size: Size, format: ImageFormat, bytes: number): Promise<RenderedImage> {
  const { width, height } = size;
  const rowBytes = width * 3;
  const noiseRows = Math.min(height, Math.max(1, Math.round(bytes / rowBytes)));
  return cached(`sized.${width}x${height}.${format}.${noiseRows}`, async () => {
    const raw = Buffer.alloc(rowBytes * height, 96);
    randomBytes(rowBytes * noiseRows).copy(raw);
    const data = await sharp(raw, { raw: { width, height, channels: 3 } })
      .toFormat(format, format === "png" ? {} : { quality: 100 })
      .toBuffer();
    return { data, width, height, contentType: CONTENT_TYPES[format], ext: EXTENSIONS[format] };
  });
}

/** How far (per channel, 0–255) a pixel may be from the background's colour and still count as background. */
const BACKGROUND_TOLERANCE = 24;

/**
 * A background remover's answer, cheaply: the top-left corner's colour is the background, and every pixel within
 * BACKGROUND_TOLERANCE of it becomes transparent; the rest keep their colour and opacity. A PNG of the input's size
 * (upright by its EXIF orientation). On the fake's own outputs (a rectangle on a flat ground) the rectangle is left.
 */
export async function cutOutSubject(input: Buffer): Promise<RenderedImage> {
  const { data, info } = await sharp(input, { autoOrient: true }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const [r, g, b] = [data[0]!, data[1]!, data[2]!];
  for (let at = 0; at < data.length; at += 4) {
    const distance = Math.max(Math.abs(data[at]! - r), Math.abs(data[at + 1]! - g), Math.abs(data[at + 2]! - b));
    if (distance <= BACKGROUND_TOLERANCE) data[at + 3] = 0;
  }
  const { width, height } = info;
  const png = await sharp(data, { raw: { width, height, channels: 4 } }).png().toBuffer();
  return { data: png, width, height, contentType: CONTENT_TYPES.png, ext: EXTENSIONS.png };
}
