// What the models that take one image and nothing else share (the upscaler, the background remover): no options,
// and the refusals of a request with another number of images or with an option set.
import { t, type MessageKey, type SupportedLocale } from "../i18n/index.js";
import { optionLabel, requestOptions } from "./option-rules.js";
import type { z } from "zod";
import type { BuildResult, GenerationRequest, ModelDefinition, RequestProblem } from "./types.js";

/** The part of the definition they share: one image in `image_url`, no options, no prompt sent. */
export const imageOnlyFields: Pick<ModelDefinition, "inputImages" | "options" | "maxPromptLength"> = {
  inputImages: { min: 1, max: 1, field: "image_url" },
  options: { seed: false, negativePrompt: false, safetyChecker: false, webSearch: false },
  // No prompt is sent; the parent's prompt only labels the result.
  maxPromptLength: 6000,
};

/**
 * The model's own words, each given {model}: "exactly one image, you gave {count}", "no {label} to set", and "fal's
 * schema refused the input: {reason}".
 */
export interface ImageOnlyWords {
  oneImage: MessageKey;
  noOption: MessageKey;
  notAccepted: MessageKey;
}

export function imageOnlyProblems(request: GenerationRequest, model: string, words: ImageOnlyWords, locale: SupportedLocale): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const count = request.imageUrls?.length ?? 0;
  if (count !== 1) problems.push({ option: "images", message: t(locale, words.oneImage, { model, count }) });
  for (const option of requestOptions) {
    if (request[option] !== undefined) problems.push({ option, message: t(locale, words.noOption, { model, label: optionLabel(option, locale) }) });
  }
  return problems;
}

/** The input, once its endpoint's schema has taken it. */
export function checkedInput<I>(schema: z.ZodType<I>, input: I, model: string, words: ImageOnlyWords, locale: SupportedLocale): BuildResult<I> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, input };
  const reason = String(parsed.error.issues[0]?.message);
  return { ok: false, problems: [{ option: "images", message: t(locale, words.notAccepted, { model, reason }) }] };
}
