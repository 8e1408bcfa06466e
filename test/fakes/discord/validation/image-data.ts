// Image data as Discord takes it in JSON bodies (an emoji's image, a server's icon and banner): a data URI of a PNG,
// JPEG or GIF, whose declared type is "the proper content type … that matches the image data" (reference.mdx, Image Data).
import { isAnimated } from "../animation.js";
import { imageSize, type ImageSize } from "../image-size.js";
import type { FieldPath, FormErrors } from "./form-errors.js";

export type ImageFormat = "png" | "jpeg" | "gif";

const CONTENT_TYPES: Record<ImageFormat, string> = { png: "image/png", jpeg: "image/jpeg", gif: "image/gif" };

export interface DecodedImage {
  data: Buffer;
  contentType: string;
  format: ImageFormat;
  animated: boolean;
  size: ImageSize;
}

/** What the bytes are, by their signature (not by any label). */
export function imageFormat(data: Buffer): ImageFormat | undefined {
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47) return "png";
  if (data.length >= 6 && data.toString("latin1", 0, 3) === "GIF") return "gif";
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "jpeg";
  return undefined;
}

export function contentTypeOf(format: ImageFormat): string {
  return CONTENT_TYPES[format];
}

const DATA_URI = /^data:([^;,]*);base64,([A-Za-z0-9+/]*={0,2})$/;

/**
 * The decoded image of a field, or undefined after adding Discord's IMAGE_INVALID error on it: not a base64 data
 * URI, not a PNG, JPEG or GIF (of those `formats` the field takes), a type that does not match the bytes (discord.js
 * labels every Buffer "image/jpg", so a caller passes its own data URI), or bytes no image reader can size.
 */
export function imageData(value: unknown, path: FieldPath, errors: FormErrors, formats: readonly ImageFormat[]): DecodedImage | undefined {
  const match = typeof value === "string" ? DATA_URI.exec(value) : null;
  const data = match ? Buffer.from(match[2] ?? "", "base64") : Buffer.alloc(0);
  const format = imageFormat(data);
  const size = imageSize(data);
  if (!match || !format || !size || !formats.includes(format) || match[1] !== CONTENT_TYPES[format]) {
    errors.add(path, "IMAGE_INVALID", "Invalid image data");
    return undefined;
  }
  return { data, contentType: CONTENT_TYPES[format], format, animated: isAnimated(data), size };
}
