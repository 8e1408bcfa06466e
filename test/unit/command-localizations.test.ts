// Every command falcord registers, as Discord receives it, carries its names, descriptions and choice labels in every
// shipped language, and every text meets Discord's rules in every locale (names, lengths, unique option names, size).
import { ApplicationCommandOptionType, ApplicationCommandType, Locale } from "discord.js";
import { describe, expect, it } from "vitest";
import { loadCommands } from "../../src/discord/load-commands.js";
import { catalogs } from "../../src/i18n/catalog.js";
import { supportedLocales, type SupportedLocale } from "../../src/i18n/index.js";
import { discordLocales as registeredLocales } from "../../src/i18n/locales.js";
import { catalog } from "../../src/models/index.js";

type Localized = Readonly<Record<string, string>> | null | undefined;
interface Choice {
  name: string;
  name_localizations?: Localized;
  value: string | number;
}
interface Field {
  type?: number;
  name: string;
  name_localizations?: Localized;
  description?: string;
  description_localizations?: Localized;
  options?: Field[];
  choices?: Choice[];
}

const commands = [...(await loadCommands()).values()].map((command) => JSON.parse(JSON.stringify(command.data)) as Field);

type Language = Exclude<SupportedLocale, "en-US">;
/** The Discord locales each language besides English is registered under (Spanish also as es-419, checked below). */
const localesOf: Readonly<Record<Language, readonly string[]>> = Object.fromEntries(
  Object.entries(registeredLocales).filter(([language]) => language !== "en-US"),
) as Record<Language, readonly string[]>;
const discordLocales = Object.values(localesOf).flat();

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const isChatInput = (command: Field) => (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
const isLevel = (option: Field) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;

/** The text a member in `locale` sees: its localization, else the default. */
const inLocale = (text: string, localized: Localized, locale: string) => localized?.[locale] ?? text;

/** Every command, subcommand and option, each with where it is ("imagine > model"). */
function fields(command: Field): { path: string; field: Field }[] {
  const walk = (field: Field, path: string): { path: string; field: Field }[] => [
    { path, field },
    ...(field.options ?? []).flatMap((option) => walk(option, `${path} > ${option.name}`)),
  ];
  return walk(command, command.name);
}

const english = catalogs["en-US"].commands as Readonly<Record<string, string>>;

/**
 * Locales a localized text is missing from. A language may leave a text out only where its word is the English one
 * (Discord ignores a localization identical to the default, so localizations() leaves it out).
 */
function missing(text: string, localized: Localized): string[] {
  const sameAsEnglish = (language: Language) => {
    const theirs = catalogs[language].commands as Readonly<Record<string, string>>;
    return Object.keys(english).some((key) => english[key] === text && theirs[key] === text);
  };
  return Object.entries(localesOf).flatMap(([language, locales]) =>
    locales.filter((locale) => localized?.[locale] === undefined && !sameAsEnglish(language as Language)),
  );
}

describe("command localizations", () => {
  it("loads every command, for six languages besides English, Spanish under both es-ES and es-419", () => {
    expect(Object.keys(localesOf)).toHaveLength(6);
    expect(localesOf["es-ES"]).toEqual([Locale.SpanishES, Locale.SpanishLATAM]);
    expect(commands.map((c) => c.name).sort()).toEqual(
      ["Describe", "Edit with AI", "asset", "contest", "describe", "edit", "imagine", "models", "preferences", "settings", "style", "usage"].sort(),
    );
    expect(supportedLocales).toHaveLength(7);
  });

  for (const command of commands) {
    describe(command.name, () => {
      it("has every name and description in all six languages, Spanish also as es-419", () => {
        for (const { path, field } of fields(command)) {
          expect(missing(field.name, field.name_localizations), `${path}: name`).toEqual([]);
          if (isChatInput(command)) expect(missing(field.description ?? "", field.description_localizations), `${path}: description`).toEqual([]);
          for (const locale of Object.keys({ ...field.name_localizations, ...field.description_localizations })) {
            expect(discordLocales, `${path}: ${locale}`).toContain(locale);
          }
          for (const localized of [field.name_localizations, field.description_localizations]) {
            if (localized?.[Locale.SpanishES] !== undefined) expect(localized[Locale.SpanishLATAM], path).toBe(localized[Locale.SpanishES]);
          }
        }
      });

      it("labels every choice in all six languages, unless the label is the value itself or a model's proper name", () => {
        const modelNames = new Set(catalog.all().map((model) => model.name));
        for (const { path, field } of fields(command)) {
          for (const choice of field.choices ?? []) {
            if (choice.name_localizations) expect(missing(choice.name, choice.name_localizations), `${path} = ${choice.value}`).toEqual([]);
            else expect(choice.name === String(choice.value) || modelNames.has(choice.name), `${path}: "${choice.name}" needs its words translated`).toBe(true);
          }
        }
      });

      it("meets Discord's rules for names, descriptions and choices in every locale", () => {
        for (const locale of ["default", ...discordLocales]) {
          for (const { path, field } of fields(command)) {
            const name = inLocale(field.name, field.name_localizations, locale);
            if (isChatInput(command)) {
              expect(name, `${path} (${locale}): name`).toMatch(CHAT_INPUT_NAME);
              expect(name, `${path} (${locale}): name is lowercase`).toBe(name.toLowerCase());
              const description = inLocale(field.description ?? "", field.description_localizations, locale);
              expect(description.length, `${path} (${locale}): "${description}"`).toBeGreaterThanOrEqual(1);
              expect(description.length, `${path} (${locale}): "${description}"`).toBeLessThanOrEqual(100);
            } else {
              expect(name.length, `${path} (${locale}): menu name`).toBeGreaterThanOrEqual(1);
              expect(name.length, `${path} (${locale}): menu name`).toBeLessThanOrEqual(32);
            }
            for (const choice of field.choices ?? []) {
              const label = inLocale(choice.name, choice.name_localizations, locale);
              expect(label.length, `${path} = ${choice.value} (${locale})`).toBeGreaterThanOrEqual(1);
              expect(label.length, `${path} = ${choice.value} (${locale})`).toBeLessThanOrEqual(100);
            }
          }
        }
      });

      it("keeps option names unique on each level in every locale, and apart from the other options' default names", () => {
        for (const { path, field } of fields(command)) {
          const options = field.options ?? [];
          if (!options.length || (field !== command && !isLevel(field))) continue;
          for (const locale of discordLocales) {
            const names = options.map((option) => inLocale(option.name, option.name_localizations, locale));
            expect(new Set(names).size, `${path} (${locale}): ${names.join(", ")}`).toBe(names.length);
            options.forEach((option, i) => {
              const others = options.filter((_, j) => j !== i).map((other) => other.name);
              expect(others, `${path} > ${option.name} (${locale})`).not.toContain(names[i]);
            });
          }
        }
      });

      it.runIf(isChatInput(command))("stays within 8,000 characters, counting each field's longest localization", () => {
        const longest = (text = "", localized: Localized = undefined) => Math.max(text.length, ...Object.values(localized ?? {}).map((t) => t.length));
        const size = fields(command).reduce(
          (total, { field }) =>
            total +
            longest(field.name, field.name_localizations) +
            longest(field.description, field.description_localizations) +
            (field.choices ?? []).reduce((n, c) => n + longest(c.name, c.name_localizations) + String(c.value).length, 0),
          0,
        );
        expect(size).toBeLessThanOrEqual(8000);
      });
    });
  }

  it("names each command in English by its own English word, and the message menus by theirs", () => {
    for (const command of commands) {
      if (isChatInput(command)) expect(english[`name.${command.name}`], command.name).toBe(command.name);
    }
    expect(english["menu.describe"]).toBe("Describe");
    expect(english["menu.editWithAi"]).toBe("Edit with AI");
  });
});
