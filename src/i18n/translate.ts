// Messages in a member's language: ICU MessageFormat (plurals, numbers, selects) through intl-messageformat,
// each message parsed once per language and kept.
import { IntlMessageFormat, type PrimitiveType } from "intl-messageformat";
import { catalogs, type MessageKey } from "./catalog.js";
import { fallbackLocale, type SupportedLocale } from "./locales.js";

export type MessageValues = Record<string, PrimitiveType>;

const formats = new Map<string, IntlMessageFormat>();

/** The message's ICU source in `locale`. */
function messageSource(locale: SupportedLocale, key: MessageKey): string {
  const dot = key.indexOf(".");
  const namespace = key.slice(0, dot) as keyof (typeof catalogs)[SupportedLocale];
  const messages = catalogs[locale][namespace] as Readonly<Record<string, string>>;
  const source = messages[key.slice(dot + 1)];
  if (source === undefined) throw new Error(`no message ${key} in ${locale}`);
  return source;
}

function format(locale: SupportedLocale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let compiled = formats.get(id);
  if (!compiled) {
    // ignoreTag: messages hold Discord markup such as <t:…> and <@id>, not rich-text tags.
    compiled = new IntlMessageFormat(messageSource(locale, key), locale, undefined, { ignoreTag: true });
    formats.set(id, compiled);
  }
  return compiled;
}

/** Whether `key` names a message (for keys made from data, such as a model's id). */
export function hasMessage(key: string): key is MessageKey {
  const dot = key.indexOf(".");
  const messages: Readonly<Record<string, Readonly<Record<string, string>>>> = catalogs[fallbackLocale];
  return dot > 0 && Object.hasOwn(messages, key.slice(0, dot)) && Object.hasOwn(messages[key.slice(0, dot)]!, key.slice(dot + 1));
}

/** The message `key` in `locale`, with `values` in its placeholders. */
export function t(locale: SupportedLocale, key: MessageKey, values?: MessageValues): string {
  return String(format(locale, key).format(values));
}

/** A translator bound to one language, for code that writes several messages to the same member. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export function translator(locale: SupportedLocale): Translate {
  return (key, values) => t(locale, key, values);
}

const disjunctions = new Map<SupportedLocale, Intl.ListFormat>();

/** "a, b or c" in the language's own way. */
export function listOr(locale: SupportedLocale, items: readonly string[]): string {
  let format = disjunctions.get(locale);
  if (!format) disjunctions.set(locale, (format = new Intl.ListFormat(locale, { type: "disjunction" })));
  return format.format(items);
}
