// fal's published inputs for the endpoints falcord uses, written independently of src/models so the fake
// is a check on the bot's catalog, not a copy of it. Strict: unknown fields are rejected (extra="forbid"), so a
// field an endpoint's page does not list (a seed sent to Gemini 2.5 Flash Image) is a 422 as at fal.
// Sources: the saved model pages (DESIGN.md's fal-model-pages/) where there is one, fal's API reference for the
// others. Defaults are fal's published defaults; FireRed's ranges follow DESIGN.md.
import { z } from "zod";

export const GEMINI_RATIOS = ["21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16"] as const;
export const EXTREME_RATIOS = ["4:1", "1:4", "8:1", "1:8"] as const;

export const FIRERED_IMAGE_SIZES = {
  square_hd: { width: 1024, height: 1024 },
  square: { width: 512, height: 512 },
  portrait_4_3: { width: 768, height: 1024 },
  portrait_16_9: { width: 576, height: 1024 },
  landscape_4_3: { width: 1024, height: 768 },
  landscape_16_9: { width: 1024, height: 576 },
} as const;
type FireRedPreset = keyof typeof FIRERED_IMAGE_SIZES;
const FIRERED_PRESETS = Object.keys(FIRERED_IMAGE_SIZES) as [FireRedPreset, ...FireRedPreset[]];

const prompt = z.string().min(1);
const imageUrls = z.array(z.string()).min(1);
const numImages = z.int().min(1).max(4).default(1);
const seed = z.int().optional();
const syncMode = z.boolean().default(false);

const geminiFormats = ["jpeg", "png", "webp"] as const;
const safetyTolerance = z.enum(["1", "2", "3", "4", "5", "6"]).default("4");

// Gemini 2.5 Flash Image (fal-ai/gemini-25-flash-image page; fal-ai/nano-banana is the same model): no seed, no
// safety_tolerance, no limit_generations, jpeg by default. The edit keeps the same fields, aspect ratio "auto" added.
const flashCommon = {
  prompt,
  num_images: numImages,
  output_format: z.enum(geminiFormats).default("jpeg"),
  sync_mode: syncMode,
};

const nanoBanana = z.strictObject({
  ...flashCommon,
  aspect_ratio: z.enum(GEMINI_RATIOS).default("1:1"),
});

const nanoBananaEdit = z.strictObject({
  ...flashCommon,
  image_urls: imageUrls,
  aspect_ratio: z.enum(["auto", ...GEMINI_RATIOS]).default("auto"),
});

const proCommon = {
  prompt,
  num_images: numImages,
  output_format: z.enum(geminiFormats).default("png"),
  sync_mode: syncMode,
  resolution: z.enum(["1K", "2K", "4K"]).default("1K"),
  enable_web_search: z.boolean().default(false),
  limit_generations: z.boolean().default(false),
};

// fal's API reference for fal-ai/nano-banana-pro lists a seed and safety_tolerance.
const nanoBananaPro = z.strictObject({
  ...proCommon,
  seed,
  safety_tolerance: safetyTolerance,
  aspect_ratio: z.enum(["auto", ...GEMINI_RATIOS]).default("1:1"),
});

// The fal-ai/nano-banana-pro/edit page lists neither.
const nanoBananaProEdit = z.strictObject({
  ...proCommon,
  image_urls: imageUrls,
  aspect_ratio: z.enum(["auto", ...GEMINI_RATIOS]).default("auto"),
});

// fal's API reference for fal-ai/nano-banana-2 (and /edit).
const nanoBanana2Common = {
  prompt,
  num_images: numImages,
  output_format: z.enum(geminiFormats).default("png"),
  seed,
  safety_tolerance: safetyTolerance,
  sync_mode: syncMode,
  aspect_ratio: z.enum(["auto", ...GEMINI_RATIOS, ...EXTREME_RATIOS]).default("auto"),
  resolution: z.enum(["0.5K", "1K", "2K", "4K"]).default("1K"),
  thinking_level: z.enum(["minimal", "high"]).optional(),
  enable_web_search: z.boolean().default(false),
  limit_generations: z.boolean().default(true),
};

const nanoBanana2 = z.strictObject(nanoBanana2Common);
const nanoBanana2Edit = z.strictObject({ ...nanoBanana2Common, image_urls: imageUrls });

const geminiFlashEdit = z.strictObject({ prompt, image_url: z.string() });

const fireRedEdit = z.strictObject({
  prompt,
  image_urls: imageUrls,
  negative_prompt: z.string().default(""),
  num_images: numImages,
  num_inference_steps: z.int().min(2).max(50).default(30),
  guidance_scale: z.number().min(1).max(10).default(4),
  acceleration: z.enum(["none", "regular", "high"]).default("regular"),
  enable_safety_checker: z.boolean().default(true),
  image_size: z
    .union([
      z.enum(FIRERED_PRESETS),
      z.strictObject({
        width: z.int().min(1).max(14142).default(512),
        height: z.int().min(1).max(14142).default(512),
      }),
    ])
    .optional(),
  output_format: z.enum(["jpeg", "png"]).default("png"),
  seed,
  sync_mode: syncMode,
});

/**
 * openrouter/router/vision as fal's API reference publishes it (fal.ai/docs/model-api-reference/vision-api/
 * openrouter-router): image_urls, prompt and model required; temperature 0–2.
 */
const openRouterVision = z.strictObject({
  image_urls: z.array(z.string()),
  prompt: z.string(),
  system_prompt: z.string().optional(),
  model: z.string(),
  reasoning: z.boolean().default(false),
  temperature: z.number().min(0).max(2).default(1),
  max_tokens: z.int().optional(),
});

/**
 * SeedVR2's upscaler, as fal publishes it (https://fal.ai/models/fal-ai/seedvr/upscale/image/llms.txt): one image,
 * a factor (1–10, "factor" mode) or a target resolution ("target" mode); output { image, seed }.
 */
const seedvrUpscale = z.strictObject({
  image_url: z.string(),
  upscale_mode: z.enum(["target", "factor"]).default("factor"),
  upscale_factor: z.number().min(1).max(10).default(2),
  target_resolution: z.enum(["720p", "1080p", "1440p", "2160p"]).default("1080p"),
  noise_scale: z.number().min(0).max(1).default(0.1),
  output_format: z.enum(["png", "jpg", "webp"]).default("jpg"),
  seed,
  sync_mode: syncMode,
});

/**
 * Bria's RMBG 2.0, as fal publishes it (https://fal.ai/models/fal-ai/bria/background/remove/llms.txt): one image;
 * output { image }, a PNG with transparency.
 */
const briaBackgroundRemove = z.strictObject({
  image_url: z.string(),
  sync_mode: syncMode,
});

export const falEndpointSchemas = {
  "fal-ai/nano-banana": nanoBanana,
  "fal-ai/nano-banana/edit": nanoBananaEdit,
  "fal-ai/gemini-25-flash-image": nanoBanana,
  "fal-ai/gemini-25-flash-image/edit": nanoBananaEdit,
  "fal-ai/nano-banana-pro": nanoBananaPro,
  "fal-ai/nano-banana-pro/edit": nanoBananaProEdit,
  "fal-ai/nano-banana-2": nanoBanana2,
  "fal-ai/nano-banana-2/edit": nanoBanana2Edit,
  "fal-ai/gemini-flash-edit": geminiFlashEdit,
  "fal-ai/firered-image-edit-v1.1": fireRedEdit,
  "openrouter/router/vision": openRouterVision,
  "fal-ai/seedvr/upscale/image": seedvrUpscale,
  "fal-ai/bria/background/remove": briaBackgroundRemove,
} as const satisfies Record<string, z.ZodType>;

export type FalEndpointId = keyof typeof falEndpointSchemas;

export function isFalEndpoint(id: string): id is FalEndpointId {
  return Object.hasOwn(falEndpointSchemas, id);
}

/** How an endpoint's output is shaped. */
export type OutputFamily = "gemini" | "gemini-single" | "firered" | "vision" | "seedvr" | "bria";

export function outputFamily(endpoint: FalEndpointId): OutputFamily {
  if (endpoint === "openrouter/router/vision") return "vision";
  if (endpoint === "fal-ai/gemini-flash-edit") return "gemini-single";
  if (endpoint === "fal-ai/firered-image-edit-v1.1") return "firered";
  if (endpoint === "fal-ai/seedvr/upscale/image") return "seedvr";
  if (endpoint === "fal-ai/bria/background/remove") return "bria";
  return "gemini";
}
