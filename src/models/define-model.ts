// Turns a model's description into a catalog entry. Entries are made by families, which are given a view of
// the whole catalog so that a problem with one model can point at another that does what the member asked.
import { buildFalInput } from "./build-input.js";
import type { CatalogLookup, ModelSpec } from "./lookup.js";
import type { ModelDefinition } from "./types.js";

export function defineModel<I extends Record<string, unknown>>(
  spec: ModelSpec<I>,
  lookup: CatalogLookup,
): ModelDefinition<I> {
  return { ...spec, buildInput: (request) => buildFalInput(spec, request, lookup) };
}
