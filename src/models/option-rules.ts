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
import { fallbackLocale, listOr, t, type MessageKey, type SupportedLocale } from "../i18n/index.js";

/** The request's knobs besides the prompt and the images, which every model has its own rules for. */
export type RequestOption = Exclude<keyof GenerationRequest, "prompt" | "imageUrls" | "style" | "upscaleFactor" | "canvas" | "action" | "asset">;

/** What is wrong with a value for a model that offers the option. */
export type ValueProblem =
  /** The option is a closed list and the value is not on this model's list. */
  | { kind: "not-offered"; allowed: readonly string[] }
  /** Anything else: a complete sentence in the member's language saying what to give instead. */
  | { kind: "invalid"; message: string };

/** The parts of a model its option values are checked against. */
export type OptionTarget = Pick<ModelDefinition, "name" | "options" | "maxPromptLength">;

/** An option's plain-language name, as in "the aspect ratio", in every language. */
type LabelKey = Extract<MessageKey, `options.label.${string}`>;

interface OptionRule {
  /** Plain-language name, as in "the aspect ratio". */
  label: LabelKey;
  /** The fal input field the option becomes. */
  falField: string;
  /** When the option is one key of an object in falField (width of image_size {width, height}): that key. */
  falKey?: string;
  isOffered(options: ModelOptions): boolean;
  /** Only called when the option is offered; an invalid value's message is in `locale`. */
  check(value: unknown, target: OptionTarget, locale: SupportedLocale): ValueProblem | undefined;
  /** Only called on a value that passed `check`. */
  toFal(value: unknown, options: ModelOptions): unknown;
}

const asIs = (value: unknown) => value;

function choiceRule(label: LabelKey, falField: string, values: (o: ModelOptions) => readonly string[] | undefined): OptionRule {
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

function numberProblem(locale: SupportedLocale, label: LabelKey, value: unknown, range: Range, integer: boolean): ValueProblem | undefined {
  const fits =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    value >= range.min &&
    value <= range.max;
  if (fits) return undefined;
  const values = { label: t(locale, label), integer: integer ? "yes" : "no", min: range.min, max: range.max, value: String(value) };
  return { kind: "invalid", message: t(locale, "options.outOfRange", values) };
}

function rangeRule(label: LabelKey, falField: string, range: (o: ModelOptions) => Range | undefined, integer: boolean): OptionRule {
  return {
    label,
    falField,
    isOffered: (options) => range(options) !== undefined,
    check(value, { options }, locale) {
      const limits = range(options);
      return limits && numberProblem(locale, label, value, limits, integer);
    },
    toFal: asIs,
  };
}

function switchRule(label: LabelKey, falField: string, isOffered: (o: ModelOptions) => boolean): OptionRule {
  return {
    label,
    falField,
    isOffered,
    check: (value, _target, locale) =>
      typeof value === "boolean" ? undefined : { kind: "invalid", message: t(locale, "options.onOrOff", { label: t(locale, label) }) },
    toFal: asIs,
  };
}

const seedRule: OptionRule = {
  label: "options.label.seed",
  falField: "seed",
  isOffered: (options) => options.seed,
  check: (value, _target, locale) => numberProblem(locale, "options.label.seed", value, { min: 0, max: MAX_SEED }, true),
  toFal: asIs,
};

const negativePromptRule: OptionRule = {
  label: "options.label.negativePrompt",
  falField: "negative_prompt",
  isOffered: (options) => options.negativePrompt,
  check(value, { name, maxPromptLength }, locale) {
    if (typeof value !== "string") return { kind: "invalid", message: t(locale, "options.negativePromptText") };
    if (value.length <= maxPromptLength) return undefined;
    const message = t(locale, "options.negativePromptTooLong", { length: value.length, model: name, max: maxPromptLength });
    return { kind: "invalid", message };
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
    label: `options.label.${side}`,
    falField: "image_size",
    falKey: side,
    isOffered: (options) => options.customSize !== undefined,
    check: (value, { options }, locale) =>
      options.customSize && numberProblem(locale, `options.label.${side}Pixels`, value, options.customSize, true),
    toFal: asIs,
  };
}

const imageSizeRule: OptionRule = {
  label: "options.label.imageSize",
  falField: "image_size",
  isOffered: (options) => options.imageSizes !== undefined,
  check(value, { name, options }, locale) {
    if (imageSizeValue(value, options) !== undefined) return undefined;
    const { min, max } = imageSideBounds;
    const sizes = listOr(locale, options.imageSizes ?? []);
    return { kind: "invalid", message: t(locale, "options.imageSizeUnknown", { value: String(value), model: name, sizes, min, max }) };
  },
  toFal: imageSizeValue,
};

export const optionRules: Readonly<Record<RequestOption, OptionRule>> = {
  aspectRatio: choiceRule("options.label.aspectRatio", "aspect_ratio", (o) => o.aspectRatios),
  resolution: choiceRule("options.label.resolution", "resolution", (o) => o.resolutions),
  count: rangeRule("options.label.count", "num_images", (o) => o.count, true),
  format: choiceRule("options.label.format", "output_format", (o) => o.formats),
  seed: seedRule,
  negativePrompt: negativePromptRule,
  steps: rangeRule("options.label.steps", "num_inference_steps", (o) => o.steps, true),
  guidance: rangeRule("options.label.guidance", "guidance_scale", (o) => o.guidance, false),
  imageSize: imageSizeRule,
  width: sideRule("width"),
  height: sideRule("height"),
  acceleration: choiceRule("options.label.acceleration", "acceleration", (o) => o.accelerations),
  safetyChecker: switchRule("options.label.safetyChecker", "enable_safety_checker", (o) => o.safetyChecker),
  safetyTolerance: choiceRule("options.label.safetyTolerance", "safety_tolerance", (o) => o.safetyTolerance),
  webSearch: switchRule("options.label.webSearch", "enable_web_search", (o) => o.webSearch),
  thinking: choiceRule("options.label.thinking", "thinking_level", (o) => o.thinking),
};

export const requestOptions = Object.keys(optionRules) as RequestOption[];

/** True when the model takes `option`, and `value` too when one is given. */
export function offers(target: OptionTarget, option: RequestOption, value?: unknown): boolean {
  const rule = optionRules[option];
  if (!rule.isOffered(target.options)) return false;
  return value === undefined || rule.check(value, target, fallbackLocale) === undefined;
}

const fixedFieldLabels: Record<string, LabelKey> = { prompt: "options.label.prompt", image_urls: "options.label.images", image_url: "options.label.image" };

/** The option's plain-language name in `locale`, as in "the aspect ratio". */
export function optionLabel(option: RequestOption, locale: SupportedLocale): string {
  return t(locale, optionRules[option].label);
}

/** The plain-language name of a fal input field, for explaining fal's own validation errors. */
export function labelForFalField(falField: string, locale: SupportedLocale = fallbackLocale): string {
  const [top = falField, key] = falField.split(".");
  const rules = Object.values(optionRules);
  const rule =
    rules.find((r) => r.falField === top && r.falKey !== undefined && r.falKey === key) ??
    rules.find((r) => r.falField === top && r.falKey === undefined);
  const label = fixedFieldLabels[top] ?? rule?.label;
  return label ? t(locale, label) : top.replace(/_/g, " ");
}
