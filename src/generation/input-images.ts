// The images a member gives a command: which are acceptable, checked before anything reaches fal. Attachments
// are judged by what Discord reports of them (type, size, dimensions, flags), so nothing is downloaded here.
import { AttachmentFlags, type Attachment } from "discord.js";
import { MAX_INPUT_IMAGE_BYTES } from "../fal/rehost.js";

export interface InputImage {
  /** What the member calls it: the option name or the file name. */
  label: string;
  url: string;
  contentType?: string | null;
  /** Bytes, when known (attachments); embed images carry no size. */
  size?: number;
  /** Attachments only: false when Discord could not open the file as an image (it then reports no width or height). */
  readable?: boolean;
  /** Attachments only: Discord flags animated images (GIF, APNG, WebP with more than one frame). */
  animated?: boolean;
}

export const acceptedImageTypes = ["image/png", "image/jpeg", "image/webp", "image/gif"];

const acceptedNames = "PNG, JPEG, WebP or GIF";

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function fromAttachment(label: string, attachment: Attachment): InputImage {
  return {
    label,
    url: attachment.url,
    contentType: attachment.contentType,
    size: attachment.size,
    readable: attachment.width !== null && attachment.height !== null,
    animated: attachment.flags.has(AttachmentFlags.IsAnimated),
  };
}

function imageProblem(image: InputImage): string | undefined {
  const type = image.contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === "image/svg+xml") {
    return `${image.label} is an SVG drawing, which the models cannot read; export it as a PNG and attach that.`;
  }
  if (type !== undefined && !acceptedImageTypes.includes(type)) {
    return `${image.label} is not an image the models can read (${type || "unknown type"}); attach a ${acceptedNames}.`;
  }
  if (image.size === 0) return `${image.label} is an empty file (0 bytes); attach the image again.`;
  if (image.size !== undefined && image.size > MAX_INPUT_IMAGE_BYTES) {
    return `${image.label} is ${megabytes(image.size)}; images can be at most ${megabytes(MAX_INPUT_IMAGE_BYTES)}. Attach a smaller one.`;
  }
  if (image.readable === false) {
    const claimed = type ? ` (it says it is ${type})` : "";
    return `${image.label} could not be opened as an image${claimed}: the file is damaged or is not really a picture. Save it again as a ${acceptedNames} and attach that.`;
  }
  if (image.animated) {
    return `${image.label} is animated; the models take still images only. Attach one frame of it, saved as a PNG, JPEG or WebP.`;
  }
  return undefined;
}

/** One plain-language line per image that cannot be used, saying what to change. */
export function inputImageProblems(images: readonly InputImage[]): string[] {
  return images.flatMap((image) => imageProblem(image) ?? []);
}
