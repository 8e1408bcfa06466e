// Gemini 2.5 Flash Image, which fal serves under two names: fal-ai/nano-banana and fal-ai/gemini-25-flash-image
// (same inputs, same output, same price). Both are offered so a server can pick either.
// Inputs as fal's published page for the model lists them: output_format defaults to jpeg, and there is no seed,
// safety_tolerance or limit_generations. The saved edit page lists only prompt, image_urls and num_images; the
// edit also takes the text-to-image page's aspect ratios (plus "auto") and output format, as it always has.
import { z } from "zod";
import type { ModelFamily } from "./lookup.js";
import { imageUrlsField, type Choice } from "./fields.js";
import { geminiAspectRatios, geminiCommonFields, geminiModel, geminiOutputFormats, outputFormatField } from "./gemini.js";
import type { PerImagePrice } from "./pricing.js";

const textToImageAspect = { values: geminiAspectRatios, default: "1:1" } as const satisfies Choice;
const editAspect = { values: ["auto", ...geminiAspectRatios], default: "auto" } as const satisfies Choice;
const outputFormat = { values: geminiOutputFormats, default: "jpeg" } as const satisfies Choice;

/**
 * fal publishes no cap on image_urls. Google's image-generation guide says Gemini 2.5 Flash Image works best
 * with up to 3 input images, so that is the most we send.
 */
const MAX_IMAGES = 3;

const fields = { ...geminiCommonFields, output_format: outputFormatField(outputFormat) };

const textToImageSchema = z.strictObject({
  ...fields,
  aspect_ratio: z.enum(textToImageAspect.values).default(textToImageAspect.default),
});

const editSchema = z.strictObject({
  ...fields,
  aspect_ratio: z.enum(editAspect.values).default(editAspect.default),
  image_urls: imageUrlsField(MAX_IMAGES),
});

const price: PerImagePrice = { usd: 0.039, published: true };

const shared = { outputFormat, seed: false, safetyTolerance: false, price };

const names = [
  {
    id: "nano-banana",
    endpoint: "fal-ai/nano-banana",
    name: "Nano Banana",
    summary: "Google's fast, low-cost image model: good everyday pictures from a text prompt.",
    editSummary: "Changes or combines up to 3 of your images as you describe, quickly and cheaply.",
  },
  {
    id: "gemini-25-flash-image",
    endpoint: "fal-ai/gemini-25-flash-image",
    name: "Gemini 2.5 Flash Image",
    summary: "The model behind Nano Banana, under Google's own name: quick pictures from a text prompt.",
    editSummary: "The model behind Nano Banana (edit), under Google's own name: edits up to 3 of your images.",
  },
];

export const nanoBananaModels: ModelFamily = (lookup) =>
  names.flatMap(({ id, endpoint, name, summary, editSummary }) => [
    geminiModel(
      {
        id,
        endpoint,
        name,
        summary,
        ...shared,
        inputSchema: textToImageSchema,
        aspectRatio: textToImageAspect,
        editCounterpart: `${id}-edit`,
      },
      lookup,
    ),
    geminiModel(
      {
        id: `${id}-edit`,
        endpoint: `${endpoint}/edit`,
        name: `${name} (edit)`,
        summary: editSummary,
        ...shared,
        inputSchema: editSchema,
        aspectRatio: editAspect,
        maxImages: MAX_IMAGES,
      },
      lookup,
    ),
  ]);
