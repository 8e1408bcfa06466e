import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { LIMITS } from "../constants.js";
import { asArray, asRecord, isRecord, optionalNumber, optionalString, type JsonObject } from "../util.js";
import { FormErrors, type FieldPath } from "./form-errors.js";

// Discord's documented name pattern for chat-input commands and options.
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUB_TYPES: ReadonlySet<unknown> = new Set([
  ApplicationCommandOptionType.Subcommand,
  ApplicationCommandOptionType.SubcommandGroup,
]);
const CHOICE_TYPES: ReadonlySet<unknown> = new Set([
  ApplicationCommandOptionType.String,
  ApplicationCommandOptionType.Integer,
  ApplicationCommandOptionType.Number,
]);

/** Validates a bulk-overwrite body (PUT): every command, limits per type, duplicate names. */
export function validateCommandList(body: unknown): void {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], "BASE_TYPE_LIST", "Must be a list.");
    errors.throwIfAny();
    return;
  }
  const counts = new Map<number, number>();
  const names = new Set<string>();
  body.forEach((raw, i) => {
    checkCommand(errors, [i], raw);
    const type = Number(asRecord(raw).type ?? ApplicationCommandType.ChatInput);
    counts.set(type, (counts.get(type) ?? 0) + 1);
    const key = `${type}:${String(asRecord(raw).name)}`;
    if (names.has(key)) errors.add([i, "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique");
    names.add(key);
  });
  if ((counts.get(ApplicationCommandType.ChatInput) ?? 0) > LIMITS.chatInputCommands) {
    errors.add([], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.chatInputCommands} or fewer in length.`);
  }
  for (const type of [ApplicationCommandType.User, ApplicationCommandType.Message]) {
    if ((counts.get(type) ?? 0) > LIMITS.contextMenuCommands) {
      errors.add([], "APPLICATION_COMMANDS_TOO_MANY", `Maximum number of ${LIMITS.contextMenuCommands} context menu commands of one type reached.`);
    }
  }
  errors.throwIfAny();
}

export function validateCommand(body: unknown): void {
  const errors = new FormErrors();
  checkCommand(errors, [], body);
  errors.throwIfAny();
}

function checkCommand(errors: FormErrors, path: FieldPath, raw: unknown): void {
  if (!isRecord(raw)) {
    errors.add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
    return;
  }
  const type = raw.type ?? ApplicationCommandType.ChatInput;
  const chatInput = type === ApplicationCommandType.ChatInput;
  if (type !== ApplicationCommandType.ChatInput && type !== ApplicationCommandType.User && type !== ApplicationCommandType.Message && type !== ApplicationCommandType.PrimaryEntryPoint) {
    errors.add([...path, "type"], "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4}.");
  }
  const name = optionalString(raw.name);
  const checkName = (at: FieldPath, value: string) =>
    chatInput ? checkChatInputName(errors, at, value) : errors.lengthBetween(at, value, 1, LIMITS.commandName);
  if (name === undefined) errors.required([...path, "name"]);
  else checkName([...path, "name"], name);
  forEachLocalization(errors, [...path, "name_localizations"], raw.name_localizations, checkName);
  const description = raw.description;
  if (chatInput) {
    if (typeof description !== "string") errors.required([...path, "description"]);
    else errors.lengthBetween([...path, "description"], description, 1, LIMITS.commandDescription);
    forEachLocalization(errors, [...path, "description_localizations"], raw.description_localizations, (at, value) =>
      errors.lengthBetween(at, value, 1, LIMITS.commandDescription),
    );
  } else if (typeof description === "string" && description.length > 0) {
    errors.add([...path, "description"], "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", "Context menu commands cannot have description");
  }
  const dmp = raw.default_member_permissions;
  if (dmp !== undefined && dmp !== null && (typeof dmp !== "string" || !/^\d+$/.test(dmp))) {
    errors.add([...path, "default_member_permissions"], "NUMBER_TYPE_COERCE", "Value is not int.");
  }
  if (commandSize(raw) > LIMITS.commandTotalSize) {
    errors.add(path, "APPLICATION_COMMAND_TOO_LARGE", `Command exceeds maximum size (${LIMITS.commandTotalSize})`);
  }
  if (raw.options !== undefined && raw.options !== null) {
    if (!chatInput && asArray(raw.options).length > 0) {
      errors.add([...path, "options"], "APPLICATION_COMMAND_OPTIONS_CONTEXT_MENU", "Context menu commands cannot have options");
    }
    checkOptions(errors, [...path, "options"], raw.options, 0);
  }
}

function checkChatInputName(errors: FormErrors, path: FieldPath, name: string): void {
  if (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
    errors.add(path, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
  }
}

/** Each value of a localization dictionary (a locale → text map, or null), checked by `check`. */
function forEachLocalization(errors: FormErrors, path: FieldPath, map: unknown, check: (at: FieldPath, value: string) => void): void {
  if (map === undefined || map === null) return;
  if (!isRecord(map)) {
    errors.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    return;
  }
  for (const [locale, value] of Object.entries(map)) {
    if (typeof value !== "string") errors.add([...path, locale], "STRING_TYPE_CONVERT", "Could not interpret value as string.");
    else check([...path, locale], value);
  }
}

/**
 * Discord: a localized option name must differ from every other option's default name on that level and from every
 * other option's name in the same locale.
 */
function checkLocalizedOptionNames(errors: FormErrors, path: FieldPath, options: readonly JsonObject[]): void {
  const defaults = options.map((option) => optionalString(option.name));
  const localized = options.map((option) => (isRecord(option.name_localizations) ? option.name_localizations : {}));
  const locales = new Set(localized.flatMap((map) => Object.keys(map)));
  for (const locale of locales) {
    const seen = new Set<string>();
    options.forEach((_, i) => {
      const own = localized[i]![locale];
      const effective = typeof own === "string" ? own : defaults[i];
      if (effective === undefined) return;
      const clashesWithDefault = typeof own === "string" && defaults.some((other, j) => j !== i && other === own);
      if (seen.has(effective) || clashesWithDefault) {
        errors.add([...path, i, "name_localizations", locale], "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique");
      }
      seen.add(effective);
    });
  }
}

function checkOptions(errors: FormErrors, path: FieldPath, value: unknown, depth: number): void {
  if (!Array.isArray(value)) {
    errors.add(path, "BASE_TYPE_LIST", "Must be a list.");
    return;
  }
  if (value.length > LIMITS.commandOptions) {
    errors.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.commandOptions} or fewer in length.`);
  }
  const names = new Set<string>();
  let sawOptional = false;
  value.forEach((raw, i) => {
    const option = asRecord(raw);
    const at = [...path, i];
    const type = option.type;
    if (typeof type !== "number" || type < ApplicationCommandOptionType.Subcommand || type > ApplicationCommandOptionType.Attachment) {
      errors.add([...at, "type"], "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.");
    }
    const name = optionalString(option.name);
    if (name === undefined) errors.required([...at, "name"]);
    else {
      checkChatInputName(errors, [...at, "name"], name);
      if (names.has(name)) errors.add([...at, "name"], "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique");
      names.add(name);
    }
    forEachLocalization(errors, [...at, "name_localizations"], option.name_localizations, (p, localized) => checkChatInputName(errors, p, localized));
    const description = optionalString(option.description);
    if (description === undefined) errors.required([...at, "description"]);
    else errors.lengthBetween([...at, "description"], description, 1, LIMITS.commandDescription);
    forEachLocalization(errors, [...at, "description_localizations"], option.description_localizations, (p, localized) =>
      errors.lengthBetween(p, localized, 1, LIMITS.commandDescription),
    );
    if (SUB_TYPES.has(type)) {
      if (depth >= (type === ApplicationCommandOptionType.SubcommandGroup ? 1 : 2)) {
        errors.add([...at, "type"], "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Subcommands cannot be nested this deep");
      }
      if (option.options !== undefined) checkOptions(errors, [...at, "options"], option.options, depth + 1);
      return;
    }
    if (option.required === true) {
      if (sawOptional) {
        errors.add([...at, "required"], "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options");
      }
    } else sawOptional = true;
    checkOptionDetails(errors, at, option);
  });
  checkLocalizedOptionNames(errors, path, value.map(asRecord));
}

function checkOptionDetails(errors: FormErrors, at: FieldPath, option: JsonObject): void {
  const choices = option.choices;
  if (choices !== undefined) {
    if (!CHOICE_TYPES.has(option.type)) {
      errors.add([...at, "choices"], "APPLICATION_COMMAND_OPTION_CHOICES_INVALID", "Choices are only allowed on string, integer and number options");
    }
    const list = asArray(choices);
    if (list.length > LIMITS.commandChoices) {
      errors.add([...at, "choices"], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.commandChoices} or fewer in length.`);
    }
    if (option.autocomplete === true && list.length > 0) {
      errors.add([...at, "autocomplete"], "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID", "Autocomplete cannot be used with choices");
    }
    list.forEach((c, j) => {
      const choiceName = optionalString(asRecord(c).name);
      if (choiceName === undefined) errors.required([...at, "choices", j, "name"]);
      else errors.lengthBetween([...at, "choices", j, "name"], choiceName, 1, LIMITS.choiceName);
      forEachLocalization(errors, [...at, "choices", j, "name_localizations"], asRecord(c).name_localizations, (p, localized) =>
        errors.lengthBetween(p, localized, 1, LIMITS.choiceName),
      );
      const value = asRecord(c).value;
      if (typeof value === "string") errors.maxLength([...at, "choices", j, "value"], value, LIMITS.choiceValue);
    });
  }
  if (option.type === ApplicationCommandOptionType.String) {
    const min = optionalNumber(option.min_length);
    const max = optionalNumber(option.max_length);
    if (min !== undefined && (min < 0 || min > LIMITS.stringOptionLength)) {
      errors.add([...at, "min_length"], "NUMBER_TYPE_MAX", `int value should be less than or equal to ${LIMITS.stringOptionLength}.`);
    }
    if (max !== undefined && (max < 1 || max > LIMITS.stringOptionLength)) {
      errors.add([...at, "max_length"], "NUMBER_TYPE_MAX", `int value should be less than or equal to ${LIMITS.stringOptionLength}.`);
    }
  }
}

/**
 * Discord counts name, description and every option's name, description and choices towards 8000 characters; of a
 * localized field, only its longest text (the default or a localization) counts.
 */
function commandSize(raw: JsonObject): number {
  const text = (v: unknown) => (typeof v === "string" ? v.length : 0);
  const longest = (value: unknown, localizations: unknown) =>
    Math.max(text(value), ...Object.values(isRecord(localizations) ? localizations : {}).map(text));
  const option = (o: JsonObject): number =>
    longest(o.name, o.name_localizations) +
    longest(o.description, o.description_localizations) +
    asArray(o.choices).reduce<number>((n, c) => n + longest(asRecord(c).name, asRecord(c).name_localizations) + String(asRecord(c).value ?? "").length, 0) +
    asArray(o.options).reduce<number>((n, child) => n + option(asRecord(child)), 0);
  return option(raw);
}
