import { ComponentType } from "discord-api-types/v10";
import { LIMITS } from "../constants.js";
import { asArray, asRecord, optionalNumber, type JsonObject } from "../util.js";

/**
 * Builds `data.components` of a MODAL_SUBMIT the way Discord does for the modal that was shown:
 * action rows stay rows, labels stay labels, text displays are echoed back; every text input carries its value.
 * Throws when the fields do not fit the modal (a user could not have submitted them).
 */
export function submissionComponents(modal: JsonObject, fields: Record<string, string>): unknown[] {
  const used = new Set<string>();
  let nextId = 1;
  const textInput = (input: JsonObject): JsonObject => {
    const customId = String(input.custom_id);
    const value = fields[customId] ?? "";
    checkValue(input, customId, value);
    used.add(customId);
    return { type: ComponentType.TextInput, id: optionalNumber(input.id) ?? nextId++, custom_id: customId, value };
  };
  const components = asArray(modal.components).map((raw) => {
    const c = asRecord(raw);
    const id = optionalNumber(c.id) ?? nextId++;
    if (c.type === ComponentType.ActionRow) {
      return { type: ComponentType.ActionRow, id, components: asArray(c.components).map((i) => textInput(asRecord(i))) };
    }
    if (c.type === ComponentType.Label) {
      const inner = asRecord(c.component);
      if (inner.type !== ComponentType.TextInput) {
        throw new Error(`fake discord: submitModal supports text inputs only (label holds component type ${String(inner.type)})`);
      }
      return { type: ComponentType.Label, id, component: textInput(inner) };
    }
    return { type: c.type, id };
  });
  const unknown = Object.keys(fields).filter((key) => !used.has(key));
  if (unknown.length > 0) throw new Error(`fake discord: modal ${String(modal.custom_id)} has no text input ${unknown.join(", ")}`);
  return components;
}

function checkValue(input: JsonObject, customId: string, value: string): void {
  const max = Math.min(optionalNumber(input.max_length) ?? LIMITS.textInputValue, LIMITS.textInputValue);
  const min = optionalNumber(input.min_length) ?? 0;
  const required = input.required !== false;
  if (required && value.length === 0) throw new Error(`fake discord: text input ${customId} is required`);
  if (value.length > 0 && value.length < min) throw new Error(`fake discord: text input ${customId} needs at least ${min} characters`);
  if (value.length > max) throw new Error(`fake discord: text input ${customId} allows at most ${max} characters`);
}
