// GenerationRequest → fal input for any catalog entry: plain-language checks first (so a member learns what to
// change), then the entry's zod schema as the final word on what fal accepts.
import type { z } from "zod";
import type { CatalogLookup, ModelSpec } from "./lookup.js";
import { optionRules, requestOptions, type RequestOption } from "./option-rules.js";
import type { BuildResult, GenerationRequest, RequestProblem } from "./types.js";
import { chooseAmong, countOf, listOr } from "../wording.js";

type Model = ModelSpec<Record<string, unknown>>;

const formatCount = (n: number) => n.toLocaleString("en-US");

/**
 * Characters that show nothing: format characters (zero-width spaces and joiners, direction marks, the BOM, soft
 * hyphens) and the blank letters used to fake an empty name (Hangul fillers, the braille blank).
 */
const invisible = /[\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]/gu;

function promptProblems(model: Model, prompt: string): RequestProblem[] {
  const max = model.maxPromptLength;
  const what = { edit: "the change you want", "text-to-image": "the image you want", vision: "what to ask about the image", upscale: "the image you want" }[model.kind];
  if (!prompt) return [{ option: "prompt", message: `The prompt is empty; describe ${what}.` }];
  if (!prompt.replace(invisible, "").trim()) {
    return [{ option: "prompt", message: `The prompt has only invisible characters (such as zero-width spaces); describe ${what} in words.` }];
  }
  if (prompt.length <= max) return [];
  const message = `The prompt is ${formatCount(prompt.length)} characters long; ${model.name} takes at most ${formatCount(max)}. Shorten it.`;
  return [{ option: "prompt", message }];
}

function imageProblems(model: Model, urls: readonly string[], lookup: CatalogLookup): RequestProblem[] {
  const count = urls.length;
  if (!model.inputImages) {
    if (count === 0) return [];
    const counterpart = model.editCounterpart ? lookup.get(model.editCounterpart) : undefined;
    const fix = counterpart ? `choose ${counterpart.name} to edit them` : "choose an edit model";
    return [
      {
        option: "images",
        message: `${model.name} makes images from text only and does not take input images; remove the images, or ${fix}.`,
      },
    ];
  }
  const { min, max } = model.inputImages;
  if (count >= min && count <= max) return [];
  const takes = min === max ? `exactly ${countOf(min, "image")}` : `${min} to ${max} images`;
  let fix: string;
  if (count < min) {
    fix = `Attach ${count === 0 && min === 1 ? "an image" : countOf(min - count, "more image")}${model.kind === "edit" ? " to edit" : ""}.`;
  } else {
    const roomier = lookup
      .list(model.kind)
      .filter((other) => other.id !== model.id && other.inputImages && other.inputImages.max >= count)
      .map((other) => other.name);
    const elsewhere = roomier.length > 0 ? `, or ${chooseAmong(roomier, "switch to")}, which take${roomier.length === 1 ? "s" : ""} that many` : "";
    fix = `Remove ${countOf(count - max, "image")}${elsewhere}.`;
  }
  return [{ option: "images", message: `${model.name} takes ${takes}; you gave ${count}. ${fix}` }];
}

/** Names of other models of the same kind that take `option` (and `value`, when given). */
function alternatives(model: Model, lookup: CatalogLookup, option: RequestOption, value?: unknown): string[] {
  return lookup
    .modelsSupporting(option, value)
    .filter((other) => other.kind === model.kind && other.id !== model.id)
    .map((other) => other.name);
}

function notOfferedMessage(model: Model, option: RequestOption, lookup: CatalogLookup): string {
  const { label } = optionRules[option];
  const others = alternatives(model, lookup, option);
  const fix = others.length > 0 ? `${chooseAmong(others)}, or leave the ${label} empty` : `leave the ${label} empty`;
  return `${model.name} does not let you set the ${label}; ${fix}.`;
}

function notInListMessage(
  model: Model,
  option: RequestOption,
  value: unknown,
  allowed: readonly string[],
  lookup: CatalogLookup,
): string {
  const { label } = optionRules[option];
  const others = alternatives(model, lookup, option, value);
  const elsewhere = others.length > 0 ? `, or ${chooseAmong(others, "switch to")}, which offer${others.length === 1 ? "s" : ""} it` : "";
  const choose = `choose ${allowed.length > 2 ? "one of " : ""}${listOr(allowed)}`;
  return `${model.name} does not offer the ${label} "${String(value)}"; ${choose}${elsewhere}.`;
}

const fieldToOption = new Map<string, RequestProblem["option"]>([
  ["prompt", "prompt"],
  ["image_urls", "images"],
  ["image_url", "images"],
  ...requestOptions.map((option) => {
    const { falField, falKey } = optionRules[option];
    return [falKey === undefined ? falField : `${falField}.${falKey}`, option] as const;
  }),
]);

function labelOf(option: RequestProblem["option"]): string {
  if (option === "prompt") return "prompt";
  if (option === "images" || option === "imageUrls") return "images";
  return optionRules[option].label;
}

function optionOfField(model: Model, field: string, key?: string): RequestProblem["option"] {
  const option = (key !== undefined ? fieldToOption.get(`${field}.${key}`) : undefined) ?? fieldToOption.get(field);
  // buildInput only writes fields from the table above, so an unknown one is a catalog bug, not the member's.
  if (!option) throw new Error(`catalog entry ${model.id} built a field its option table does not know: "${field}"`);
  return option;
}

function issueToProblems(model: Model, issue: z.core.$ZodIssue): RequestProblem[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ option: optionOfField(model, key), message: `${model.name} does not take "${key}".` }));
  }
  const [field, key] = issue.path.map(String);
  const option = optionOfField(model, field ?? "", key);
  return [{ option, message: `${model.name} did not accept the ${labelOf(option)}: ${issue.message}.` }];
}

/** A custom size takes both sides (fal would fill a missing one with 512 px), and replaces a size preset. */
function customSizeProblems(model: Model, request: GenerationRequest): RequestProblem[] {
  const { width, height, imageSize } = request;
  const hasWidth = width !== undefined && width !== null;
  const hasHeight = height !== undefined && height !== null;
  if (!model.options.customSize || (!hasWidth && !hasHeight)) return [];
  const { min, max } = model.options.customSize;
  if (hasWidth !== hasHeight) {
    const [given, missing] = hasWidth ? (["width", "height"] as const) : (["height", "width"] as const);
    return [{ option: missing, message: `You gave a ${given} but no ${missing}; give both (each ${min} to ${max} pixels), or neither to keep the input's size.` }];
  }
  if (imageSize === undefined || imageSize === null) return [];
  return [{ option: "imageSize", message: "Choose either an image size or a width and height, not both." }];
}

export function buildFalInput<I extends Record<string, unknown>>(
  model: ModelSpec<I>,
  request: GenerationRequest,
  lookup: CatalogLookup,
): BuildResult<I> {
  const prompt = request.prompt.trim();
  const urls = request.imageUrls ?? [];
  const problems = [...promptProblems(model, prompt), ...imageProblems(model, urls, lookup)];

  const input: Record<string, unknown> = { ...model.fixedInput, prompt };
  if (model.inputImages) input[model.inputImages.field] = model.inputImages.field === "image_url" ? urls[0] : [...urls];

  for (const option of requestOptions) {
    const value: unknown = request[option];
    // Only what the member chose is sent: fal applies its own defaults to the rest.
    if (value === undefined || value === null) continue;
    const rule = optionRules[option];
    if (!rule.isOffered(model.options)) {
      problems.push({ option, message: notOfferedMessage(model, option, lookup) });
      continue;
    }
    const problem = rule.check(value, model);
    if (problem) {
      const message =
        problem.kind === "invalid" ? problem.message : notInListMessage(model, option, value, problem.allowed, lookup);
      problems.push({ option, message });
      continue;
    }
    const falValue = rule.toFal(value, model.options);
    if (rule.falKey === undefined) input[rule.falField] = falValue;
    else input[rule.falField] = { ...(input[rule.falField] as Record<string, unknown> | undefined), [rule.falKey]: falValue };
  }
  problems.push(...customSizeProblems(model, request));
  if (problems.length > 0) return { ok: false, problems };

  const parsed = model.inputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((issue) => issueToProblems(model, issue)) };
  // `input`, not `parsed.data`: the parsed copy has fal's defaults filled in, and only the member's choices are sent.
  return { ok: true, input: input as I };
}
