// Command names, descriptions and choices in every shipped language, as discord.js builders take them
// (setNameLocalizations, setDescriptionLocalizations, a choice's name_localizations).
import type { APIApplicationCommandOptionChoice, LocalizationMap } from "discord.js";
import type { catalogs} from "./catalog.js";
import { type MessageKey } from "./catalog.js";
import { discordLocales, fallbackLocale, supportedLocales, type SupportedLocale } from "./locales.js";
import { hasMessage, t, type MessageValues } from "./translate.js";

/** A message's values, the same in every language or each language's own (a model's name with its words translated). */
export type LocalizedValues = MessageValues | ((locale: SupportedLocale) => MessageValues);

const valuesIn = (values: LocalizedValues | undefined, locale: SupportedLocale) => (typeof values === "function" ? values(locale) : values);

/**
 * `key` in every language but English (the command's default), under each Discord locale that language serves.
 * A translation that reads the same as English is left out: Discord ignores a localization identical to the default.
 */
export function localizations(key: MessageKey, values?: LocalizedValues): LocalizationMap {
  const english = t(fallbackLocale, key, valuesIn(values, fallbackLocale));
  const map: LocalizationMap = {};
  for (const locale of supportedLocales) {
    if (locale === fallbackLocale) continue;
    const text = t(locale, key, valuesIn(values, locale));
    if (text === english) continue;
    for (const discordLocale of discordLocales[locale]) map[discordLocale] = text;
  }
  return map;
}

type English = (typeof catalogs)["en-US"];
type CommandKey = Extract<keyof English["commands"], string>;

type NameIn<K> = K extends `name.${infer N}` ? N : never;

/** A command, subcommand or option name falcord registers (its English name is the name itself). */
export type CommandName = NameIn<CommandKey>;

/** A description in namespace `commands`. */
export type CommandDescription = Exclude<CommandKey, `name.${string}` | `menu.${string}` | `choice.${string}` | `model.${string}`>;

/** What localize() sets on: a discord.js command, subcommand or option builder. */
export interface NameAndDescription {
  setName(name: string): unknown;
  setNameLocalizations(localizedNames: LocalizationMap | null): unknown;
  setDescription(description: string): unknown;
  setDescriptionLocalizations(localizedDescriptions: LocalizationMap | null): unknown;
}

/**
 * Names a command, subcommand or option `name` and describes it with `commands.<description>` (with `values` in its
 * placeholders), in English and, through its localizations, in every other language.
 */
export function localize<B extends NameAndDescription>(builder: B, name: CommandName, description: CommandDescription, values?: LocalizedValues): B {
  const descriptionKey = `commands.${description}` as const;
  builder.setName(name);
  builder.setNameLocalizations(localizations(`commands.name.${name}`));
  builder.setDescription(t(fallbackLocale, descriptionKey, valuesIn(values, fallbackLocale)));
  builder.setDescriptionLocalizations(localizations(descriptionKey, values));
  return builder;
}

/** A choice labelled by `commands.<label>`, translated; without such a label, `name` alone (a number or a proper name). */
function choice<V extends string>(label: string, name: string, value: V): APIApplicationCommandOptionChoice<V> {
  const key = `commands.${label}`;
  if (!hasMessage(key)) return { name, value };
  return { name: t(fallbackLocale, key), name_localizations: localizations(key), value };
}

/** An option value as a choice: `commands.choice.<value>` when the value has words, else the value itself ("16:9", "png"). */
export function valueChoice<V extends string>(value: V): APIApplicationCommandOptionChoice<V> {
  return choice(`choice.${value}`, value, value);
}

type NamedModel = { readonly id: string; readonly name: string };

/** A model as a choice: its name, translated where `commands.model.<id>` gives its words ("Nano Banana (edit)"). */
export function modelChoice(model: NamedModel): APIApplicationCommandOptionChoice<string> {
  return choice(`model.${model.id}`, model.name, model.id);
}

/** A model's name in `locale`, as its choice shows it, for a description that names it. */
export function modelLabel(model: NamedModel, locale: SupportedLocale): string {
  const key = `commands.model.${model.id}`;
  return hasMessage(key) ? t(locale, key) : model.name;
}
