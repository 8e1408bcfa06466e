// How a model is described to members, in their language: what it does, what it takes, what it costs.
import { modelSummary } from "./summary.js";
import { fallbackLocale, translator, type Translate } from "../i18n/index.js";
import type { ModelDefinition, ModelKind } from "./types.js";

function imageInputs(model: ModelDefinition, say: Translate): string {
  if (!model.inputImages) return say("catalog.textOnly");
  const { min, max } = model.inputImages;
  if (min === max) return say("catalog.inputImages", { count: min });
  return say("catalog.inputImagesRange", { min, max });
}

function knobs(model: ModelDefinition, say: Translate): string {
  const { options } = model;
  const parts: string[] = [];
  if (options.resolutions?.length) parts.push(say("catalog.resolutions", { values: options.resolutions.join("/") }));
  if (options.count) parts.push(say("catalog.upToImages", { max: options.count.max }));
  if (options.formats?.length) {
    parts.push(say("catalog.formats", { values: options.formats.join("/"), fallback: options.defaultFormat ?? options.formats[0]! }));
  }
  if (options.seed) parts.push(say("catalog.seed"));
  if (options.webSearch) parts.push(say("catalog.webSearch"));
  if (options.negativePrompt) parts.push(say("catalog.negativePrompt"));
  if (options.accelerations?.length) parts.push(say("catalog.accelerations", { values: options.accelerations.join("/") }));
  if (options.customSize) parts.push(say("catalog.customSize"));
  return parts.join(", ");
}

const kinds = {
  edit: "catalog.kindEdit",
  "text-to-image": "catalog.kindTextToImage",
  vision: "catalog.kindVision",
  upscale: "catalog.kindUpscale",
  "background-removal": "catalog.kindBackgroundRemoval",
} as const satisfies Record<ModelKind, string>;

export function describeModel(model: ModelDefinition, say: Translate = translator(fallbackLocale)): string {
  const lines = [modelSummary(model, say), `${say(kinds[model.kind])} · ${imageInputs(model, say)} · ${model.priceLabel}`, knobs(model, say), `\`${model.id}\``];
  return lines.filter(Boolean).join("\n").slice(0, 1024);
}
