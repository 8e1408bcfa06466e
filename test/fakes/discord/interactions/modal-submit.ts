import { ComponentType } from "discord-api-types/v10";
import { LIMITS } from "../constants.js";
import { asArray, asRecord, optionalNumber, type JsonObject } from "../util.js";

type Fields = Record<string, string | string[]>;

/**
 * Builds `data.components` of a MODAL_SUBMIT the way Discord does for the modal that was shown:
 * action rows stay rows, labels stay labels, text displays are echoed back; every text input carries its value,
 * every string select its chosen values.
 * Throws when the fields do not fit the modal (a user could not have submitted them).
 */
export function submissionComponents(modal: JsonObject, fields: Fields): unknown[] {
  const used = new Set<string>();
  let nextId = 1;
  const textInput = (input: JsonObject): JsonObject => {
    const customId = String(input.custom_id);
    const given = fields[customId] ?? "";
    if (typeof given !== "string") throw new Error(`fake discord: text input ${customId} takes a string, not a list`);
    checkValue(input, customId, given);
    used.add(customId);
    return { type: ComponentType.TextInput, id: optionalNumber(input.id) ?? nextId++, custom_id: customId, value: given };
  };
  const stringSelect = (select: JsonObject): JsonObject => {
    const customId = String(select.custom_id);
    const given = fields[customId];
    const values = given === undefined ? defaultValues(select) : typeof given === "string" ? [given] : given;
    checkSelection(select, customId, values);
    used.add(customId);
    return { type: ComponentType.StringSelect, id: optionalNumber(select.id) ?? nextId++, custom_id: customId, values };
  };
  const components = asArray(modal.components).map((raw) => {
    const c = asRecord(raw);
    const id = optionalNumber(c.id) ?? nextId++;
    if (c.type === ComponentType.ActionRow) {
      return { type: ComponentType.ActionRow, id, components: asArray(c.components).map((i) => textInput(asRecord(i))) };
    }
    if (c.type === ComponentType.Label) {
      const inner = asRecord(c.component);
      if (inner.type === ComponentType.TextInput) return { type: ComponentType.Label, id, component: textInput(inner) };
      if (inner.type === ComponentType.StringSelect) return { type: ComponentType.Label, id, component: stringSelect(inner) };
      throw new Error(
        `fake discord: submitModal supports text inputs and string selects only (label holds component type ${String(inner.type)})`,
      );
    }
    return { type: c.type, id };
  });
  const unknown = Object.keys(fields).filter((key) => !used.has(key));
  if (unknown.length > 0) throw new Error(`fake discord: modal ${String(modal.custom_id)} has no input ${unknown.join(", ")}`);
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

function defaultValues(select: JsonObject): string[] {
  return asArray(select.options)
    .map(asRecord)
    .filter((option) => option.default === true)
    .map((option) => String(option.value));
}

/** A user can pick only offered values, each once, as many as min_values…max_values allow (none when not required). */
function checkSelection(select: JsonObject, customId: string, values: string[]): void {
  const offered = new Set(asArray(select.options).map((option) => String(asRecord(option).value)));
  const foreign = values.filter((value) => !offered.has(value));
  if (foreign.length > 0) throw new Error(`fake discord: select ${customId} offers no option ${foreign.join(", ")}`);
  if (new Set(values).size !== values.length) throw new Error(`fake discord: select ${customId} got a value twice`);
  const required = select.required !== false;
  const min = optionalNumber(select.min_values) ?? 1;
  const max = optionalNumber(select.max_values) ?? 1;
  if (values.length === 0 && !required) return;
  if (values.length === 0) throw new Error(`fake discord: select ${customId} is required`);
  if (values.length < min) throw new Error(`fake discord: select ${customId} needs at least ${min} values`);
  if (values.length > max) throw new Error(`fake discord: select ${customId} allows at most ${max} values`);
}
