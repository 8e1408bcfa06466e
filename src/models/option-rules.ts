// How each GenerationRequest knob maps to a fal field, whether a model offers it, and which values it takes.
// The catalog's validation, its suggestions of other models and the fal input all read this one table.
import { MAX_SEED } from "./fields.js";
import {
  imageSideBounds,
  isImageSizePreset,
  parseDimensions,
  withinSideBounds,
  type Dimensions,
} from "./image-size.js";
import type { GenerationRequest, ModelDefinition, ModelOptions } from "./types.js";
import { listOr } from "../wording.js";

/** The request's knobs besides the prompt and the images, which every model has its own rules for. */
export type RequestOption = Exclude<keyof GenerationRequest, "prompt" | "imageUrls" | "style" | "upscaleFactor" | "canvas" | "action">;

/** What is wrong with a value for a model that offers the option. */
export type ValueProblem =
  /** The option is a closed list and the value is not on this model's list. */
  | { kind: "not-offered"; allowed: readonly string[] }
  /** Anything else: a complete sentence saying what to give instead. */
  | { kind: "invalid"; message: string };

/** The parts of a model its option values are checked against. */
export type OptionTarget = Pick<ModelDefinition, "name" | "options" | "maxPromptLength">;

interface OptionRule {
  /** Plain-language name, as in "the aspect ratio". */
  label: string;
  /** The fal input field the option becomes. */
  falField: string;
  /** When the option is one key of an object in falField (width of image_size {width, height}): that key. */
  falKey?: string;
  isOffered(options: ModelOptions): boolean;
  /** Only called when the option is offered. */
  check(value: unknown, target: OptionTarget): ValueProblem | undefined;
  /** Only called on a value that passed `check`. */
  toFal(value: unknown, options: ModelOptions): unknown;
}

const asIs = (value: unknown) => value;

function choiceRule(label: string, falField: string, values: (o: ModelOptions) => readonly string[] | undefined): OptionRule {
  return {
    label,
    falField,
    isOffered: (options) => values(options) !== undefined,
    check(value, { options }) {
      const allowed = values(options) ?? [];
      return typeof value === "string" && allowed.includes(value) ? undefined : { kind: "not-offered", allowed };
    },
    toFal: asIs,
  };
}

interface Range {
  min: number;
  max: number;
}

function numberProblem(label: string, value: unknown, range: Range, integer: boolean): ValueProblem | undefined {
  const fits =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    value >= range.min &&
    value <= range.max;
  if (fits) return undefined;
  const what = integer ? "a whole number" : "a number";
  return { kind: "invalid", message: `The ${label} must be ${what} from ${range.min} to ${range.max}; you gave ${String(value)}.` };
}

function rangeRule(label: string, falField: string, range: (o: ModelOptions) => Range | undefined, integer: boolean): OptionRule {
  return {
    label,
    falField,
    isOffered: (options) => range(options) !== undefined,
    check(value, { options }) {
      const limits = range(options);
      return limits && numberProblem(label, value, limits, integer);
    },
    toFal: asIs,
  };
}

function switchRule(label: string, falField: string, isOffered: (o: ModelOptions) => boolean): OptionRule {
  return {
    label,
    falField,
    isOffered,
    check: (value) =>
      typeof value === "boolean" ? undefined : { kind: "invalid", message: `The ${label} must be on or off.` },
    toFal: asIs,
  };
}

const seedRule: OptionRule = {
  label: "seed",
  falField: "seed",
  isOffered: (options) => options.seed,
  check: (value) => numberProblem("seed", value, { min: 0, max: MAX_SEED }, true),
  toFal: asIs,
};

const negativePromptRule: OptionRule = {
  label: "negative prompt",
  falField: "negative_prompt",
  isOffered: (options) => options.negativePrompt,
  check(value, { name, maxPromptLength }) {
    if (typeof value !== "string") return { kind: "invalid", message: "The negative prompt must be text." };
    if (value.length <= maxPromptLength) return undefined;
    const [length, max] = [value.length, maxPromptLength].map((n) => n.toLocaleString("en-US"));
    return { kind: "invalid", message: `The negative prompt is ${length} characters long; ${name} takes at most ${max}. Shorten it.` };
  },
  toFal: asIs,
};

/** A preset name from the model's list, or "WIDTHxHEIGHT". */
function imageSizeValue(value: unknown, options: ModelOptions): string | Dimensions | undefined {
  if (typeof value !== "string") return undefined;
  if (isImageSizePreset(value) && options.imageSizes?.includes(value)) return value;
  const dimensions = parseDimensions(value);
  return dimensions && withinSideBounds(dimensions) ? dimensions : undefined;
}

/** One side of a custom image_size {width, height}; build-input checks that both sides come together. */
function sideRule(side: "width" | "height"): OptionRule {
  return {
    label: side,
    falField: "image_size",
    falKey: side,
    isOffered: (options) => options.customSize !== undefined,
    check: (value, { options }) => options.customSize && numberProblem(`${side} in pixels`, value, options.customSize, true),
    toFal: asIs,
  };
}

const imageSizeRule: OptionRule = {
  label: "image size",
  falField: "image_size",
  isOffered: (options) => options.imageSizes !== undefined,
  check(value, { name, options }) {
    if (imageSizeValue(value, options) !== undefined) return undefined;
    const { min, max } = imageSideBounds;
    return {
      kind: "invalid",
      message:
        `The image size "${String(value)}" is not one ${name} knows; choose one of ${listOr(options.imageSizes ?? [])}, ` +
        `or give WIDTHxHEIGHT such as 1024x768, each side ${min} to ${max} pixels.`,
    };
  },
  toFal: imageSizeValue,
};

export const optionRules: Readonly<Record<RequestOption, OptionRule>> = {
  aspectRatio: choiceRule("aspect ratio", "aspect_ratio", (o) => o.aspectRatios),
  resolution: choiceRule("resolution", "resolution", (o) => o.resolutions),
  count: rangeRule("number of images", "num_images", (o) => o.count, true),
  format: choiceRule("output format", "output_format", (o) => o.formats),
  seed: seedRule,
  negativePrompt: negativePromptRule,
  steps: rangeRule("number of steps", "num_inference_steps", (o) => o.steps, true),
  guidance: rangeRule("guidance", "guidance_scale", (o) => o.guidance, false),
  imageSize: imageSizeRule,
  width: sideRule("width"),
  height: sideRule("height"),
  acceleration: choiceRule("acceleration", "acceleration", (o) => o.accelerations),
  safetyChecker: switchRule("safety checker setting", "enable_safety_checker", (o) => o.safetyChecker),
  safetyTolerance: choiceRule("safety tolerance", "safety_tolerance", (o) => o.safetyTolerance),
  webSearch: switchRule("web search setting", "enable_web_search", (o) => o.webSearch),
  thinking: choiceRule("thinking level", "thinking_level", (o) => o.thinking),
};

export const requestOptions = Object.keys(optionRules) as RequestOption[];

/** True when the model takes `option`, and `value` too when one is given. */
export function offers(target: OptionTarget, option: RequestOption, value?: unknown): boolean {
  const rule = optionRules[option];
  if (!rule.isOffered(target.options)) return false;
  return value === undefined || rule.check(value, target) === undefined;
}

const fixedFieldLabels: Record<string, string> = { prompt: "prompt", image_urls: "images", image_url: "image" };

/** The plain-language name of a fal input field, for explaining fal's own validation errors. */
export function labelForFalField(falField: string): string {
  const [top = falField, key] = falField.split(".");
  const rules = Object.values(optionRules);
  const rule =
    rules.find((r) => r.falField === top && r.falKey !== undefined && r.falKey === key) ??
    rules.find((r) => r.falField === top && r.falKey === undefined);
  return fixedFieldLabels[top] ?? rule?.label ?? top.replace(/_/g, " ");
}
