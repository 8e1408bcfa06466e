// What a model's entry is made from, and what it may look up in the catalog it belongs to.
import type { RequestOption } from "./option-rules.js";
import type { ModelDefinition, ModelKind } from "./types.js";

/** What an entry may look up in the catalog it belongs to (read at request time, once the catalog is built). */
export interface CatalogLookup {
  get(id: string): ModelDefinition | undefined;
  list(kind: ModelKind): readonly ModelDefinition[];
  /** Models that take `option`, and `value` too when one is given. */
  modelsSupporting(option: RequestOption, value?: unknown): readonly ModelDefinition[];
}

/** The model that edits a model's images: itself when it edits, else its edit counterpart; undefined when it has neither. */
export function editModelOf(model: ModelDefinition | undefined, lookup: Pick<CatalogLookup, "get">): ModelDefinition | undefined {
  if (model?.kind === "edit") return model;
  const counterpart = model?.editCounterpart ? lookup.get(model.editCounterpart) : undefined;
  return counterpart?.kind === "edit" ? counterpart : undefined;
}

/** One fal endpoint family: makes its catalog entries. */
export type ModelFamily = (lookup: CatalogLookup) => readonly ModelDefinition[];

export type ModelSpec<I extends Record<string, unknown>> = Omit<ModelDefinition<I>, "buildInput"> & {
  /** Fields sent with every request, whatever the member asked (the vision router's model, its instructions). */
  fixedInput?: Readonly<Record<string, unknown>>;
};
