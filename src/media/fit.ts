// Makes an output image fit Discord's per-file upload limit: first re-encode, then scale down.
import { loadSharp } from "./sharp.js";

export interface ImageFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/** Re-encoded as WebP at its own size, or also scaled down to width × height. */
export type FitAdjustment = { kind: "reencoded" } | { kind: "scaled"; width: number; height: number };

export interface FittedImage extends ImageFile {
  /** What was done to make it fit, for the result message; undefined when it fit as it was. */
  adjustment?: FitAdjustment;
  /** The new size, when it was scaled. */
  width?: number;
  height?: number;
}

const qualities = [90, 80, 70];

function withExtension(fileName: string, extension: string): string {
  return fileName.replace(/\.[^.]*$/, "") + extension;
}

export async function fitToLimit(image: ImageFile, limitBytes: number): Promise<FittedImage> {
  if (image.bytes.byteLength <= limitBytes) return image;
  const sharp = await loadSharp();
  const metadata = await sharp(image.bytes).metadata();
  const width = metadata.width ?? 0;
  for (let scale = 1; scale >= 0.1; scale *= 0.75) {
    for (const quality of qualities) {
      let pipeline = sharp(image.bytes);
      if (scale < 1) pipeline = pipeline.resize({ width: Math.max(1, Math.round(width * scale)) });
      const bytes = await pipeline.webp({ quality, effort: 2 }).toBuffer();
      if (bytes.byteLength <= limitBytes) {
        const info = await sharp(bytes).metadata();
        const adjustment: FitAdjustment =
          scale < 1 ? { kind: "scaled", width: info.width ?? 0, height: info.height ?? 0 } : { kind: "reencoded" };
        return {
          bytes,
          contentType: "image/webp",
          fileName: withExtension(image.fileName, ".webp"),
          adjustment,
          ...(scale < 1 ? { width: info.width, height: info.height } : {}),
        };
      }
    }
  }
  throw new Error(`could not fit ${image.fileName} under ${limitBytes} bytes`);
}
