// The registry of every model falcord offers. Built once at load; a duplicate id or endpoint stops the process.
import type { CatalogLookup, ModelFamily } from "./lookup.js";
import { fireRedModels } from "./firered.js";
import { geminiFlashEditModels } from "./gemini-flash-edit.js";
import { nanoBanana2Models } from "./nano-banana-2.js";
import { nanoBananaProModels } from "./nano-banana-pro.js";
import { nanoBananaModels } from "./nano-banana.js";
import { offers } from "./option-rules.js";
import { visionModels } from "./vision.js";
import { seedvrUpscaleModels } from "./seedvr-upscale.js";
import { briaBackgroundModels } from "./bria-background.js";
import type { ModelDefinition, ModelKind } from "./types.js";

export interface Catalog extends CatalogLookup {
  /** Every model, in the order they are offered. */
  all(): readonly ModelDefinition[];
  /** Like `get`, for ids that must exist (stored jobs, defaults): throws on an unknown id. */
  require(id: string): ModelDefinition;
  byEndpoint(endpoint: string): ModelDefinition | undefined;
  /** The kind's default; a kind without one in the defaults (it has a single model) takes its first model. */
  defaultFor(kind: ModelKind): ModelDefinition;
}

export function createCatalog(families: readonly ModelFamily[], defaults: Readonly<Partial<Record<ModelKind, string>>>): Catalog {
  const models: ModelDefinition[] = [];
  const byId = new Map<string, ModelDefinition>();
  const byEndpoint = new Map<string, ModelDefinition>();

  const catalog: Catalog = {
    all: () => models,
    get: (id) => byId.get(id),
    require(id) {
      const model = byId.get(id);
      if (!model) throw new Error(`unknown model "${id}"; the catalog has ${[...byId.keys()].join(", ")}`);
      return model;
    },
    byEndpoint: (endpoint) => byEndpoint.get(endpoint),
    list: (kind) => models.filter((model) => model.kind === kind),
    defaultFor(kind) {
      const id = defaults[kind];
      if (id !== undefined) return catalog.require(id);
      const [first] = catalog.list(kind);
      if (!first) throw new Error(`model catalog: there is no ${kind} model`);
      return first;
    },
    modelsSupporting: (option, value) => models.filter((model) => offers(model, option, value)),
  };

  for (const family of families) {
    for (const model of family(catalog)) {
      if (byId.has(model.id)) throw new Error(`model catalog: the id "${model.id}" is used by two models`);
      const owner = byEndpoint.get(model.endpoint);
      if (owner) throw new Error(`model catalog: "${model.id}" and "${owner.id}" both use the endpoint ${model.endpoint}`);
      byId.set(model.id, model);
      byEndpoint.set(model.endpoint, model);
      models.push(model);
    }
  }
  Object.freeze(models);

  for (const [kind, id] of Object.entries(defaults)) {
    if (id === undefined || byId.get(id)?.kind !== kind) {
      throw new Error(`model catalog: the default ${kind} model "${id}" is missing or of another kind`);
    }
  }
  return catalog;
}

export const catalog: Catalog = createCatalog(
  [nanoBananaModels, nanoBananaProModels, nanoBanana2Models, geminiFlashEditModels, fireRedModels, visionModels, seedvrUpscaleModels, briaBackgroundModels],
  { "text-to-image": "nano-banana", edit: "nano-banana-edit" },
);

/**
 * zod compiles a schema into a function the first time it parses (~2.5 ms for the first model here): each
 * model's input is built once at start-up, so the first acknowledgements of a burst do not pay for it. Also
 * a check: returns the ids of the models that refused a plain prompt (a model that takes images given one).
 */
export function compileInputSchemas(models: Pick<Catalog, "all">): string[] {
  const refused: string[] = [];
  for (const model of models.all()) {
    const sample = { prompt: "a lighthouse on a cliff at dusk", ...(model.inputImages ? { imageUrls: ["https://cdn.discordapp.com/attachments/1/2/photo.png"] } : {}) };
    if (!model.buildInput(sample).ok) refused.push(model.id);
  }
  return refused;
}
