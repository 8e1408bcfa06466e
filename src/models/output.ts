// Reading fal's result payloads: the image object every endpoint returns, and a clear error when a payload
// is not the shape its endpoint publishes.
import { z } from "zod";
import type { OutputImage } from "./types.js";

/** fal's ImageFile / Image. Only `url` is certain; fal sends null for sizes it does not know. Extra fields are ignored. */
export const falImageSchema = z.object({
  url: z.string().min(1),
  content_type: z.string().nullish(),
  file_name: z.string().nullish(),
  file_size: z.number().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
});

export type FalImage = z.infer<typeof falImageSchema>;

export function toOutputImage(image: FalImage, nsfw: boolean): OutputImage {
  const output: OutputImage = { url: image.url, nsfw };
  if (image.content_type != null) output.contentType = image.content_type;
  if (image.width != null) output.width = image.width;
  if (image.height != null) output.height = image.height;
  if (image.file_name != null) output.fileName = image.file_name;
  if (image.file_size != null) output.fileSize = image.file_size;
  return output;
}

/** Gemini's text, when there is any worth showing. */
export function descriptionOf(text: string | null | undefined): string | undefined {
  return text?.trim() ? text : undefined;
}

export function parseOutput<T>(schema: z.ZodType<T>, raw: unknown, endpoint: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new Error(`fal returned a result for ${endpoint} that is not the shape it publishes:\n${z.prettifyError(result.error)}`);
}
