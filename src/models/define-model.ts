// Turns a model's description into a catalog entry. Entries are made by families, which are given a view of
// the whole catalog so that a problem with one model can point at another that does what the member asked.
import { buildFalInput } from "./build-input.js";
import { fallbackLocale } from "../i18n/index.js";
import type { CatalogLookup, ModelSpec } from "./lookup.js";
import type { ModelDefinition } from "./types.js";

export function defineModel<I extends Record<string, unknown>>(
  spec: ModelSpec<I>,
  lookup: CatalogLookup,
): ModelDefinition<I> {
  const { fixedInput: _fixedInput, ...definition } = spec;
  return { ...definition, buildInput: (request, locale = fallbackLocale) => buildFalInput(spec, request, lookup, locale) };
}
