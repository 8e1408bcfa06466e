// The images a member gives a command: which are acceptable, checked before anything reaches fal.
import type { Attachment } from "discord.js";
import { MAX_INPUT_IMAGE_BYTES } from "../fal/rehost.js";

export interface InputImage {
  /** What the member calls it: the option name or the file name. */
  label: string;
  url: string;
  contentType?: string | null;
  /** Bytes, when known (attachments); embed images carry no size. */
  size?: number;
}

export const acceptedImageTypes = ["image/png", "image/jpeg", "image/webp", "image/gif"];

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function fromAttachment(label: string, attachment: Attachment): InputImage {
  return { label, url: attachment.url, contentType: attachment.contentType, size: attachment.size };
}

/** One plain-language line per image that cannot be used, saying what to change. */
export function inputImageProblems(images: readonly InputImage[]): string[] {
  const problems: string[] = [];
  for (const image of images) {
    const type = image.contentType?.split(";")[0]?.trim().toLowerCase();
    if (type !== undefined && !acceptedImageTypes.includes(type)) {
      problems.push(`${image.label} is not an image the models can read (${type || "unknown type"}); attach a PNG, JPEG, WebP or GIF.`);
    } else if (image.size !== undefined && image.size > MAX_INPUT_IMAGE_BYTES) {
      problems.push(
        `${image.label} is ${megabytes(image.size)}; images can be at most ${megabytes(MAX_INPUT_IMAGE_BYTES)}. Attach a smaller one.`,
      );
    }
  }
  return problems;
}
