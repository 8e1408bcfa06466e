// A model's one-line summary in the reader's language, where the messages have one (else the catalog's English).
import { hasMessage, type Translate } from "../i18n/index.js";
import type { ModelDefinition } from "./types.js";

export function modelSummary(model: Pick<ModelDefinition, "id" | "summary">, say: Translate): string {
  const key = `models.${model.id}`;
  return hasMessage(key) ? say(key) : model.summary;
}
