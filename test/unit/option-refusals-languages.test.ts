// The models' refusals of options, values, prompts and images come out in the member's language, with their values:
// each language's own words (its option labels, its list style, its numbers), never English in another language.
import { describe, expect, it } from "vitest";
import { listOr, supportedLocales, t, type SupportedLocale } from "../../src/i18n/index.js";
import { catalog, type GenerationRequest, type ModelDefinition } from "../../src/models/index.js";
import { optionRules } from "../../src/models/option-rules.js";

const nb = catalog.require("nano-banana");
const firered = catalog.require("firered-edit");
const image = "https://cdn.discordapp.com/attachments/1/2/photo.png";

function problems(model: ModelDefinition, request: GenerationRequest, locale: SupportedLocale): string[] {
  const built = model.buildInput(request, locale);
  if (built.ok) throw new Error(`expected ${model.id} to refuse ${JSON.stringify(request)}`);
  return built.problems.map((problem) => problem.message);
}

const others = supportedLocales.filter((locale) => locale !== "en-US");

describe("option refusals in every language", () => {
  it("English stays as it was", () => {
    expect(optionRules.steps.check(1, firered, "en-US")).toEqual({
      kind: "invalid",
      message: "The number of steps must be a whole number from 2 to 50; you gave 1.",
    });
    expect(problems(nb, { prompt: "x", seed: 42 }, "en-US")).toEqual([
      "Nano Banana does not let you set the seed; choose Nano Banana Pro or Nano Banana 2, or leave the seed empty.",
    ]);
  });

  for (const locale of others) {
    it(`${locale}: a value out of range, a value not on the list, an option not offered, a long prompt, a missing side`, () => {
      const english = (message: string) => expect(message).not.toMatch(/\b(must be|you gave|does not|choose|leave the)\b/);

      const range = optionRules.steps.check(1, firered, locale);
      expect(range?.kind).toBe("invalid");
      const rangeText = range?.kind === "invalid" ? range.message : "";
      expect(rangeText).toContain(t(locale, "options.label.steps"));
      for (const value of ["2", "50", "1"]) expect(rangeText).toContain(value);
      english(rangeText);

      const seed = optionRules.seed.check(-3, firered, locale);
      // A seed's bounds are written without grouping, as the command shows them.
      expect(seed?.kind === "invalid" && seed.message).toContain("2147483647");

      const [ratio] = problems(nb, { prompt: "x", aspectRatio: "8:1" }, locale);
      expect(ratio).toContain("8:1");
      expect(ratio).toContain(t(locale, "options.label.aspectRatio"));
      expect(ratio).toContain(listOr(locale, nb.options.aspectRatios!));
      expect(ratio).toContain("Nano Banana 2");
      english(ratio!);

      const [seedOffered] = problems(nb, { prompt: "x", seed: 42 }, locale);
      expect(seedOffered).toContain(t(locale, "options.label.seed"));
      expect(seedOffered).toContain(listOr(locale, ["Nano Banana Pro", "Nano Banana 2"]));
      english(seedOffered!);

      const [long] = problems(nb, { prompt: "y".repeat(nb.maxPromptLength + 1) }, locale);
      expect(long).toContain(new Intl.NumberFormat(locale).format(nb.maxPromptLength + 1));
      english(long!);

      const [side] = problems(firered, { prompt: "x", imageUrls: [image], width: 1280 }, locale);
      expect(side).toContain(t(locale, "options.label.width"));
      expect(side).toContain(t(locale, "options.label.height"));
      expect(side).toContain("4096");
      english(side!);

      const [count] = problems(catalog.require("nano-banana-edit"), { prompt: "x", imageUrls: [image, image, image, image, image] }, locale);
      expect(count).toContain("5");
      english(count!);
    });
  }

  it("reads naturally in Japanese and French", () => {
    expect(optionRules.steps.check(1, firered, "ja")).toEqual({
      kind: "invalid",
      message: "ステップ数は 2～50 の整数で指定してください。指定された値: 1。",
    });
    expect(problems(nb, { prompt: "x", thinking: "high" }, "fr")).toEqual([
      "Nano Banana ne permet pas de régler « niveau de réflexion » ; choisis Nano Banana 2, ou laisse « niveau de réflexion » vide.",
    ]);
  });
});
