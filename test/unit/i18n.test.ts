// Every message exists in every language with the same placeholders, parses as ICU MessageFormat, and formats.
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { catalogs } from "../../src/i18n/catalog.js";
import { resolveLocale, supportedLocales, t, listOr, type MessageKey } from "../../src/i18n/index.js";

const english = catalogs["en-US"];
const keys = Object.entries(english).flatMap(([namespace, messages]) => Object.keys(messages).map((key) => `${namespace}.${key}` as MessageKey));

function source(locale: keyof typeof catalogs, key: string): string | undefined {
  const [namespace, ...rest] = key.split(".");
  return (catalogs[locale] as unknown as Record<string, Record<string, string>>)[namespace!]?.[rest.join(".")];
}

/** Each placeholder as "name:kind", and the branches every plural and select offers. */
function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        found.add(`${element.value}:text`);
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        found.add(`${element.value}:${TYPE[element.type]}`);
        break;
      case TYPE.plural:
        found.add(`${element.value}:plural`);
        for (const option of Object.values(element.options)) placeholders(option.value, found);
        break;
      case TYPE.select:
        found.add(`${element.value}:select:${Object.keys(element.options).sort().join("|")}`);
        for (const option of Object.values(element.options)) placeholders(option.value, found);
        break;
      case TYPE.tag:
        placeholders(element.children, found);
        break;
      default:
        break;
    }
  }
  return found;
}

function sampleValues(elements: MessageFormatElement[]): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const p of placeholders(elements)) {
    const [name, kind, options] = p.split(":");
    values[name!] = kind === "text" ? "x" : kind === "select" ? options!.split("|").find((o) => o !== "other") ?? "x" : 2;
  }
  return values;
}

describe("messages", () => {
  it("has messages", () => expect(keys.length).toBeGreaterThan(0));

  for (const locale of supportedLocales) {
    it(`${locale}: the same keys as English, no more`, () => {
      const theirs = Object.entries(catalogs[locale]).flatMap(([namespace, messages]) => Object.keys(messages).map((key) => `${namespace}.${key}`));
      expect(theirs.sort()).toEqual([...keys].sort());
    });

    it(`${locale}: every message parses, has the English placeholders, and formats`, () => {
      for (const key of keys) {
        const text = source(locale, key);
        expect(text, key).toBeTypeOf("string");
        const ast = parse(text!, { ignoreTag: true, requiresOtherClause: true });
        const english = parse(source("en-US", key)!, { ignoreTag: true, requiresOtherClause: true });
        expect([...placeholders(ast)].sort(), `${locale} ${key}`).toEqual([...placeholders(english)].sort());
        expect(t(locale, key, sampleValues(english)).length, key).toBeGreaterThan(0);
      }
    });
  }
});

describe("which language a member gets", () => {
  it.each([
    ["ja", "ja"],
    ["de", "de"],
    ["es-419", "es-ES"],
    ["en-GB", "en-US"],
    ["pt-BR", "pt-BR"],
    ["zh-CN", "zh-CN"],
    ["zh-TW", "en-US"],
    ["ko", "en-US"],
    [undefined, "en-US"],
  ])("%s → %s", (discord, expected) => expect(resolveLocale(discord)).toBe(expected));

  it("lists in the member's language", () => {
    expect(listOr("en-US", ["a", "b", "c"])).toBe("a, b, or c");
    expect(listOr("de", ["a", "b"])).toBe("a oder b");
  });

  it("formats numbers in the member's language", () => {
    expect(t("en-US", "common.seconds", { seconds: 12.345 })).toBe("12.3 s");
    expect(t("de", "common.seconds", { seconds: 12.345 })).toBe("12,3 s");
    expect(t("ja", "common.seconds", { seconds: 3 })).toBe("3.0 秒");
  });
});

describe("models' summaries", () => {
  it("every model in the catalog has its summary in every language, the English one the catalog's own", async () => {
    const { catalog, modelSummary } = await import("../../src/models/index.js");
    const { translator } = await import("../../src/i18n/index.js");
    const models = (["text-to-image", "edit", "upscale", "vision"] as const).flatMap((kind) => catalog.list(kind));
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) {
      expect(modelSummary(model, translator("en-US")), model.id).toBe(model.summary);
      for (const locale of supportedLocales.filter((l) => l !== "en-US")) {
        expect(modelSummary(model, translator(locale)), `${locale} ${model.id}`).not.toBe(model.summary);
      }
    }
  });
});
