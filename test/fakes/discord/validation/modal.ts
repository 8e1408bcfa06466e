import { ComponentType, TextInputStyle } from "discord-api-types/v10";
import { LIMITS } from "../constants.js";
import { asArray, asRecord, optionalNumber, optionalString, type JsonObject } from "../util.js";
import { FormErrors, type FieldPath } from "./form-errors.js";

/** Validates the `data` of a MODAL (type 9) interaction callback. Paths are relative to the callback body. */
export function validateModal(data: JsonObject): void {
  const errors = new FormErrors();
  const title = optionalString(data.title);
  if (title === undefined) errors.required(["data", "title"]);
  else errors.lengthBetween(["data", "title"], title, 1, LIMITS.modalTitle);
  const customId = optionalString(data.custom_id);
  if (customId === undefined) errors.required(["data", "custom_id"]);
  else errors.lengthBetween(["data", "custom_id"], customId, 1, LIMITS.customId);
  const components = asArray(data.components);
  if (components.length < 1 || components.length > LIMITS.modalComponents) {
    errors.add(["data", "components"], "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${LIMITS.modalComponents} in length.`);
  }
  const seen = new Set<string>();
  components.forEach((raw, i) => validateTopLevel(errors, ["data", "components", i], asRecord(raw), seen));
  errors.throwIfAny();
}

function validateTopLevel(errors: FormErrors, path: FieldPath, c: JsonObject, seen: Set<string>): void {
  switch (c.type) {
    case ComponentType.ActionRow: {
      const children = asArray(c.components);
      if (children.length !== 1) {
        errors.add([...path, "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 1 in length.");
      }
      children.forEach((child, j) => {
        const input = asRecord(child);
        const at = [...path, "components", j];
        if (input.type !== ComponentType.TextInput) {
          errors.add([...at, "type"], "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (4,).");
          return;
        }
        validateTextInput(errors, at, input, true, seen);
      });
      return;
    }
    case ComponentType.Label: {
      const label = optionalString(c.label);
      if (label === undefined) errors.required([...path, "label"]);
      else errors.lengthBetween([...path, "label"], label, 1, LIMITS.textInputLabel);
      const description = optionalString(c.description);
      if (description !== undefined) errors.maxLength([...path, "description"], description, LIMITS.labelDescription);
      const inner = asRecord(c.component);
      if (inner.type === ComponentType.TextInput) validateTextInput(errors, [...path, "component"], inner, false, seen);
      else if (inner.type === ComponentType.StringSelect) validateStringSelect(errors, [...path, "component"], inner, seen);
      else if (typeof inner.custom_id === "string") remember(errors, [...path, "component"], inner.custom_id, seen);
      else errors.required([...path, "component"]);
      return;
    }
    case ComponentType.TextDisplay:
      if (typeof c.content !== "string") errors.required([...path, "content"]);
      return;
    default:
      errors.add([...path, "type"], "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1, 10, 18).");
  }
}

function validateTextInput(errors: FormErrors, path: FieldPath, input: JsonObject, legacy: boolean, seen: Set<string>): void {
  const customId = optionalString(input.custom_id);
  if (customId === undefined) errors.required([...path, "custom_id"]);
  else remember(errors, path, customId, seen);
  if (input.style !== TextInputStyle.Short && input.style !== TextInputStyle.Paragraph) {
    errors.add([...path, "style"], "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.");
  }
  const label = optionalString(input.label);
  if (legacy) {
    if (label === undefined) errors.required([...path, "label"]);
    else errors.lengthBetween([...path, "label"], label, 1, LIMITS.textInputLabel);
  } else if (label !== undefined) {
    errors.add([...path, "label"], "TEXT_INPUT_LABEL_NOT_ALLOWED", "A text input inside a label cannot have its own label.");
  }
  const min = optionalNumber(input.min_length);
  const max = optionalNumber(input.max_length);
  if (min !== undefined && (min < 0 || min > LIMITS.textInputValue)) {
    errors.add([...path, "min_length"], "NUMBER_TYPE_MAX", `int value should be less than or equal to ${LIMITS.textInputValue}.`);
  }
  if (max !== undefined && (max < 1 || max > LIMITS.textInputValue)) {
    errors.add([...path, "max_length"], "NUMBER_TYPE_MAX", `int value should be less than or equal to ${LIMITS.textInputValue}.`);
  }
  const value = optionalString(input.value);
  if (value !== undefined) errors.maxLength([...path, "value"], value, max ?? LIMITS.textInputValue);
  const placeholder = optionalString(input.placeholder);
  if (placeholder !== undefined) errors.maxLength([...path, "placeholder"], placeholder, LIMITS.placeholder);
}

function validateStringSelect(errors: FormErrors, path: FieldPath, select: JsonObject, seen: Set<string>): void {
  const customId = optionalString(select.custom_id);
  if (customId === undefined) errors.required([...path, "custom_id"]);
  else remember(errors, path, customId, seen);
  if (select.disabled === true) errors.add([...path, "disabled"], "COMPONENT_DISABLED_IN_MODAL", "Select menus in a modal cannot be disabled.");
  const options = asArray(select.options).map(asRecord);
  if (options.length < 1 || options.length > LIMITS.selectOptions) {
    errors.add([...path, "options"], "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${LIMITS.selectOptions} in length.`);
  }
  const values = new Set<string>();
  options.forEach((option, i) => {
    const at = [...path, "options", i];
    const label = optionalString(option.label);
    if (label === undefined) errors.required([...at, "label"]);
    else errors.lengthBetween([...at, "label"], label, 1, LIMITS.selectOptionText);
    const value = optionalString(option.value);
    if (value === undefined) errors.required([...at, "value"]);
    else errors.lengthBetween([...at, "value"], value, 1, LIMITS.selectOptionText);
    if (value !== undefined && values.has(value)) {
      errors.add([...at, "value"], "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED", "Select option values must be unique");
    }
    if (value !== undefined) values.add(value);
    const description = optionalString(option.description);
    if (description !== undefined) errors.maxLength([...at, "description"], description, LIMITS.selectOptionText);
  });
  const min = optionalNumber(select.min_values) ?? 1;
  const max = optionalNumber(select.max_values) ?? 1;
  if (min < 0 || min > LIMITS.selectOptions) {
    errors.add([...path, "min_values"], "NUMBER_TYPE_MAX", `int value should be less than or equal to ${LIMITS.selectOptions}.`);
  }
  if (max < 1 || max > LIMITS.selectOptions) {
    errors.add([...path, "max_values"], "NUMBER_TYPE_MAX", `int value should be less than or equal to ${LIMITS.selectOptions}.`);
  }
  if (min > max || max > options.length) {
    errors.add([...path, "max_values"], "SELECT_COMPONENT_MAX_VALUES_TOO_HIGH", "max_values must be between min_values and the number of options.");
  }
  const defaults = options.filter((option) => option.default === true).length;
  if (defaults > max) errors.add([...path, "options"], "SELECT_COMPONENT_TOO_MANY_DEFAULTS", `At most ${max} options can be default.`);
  const placeholder = optionalString(select.placeholder);
  if (placeholder !== undefined) errors.maxLength([...path, "placeholder"], placeholder, LIMITS.selectPlaceholder);
}

function remember(errors: FormErrors, path: FieldPath, customId: string, seen: Set<string>): void {
  errors.lengthBetween([...path, "custom_id"], customId, 1, LIMITS.customId);
  if (seen.has(customId)) {
    errors.add([...path, "custom_id"], "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
  }
  seen.add(customId);
}
