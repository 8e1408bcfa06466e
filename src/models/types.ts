// The shape every catalog entry has. The commands, the validation and the cost estimates read only this.
import type { z } from "zod";
import type { SupportedLocale } from "../i18n/index.js";
import type { AssetKind } from "../discord/expression-rules.js";

/** "vision": reads images and answers in words (Describe); "upscale": makes an image larger (Upscale). */
export type ModelKind = "text-to-image" | "edit" | "vision" | "upscale" | "background-removal";

/** A user's request in falcord's own terms, before it is turned into a fal input. */
export interface GenerationRequest {
  prompt: string;
  /** Image URLs for edit models (Discord attachment URLs, or fal storage URLs when re-hosted). */
  imageUrls?: string[];
  aspectRatio?: string;
  resolution?: string;
  count?: number;
  format?: string;
  seed?: number;
  negativePrompt?: string;
  steps?: number;
  guidance?: number;
  /** FireRed image_size preset name, or "WIDTHxHEIGHT". */
  imageSize?: string;
  /** A custom output width and height in pixels (FireRed's image_size {width, height}): both or neither. */
  width?: number;
  height?: number;
  /** FireRed's inference speed-up: "none", "regular" or "high". */
  acceleration?: string;
  safetyChecker?: boolean;
  /** Gemini safety_tolerance "1" (strict) … "6" (least strict). */
  safetyTolerance?: string;
  webSearch?: boolean;
  thinking?: string;
  /**
   * The member's saved style this request used, for the record: its prompt addition is already in `prompt` and its
   * images in `imageUrls`, so a re-run repeats the same input.
   */
  style?: string;
  /** Upscale models: how many times larger each side of the output is. */
  upscaleFactor?: number;
  /**
   * Zoom out and Pan: the image at `source` goes on a larger canvas, made just before the job goes to fal, and the
   * edit model fills the new area. The source is kept here: a re-roll or retry makes the canvas again from it.
   */
  canvas?: CanvasExpansion & { source: string };
  /**
   * Set when the bot wrote the prompt (an action on a result: Upscale, Vary, Zoom out, Pan): the action's name and the
   * member's words it started from, shown in place of the prompt and built on by further actions.
   */
  action?: { label: string; basePrompt: string };
  /**
   * /asset and Make asset: the result becomes one of the server's own images, fitted to Discord's rules for the kind
   * (see discord/expression-rules.ts); `transparent` removes the background first (emoji and stickers).
   */
  asset?: { kind: AssetKind; transparent: boolean };
}

/** How the canvas grows around a result's image (see media/canvas.ts). */
export type CanvasExpansion = { kind: "zoom"; factor: 1.5 | 2 } | { kind: "pan"; direction: "left" | "right" | "up" | "down" };

/** Which of GenerationRequest's knobs a model accepts, with the values it accepts. */
export interface ModelOptions {
  aspectRatios?: readonly string[];
  defaultAspectRatio?: string;
  resolutions?: readonly string[];
  defaultResolution?: string;
  count?: { min: number; max: number };
  formats?: readonly string[];
  defaultFormat?: string;
  seed: boolean;
  negativePrompt: boolean;
  steps?: { min: number; max: number; default: number };
  guidance?: { min: number; max: number; default: number };
  imageSizes?: readonly string[];
  /** Bounds per side when the model takes a custom width × height. */
  customSize?: { min: number; max: number };
  accelerations?: readonly string[];
  defaultAcceleration?: string;
  safetyChecker: boolean;
  safetyTolerance?: readonly string[];
  webSearch: boolean;
  thinking?: readonly string[];
}

export interface OutputImage {
  url: string;
  contentType?: string;
  width?: number;
  height?: number;
  fileName?: string;
  fileSize?: number;
  /** True when the model's safety checker flagged this image. */
  nsfw: boolean;
}

/** The tokens a text-answering model (vision) was billed for, and their cost when fal reports it. */
export interface TokenUsage {
  promptTokens?: number;
  completionTokens?: number;
  /** USD, as fal reports it for the request. */
  costUsd?: number;
}

/** Every model's output in one shape. `images` may be empty: Gemini can answer with text only, a vision model always does. */
export interface NormalizedOutput {
  images: OutputImage[];
  description?: string;
  seed?: number;
  usage?: TokenUsage;
}

export interface CostEstimate {
  usd: number;
  /** False when fal publishes no price for the endpoint and the figure is our estimate. */
  published: boolean;
  /** How the figure was reached, e.g. "2 images × $0.15 × 2 (4K)". */
  breakdown: string;
}

/** A user-facing problem with a request: which option, and what to change (in the member's language). */
export interface RequestProblem {
  option: Exclude<keyof GenerationRequest, "style" | "upscaleFactor" | "canvas" | "action" | "asset"> | "images";
  message: string;
}

export type BuildResult<I> = { ok: true; input: I } | { ok: false; problems: RequestProblem[] };

export interface ModelDefinition<I extends Record<string, unknown> = Record<string, unknown>> {
  /** Stable short key used in commands, custom ids and the database, e.g. "nano-banana-edit". */
  id: string;
  /** fal endpoint id, e.g. "fal-ai/nano-banana/edit". */
  endpoint: string;
  /** Display name, e.g. "Nano Banana (edit)". */
  name: string;
  /** One plain-language line on what the model is good at. */
  summary: string;
  kind: ModelKind;
  /** For a text-to-image model: the id of its edit model, which edits its results (suggested when it is given images; runs a style's reference images). */
  editCounterpart?: string;
  /** For edit models: how many input images, and which fal field carries them. */
  inputImages: { min: number; max: number; field: "image_urls" | "image_url" } | null;
  options: ModelOptions;
  /** Longest prompt (and negative prompt) accepted, in characters; commands can use it as Discord's `max_length`. */
  maxPromptLength: number;
  /** fal's input schema for the endpoint, as published (fields, enums, defaults, ranges). */
  inputSchema: z.ZodType<I>;
  /** Turns a request into this endpoint's input, validated by inputSchema; problems are user-facing, in `locale` (default English). */
  buildInput(request: GenerationRequest, locale?: SupportedLocale): BuildResult<I>;
  /** Normalises fal's result payload for this endpoint. Throws on a payload that is not the endpoint's output. */
  normalizeOutput(raw: unknown): NormalizedOutput;
  /** Cost before running (from the input) or after (with the real output, which settles it). */
  estimateCost(input: I, output?: NormalizedOutput): CostEstimate;
  /** Price as shown to users, e.g. "$0.039 per image". */
  priceLabel: string;
}
