// GenerationRequest → fal input for any catalog entry: plain-language checks first (so a member learns what to
// change), then the entry's zod schema as the final word on what fal accepts.
import type { z } from "zod";
import type { CatalogLookup, ModelSpec } from "./lookup.js";
import { optionLabel, optionRules, requestOptions, type RequestOption } from "./option-rules.js";
import type { BuildResult, GenerationRequest, RequestProblem } from "./types.js";
import { listOr, t, type SupportedLocale } from "../i18n/index.js";

type Model = ModelSpec<Record<string, unknown>>;

/** Other models to suggest, as a list: up to three are named; longer lists are cut so a message stays one readable line. */
function suggested(locale: SupportedLocale, names: readonly string[]) {
  const some = names.length > 3;
  return { models: listOr(locale, some ? names.slice(0, 3) : names), some: some ? "yes" : "no", modelCount: names.length };
}

/**
 * Characters that show nothing: format characters (zero-width spaces and joiners, direction marks, the BOM, soft
 * hyphens) and the blank letters used to fake an empty name (Hangul fillers, the braille blank).
 */
const invisible = /[\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]/gu;

function promptProblems(model: Model, prompt: string, locale: SupportedLocale): RequestProblem[] {
  const max = model.maxPromptLength;
  const kind = model.kind;
  if (!prompt) return [{ option: "prompt", message: t(locale, "options.promptEmpty", { kind }) }];
  if (!prompt.replace(invisible, "").trim()) return [{ option: "prompt", message: t(locale, "options.promptInvisible", { kind }) }];
  if (prompt.length <= max) return [];
  return [{ option: "prompt", message: t(locale, "options.promptTooLong", { length: prompt.length, model: model.name, max }) }];
}

function imageProblems(model: Model, urls: readonly string[], lookup: CatalogLookup, locale: SupportedLocale): RequestProblem[] {
  const count = urls.length;
  if (!model.inputImages) {
    if (count === 0) return [];
    const counterpart = model.editCounterpart ? lookup.get(model.editCounterpart) : undefined;
    const message = counterpart
      ? t(locale, "options.textOnlyToCounterpart", { model: model.name, counterpart: counterpart.name })
      : t(locale, "options.textOnly", { model: model.name });
    return [{ option: "images", message }];
  }
  const { min, max } = model.inputImages;
  if (count >= min && count <= max) return [];
  const takes = t(locale, "options.imageCount", { model: model.name, exact: min === max ? "yes" : "no", min, max, count });
  const edit = model.kind === "edit" ? "yes" : "no";
  let fix: string;
  if (count < min) {
    fix = count === 0 && min === 1 ? t(locale, "options.attachOne", { edit }) : t(locale, "options.attachMore", { missing: min - count, edit });
  } else {
    const roomier = lookup
      .list(model.kind)
      .filter((other) => other.id !== model.id && other.inputImages && other.inputImages.max >= count)
      .map((other) => other.name);
    fix = roomier.length > 0
      ? t(locale, "options.removeSomeOrSwitch", { extra: count - max, ...suggested(locale, roomier) })
      : t(locale, "options.removeSome", { extra: count - max });
  }
  return [{ option: "images", message: `${takes} ${fix}` }];
}

/** Names of other models of the same kind that take `option` (and `value`, when given). */
function alternatives(model: Model, lookup: CatalogLookup, option: RequestOption, value?: unknown): string[] {
  return lookup
    .modelsSupporting(option, value)
    .filter((other) => other.kind === model.kind && other.id !== model.id)
    .map((other) => other.name);
}

function notOfferedMessage(model: Model, option: RequestOption, lookup: CatalogLookup, locale: SupportedLocale): string {
  const label = optionLabel(option, locale);
  const others = alternatives(model, lookup, option);
  return others.length > 0
    ? t(locale, "options.notOfferedElsewhere", { model: model.name, label, ...suggested(locale, others) })
    : t(locale, "options.notOffered", { model: model.name, label });
}

function notInListMessage(
  model: Model,
  option: RequestOption,
  value: unknown,
  allowed: readonly string[],
  lookup: CatalogLookup,
  locale: SupportedLocale,
): string {
  const others = alternatives(model, lookup, option, value);
  const values = {
    model: model.name,
    label: optionLabel(option, locale),
    value: String(value),
    many: allowed.length > 2 ? "yes" : "no",
    allowed: listOr(locale, allowed),
  };
  return others.length > 0
    ? t(locale, "options.notInListElsewhere", { ...values, ...suggested(locale, others) })
    : t(locale, "options.notInList", values);
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

function labelOf(option: RequestProblem["option"], locale: SupportedLocale): string {
  if (option === "prompt") return t(locale, "options.label.prompt");
  if (option === "images" || option === "imageUrls") return t(locale, "options.label.images");
  return optionLabel(option, locale);
}

function optionOfField(model: Model, field: string, key?: string): RequestProblem["option"] {
  const option = (key !== undefined ? fieldToOption.get(`${field}.${key}`) : undefined) ?? fieldToOption.get(field);
  // buildInput only writes fields from the table above, so an unknown one is a catalog bug, not the member's.
  if (!option) throw new Error(`catalog entry ${model.id} built a field its option table does not know: "${field}"`);
  return option;
}

function issueToProblems(model: Model, issue: z.core.$ZodIssue, locale: SupportedLocale): RequestProblem[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ option: optionOfField(model, key), message: t(locale, "options.notTaken", { model: model.name, field: key }) }));
  }
  const [field, key] = issue.path.map(String);
  const option = optionOfField(model, field ?? "", key);
  return [{ option, message: t(locale, "options.notAccepted", { model: model.name, label: labelOf(option, locale), reason: issue.message }) }];
}

/** A custom size takes both sides (fal would fill a missing one with 512 px), and replaces a size preset. */
function customSizeProblems(model: Model, request: GenerationRequest, locale: SupportedLocale): RequestProblem[] {
  const { width, height, imageSize } = request;
  const hasWidth = width !== undefined && width !== null;
  const hasHeight = height !== undefined && height !== null;
  if (!model.options.customSize || (!hasWidth && !hasHeight)) return [];
  const { min, max } = model.options.customSize;
  if (hasWidth !== hasHeight) {
    const [given, missing] = hasWidth ? (["width", "height"] as const) : (["height", "width"] as const);
    const sides = { given: optionLabel(given, locale), missing: optionLabel(missing, locale), min, max };
    return [{ option: missing, message: t(locale, "options.sideMissing", sides) }];
  }
  if (imageSize === undefined || imageSize === null) return [];
  return [{ option: "imageSize", message: t(locale, "options.sizeOrSides") }];
}

/** The request as the model's fal input, or its problems worded in `locale`. */
export function buildFalInput<I extends Record<string, unknown>>(
  model: ModelSpec<I>,
  request: GenerationRequest,
  lookup: CatalogLookup,
  locale: SupportedLocale,
): BuildResult<I> {
  const prompt = request.prompt.trim();
  const urls = request.imageUrls ?? [];
  const problems = [...promptProblems(model, prompt, locale), ...imageProblems(model, urls, lookup, locale)];

  const input: Record<string, unknown> = { ...model.fixedInput, prompt };
  if (model.inputImages) input[model.inputImages.field] = model.inputImages.field === "image_url" ? urls[0] : [...urls];

  for (const option of requestOptions) {
    const value: unknown = request[option];
    // Only what the member chose is sent: fal applies its own defaults to the rest.
    if (value === undefined || value === null) continue;
    const rule = optionRules[option];
    if (!rule.isOffered(model.options)) {
      problems.push({ option, message: notOfferedMessage(model, option, lookup, locale) });
      continue;
    }
    const problem = rule.check(value, model, locale);
    if (problem) {
      const message =
        problem.kind === "invalid" ? problem.message : notInListMessage(model, option, value, problem.allowed, lookup, locale);
      problems.push({ option, message });
      continue;
    }
    const falValue = rule.toFal(value, model.options);
    if (rule.falKey === undefined) input[rule.falField] = falValue;
    else input[rule.falField] = { ...(input[rule.falField] as Record<string, unknown> | undefined), [rule.falKey]: falValue };
  }
  problems.push(...customSizeProblems(model, request, locale));
  if (problems.length > 0) return { ok: false, problems };

  const parsed = model.inputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((issue) => issueToProblems(model, issue, locale)) };
  // `input`, not `parsed.data`: the parsed copy has fal's defaults filled in, and only the member's choices are sent.
  return { ok: true, input: input as I };
}
