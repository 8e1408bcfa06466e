// How a model is described to members: what it does, what it takes, what it costs.
import type { ModelDefinition } from "./types.js";

function imageInputs(model: ModelDefinition): string {
  if (!model.inputImages) return "text only";
  const { min, max } = model.inputImages;
  if (min === max) return `${min} input image${min === 1 ? "" : "s"}`;
  return `${min}–${max} input images`;
}

function knobs(model: ModelDefinition): string {
  const { options } = model;
  const parts: string[] = [];
  if (options.resolutions?.length) parts.push(`resolution ${options.resolutions.join("/")}`);
  if (options.count) parts.push(`up to ${options.count.max} images`);
  if (options.formats?.length) parts.push(`${options.formats.join("/")} (default ${options.defaultFormat ?? options.formats[0]})`);
  if (options.seed) parts.push("seed");
  if (options.webSearch) parts.push("web search");
  if (options.negativePrompt) parts.push("negative prompt");
  if (options.accelerations?.length) parts.push(`acceleration ${options.accelerations.join("/")}`);
  if (options.customSize) parts.push("custom width × height");
  return parts.join(", ");
}

export function describeModel(model: ModelDefinition): string {
  const kind = { edit: "Edits images", "text-to-image": "Makes images from text", vision: "Writes prompts from an image", upscale: "Upscales an image" }[model.kind];
  const lines = [
    model.summary,
    `${kind} · ${imageInputs(model)} · ${model.priceLabel}`,
    knobs(model),
    `\`${model.id}\``,
  ];
  return lines.filter(Boolean).join("\n").slice(0, 1024);
}
