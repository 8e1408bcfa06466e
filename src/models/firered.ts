// fal-ai/firered-image-edit-v1.1: FireRed Image Edit, an open diffusion editor (prompts in English or Chinese),
// priced per megapixel of output. Steps, guidance and formats follow DESIGN.md where fal's type file differs.
import { z } from "zod";
import { defineModel } from "./define-model.js";
import { type ModelFamily } from "./lookup.js";
import { imageCountRange, imageUrlsField, numImagesField, promptField, seedField, type Choice } from "./fields.js";
import {
  DEFAULT_IMAGE_SIDE,
  dimensionsOf,
  imageSideBounds,
  imageSizePresetNames,
  type Dimensions,
} from "./image-size.js";
import { falImageSchema, parseOutput, toOutputImage } from "./output.js";
import { formatUsd, roundUsd } from "./pricing.js";
import type { CostEstimate, NormalizedOutput } from "./types.js";
import { countOf } from "../wording.js";

const ENDPOINT = "fal-ai/firered-image-edit-v1.1";

/**
 * fal publishes no prompt limit. Diffusion text encoders read a bounded token window and drop the rest
 * silently, and another host of this model (Venice) caps prompts at 1,500 characters; we do the same.
 */
const MAX_PROMPT_LENGTH = 1500;

/** FireRed's own README: the model natively takes 1 to 3 input images (more need its stitching agent). */
const MAX_IMAGES = 3;

const steps = { min: 2, max: 50, default: 30 } as const;
const guidance = { min: 1, max: 10, default: 4 } as const;
const outputFormat = { values: ["jpeg", "png"], default: "png" } as const satisfies Choice;
const acceleration = { values: ["none", "regular", "high"], default: "regular" } as const satisfies Choice;

const side = z.int().min(imageSideBounds.min).max(imageSideBounds.max).default(DEFAULT_IMAGE_SIDE);

const inputSchema = z.strictObject({
  prompt: promptField(MAX_PROMPT_LENGTH),
  image_urls: imageUrlsField(MAX_IMAGES),
  negative_prompt: z.string().max(MAX_PROMPT_LENGTH).default(""),
  num_images: numImagesField,
  num_inference_steps: z.int().min(steps.min).max(steps.max).default(steps.default),
  guidance_scale: z.number().min(guidance.min).max(guidance.max).default(guidance.default),
  acceleration: z.enum(acceleration.values).default(acceleration.default),
  enable_safety_checker: z.boolean().default(true),
  // Left out, the output takes the input image's size.
  image_size: z.union([z.enum(imageSizePresetNames), z.strictObject({ width: side, height: side })]).optional(),
  output_format: z.enum(outputFormat.values).default(outputFormat.default),
  seed: seedField,
  sync_mode: z.boolean().optional(),
});

export type FireRedInput = z.input<typeof inputSchema>;

const outputSchema = z.object({
  images: z.array(falImageSchema),
  // Published as required; when missing, nothing was flagged.
  has_nsfw_concepts: z.array(z.boolean()).nullish(),
  seed: z.number().nullish(),
});

function normalizeOutput(raw: unknown): NormalizedOutput {
  const output = parseOutput(outputSchema, raw, ENDPOINT);
  return {
    images: output.images.map((image, i) => toOutputImage(image, output.has_nsfw_concepts?.[i] ?? false)),
    ...(output.seed != null && { seed: output.seed }),
  };
}

const USD_PER_MEGAPIXEL = 0.0325;

const megapixels = ({ width, height }: Dimensions) => (width * height) / 1_000_000;
const formatMegapixels = (mp: number) => `${Math.round(mp * 10_000) / 10_000} MP`;

/**
 * fal bills megapixels of output. We count exact megapixels (width × height / 1,000,000, no rounding up per
 * image) since fal publishes no rounding rule for this endpoint.
 */
function estimateCost(input: FireRedInput, output?: NormalizedOutput): CostEstimate {
  const requested = input.image_size === undefined ? undefined : dimensionsOf(input.image_size);
  // Without an image_size the output follows the input image, whose size we do not know: assume 1 MP.
  const expectedMp = requested ? megapixels(requested) : 1;
  let mp: number;
  let detail: string;
  if (output) {
    const unsized = output.images.filter((image) => !image.width || !image.height).length;
    mp = output.images.reduce(
      (sum, image) => sum + (image.width && image.height ? megapixels({ width: image.width, height: image.height }) : expectedMp),
      0,
    );
    const assumed = unsized > 0 ? ` (size not reported for ${countOf(unsized, "image")}, ${formatMegapixels(expectedMp)} each assumed)` : "";
    detail = `${countOf(output.images.length, "image")} returned, ${formatMegapixels(mp)}${assumed}`;
  } else {
    const count = input.num_images ?? 1;
    mp = count * expectedMp;
    const preset = typeof input.image_size === "string" ? ` (${input.image_size})` : "";
    const size = requested
      ? `at ${requested.width}×${requested.height}${preset}`
      : "at 1 MP each (assumed: the output follows the input image's size, unknown before running)";
    detail = `${countOf(count, "image")} ${size} = ${formatMegapixels(mp)}`;
  }
  const usd = mp * USD_PER_MEGAPIXEL;
  return { usd: roundUsd(usd), published: true, breakdown: `${detail} × ${formatUsd(USD_PER_MEGAPIXEL)} per MP = ${formatUsd(usd)}` };
}

export const fireRedModels: ModelFamily = (lookup) => [
  defineModel<FireRedInput>(
    {
      id: "firered-edit",
      endpoint: ENDPOINT,
      name: "FireRed Image Edit 1.1",
      summary: "Open-source editor that keeps faces and lettering intact; understands English and Chinese prompts.",
      kind: "edit",
      inputImages: { min: 1, max: MAX_IMAGES, field: "image_urls" },
      options: {
        count: { ...imageCountRange },
        formats: outputFormat.values,
        defaultFormat: outputFormat.default,
        seed: true,
        negativePrompt: true,
        steps: { ...steps },
        guidance: { ...guidance },
        imageSizes: imageSizePresetNames,
        customSize: { ...imageSideBounds },
        accelerations: acceleration.values,
        defaultAcceleration: acceleration.default,
        safetyChecker: true,
        webSearch: false,
      },
      maxPromptLength: MAX_PROMPT_LENGTH,
      inputSchema,
      normalizeOutput,
      estimateCost,
      priceLabel: `${formatUsd(USD_PER_MEGAPIXEL)} per megapixel`,
    },
    lookup,
  ),
];
