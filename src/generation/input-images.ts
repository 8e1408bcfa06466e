// The images a member gives a command: which are acceptable, checked before anything reaches fal. Attachments
// are judged by what Discord reports of them (type, size, dimensions, flags), so nothing is downloaded here.
import { AttachmentFlags, type Attachment } from "discord.js";
import { MAX_INPUT_IMAGE_BYTES } from "../fal/rehost.js";
import { fallbackLocale, translator, type SupportedLocale } from "../i18n/index.js";

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

const megabytes = (bytes: number) => bytes / (1024 * 1024);

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

function imageProblem(image: InputImage, locale: SupportedLocale): string | undefined {
  const t = translator(locale);
  const { label } = image;
  const type = image.contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === "image/svg+xml") return t("generation.input.svg", { label });
  if (type !== undefined && !acceptedImageTypes.includes(type)) {
    return t("generation.input.wrongType", { label, type: type || t("generation.input.unknownType") });
  }
  if (image.size === 0) return t("generation.input.empty", { label });
  if (image.size !== undefined && image.size > MAX_INPUT_IMAGE_BYTES) {
    return t("generation.input.tooLarge", { label, megabytes: megabytes(image.size), max: megabytes(MAX_INPUT_IMAGE_BYTES) });
  }
  if (image.readable === false) return t("generation.input.unreadable", { label, claimed: type ? "yes" : "no", type: type ?? "" });
  if (image.animated) return t("generation.input.animated", { label });
  return undefined;
}

/** One plain-language line per image that cannot be used, saying what to change, in `locale`. */
export function inputImageProblems(images: readonly InputImage[], locale: SupportedLocale = fallbackLocale): string[] {
  return images.flatMap((image) => imageProblem(image, locale) ?? []);
}
