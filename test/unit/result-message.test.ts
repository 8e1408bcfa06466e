// A result's Components V2 layout stays within Discord's limits at its largest: four images with every note, the
// longest description, prompt and style, and every button under it.
import { describe, expect, it } from "vitest";
import { ButtonStyle, ComponentType } from "discord.js";
import { catalog } from "../../src/models/index.js";
import { resultMessage } from "../../src/generation/result-message.js";
import { resultActionRows, resultButtons } from "../../src/generation/result-buttons.js";
import { resolveLocale, supportedLocales } from "../../src/i18n/index.js";
import { galleryOf, textsOf, type MessageLike } from "../e2e/v2-message.js";

function countComponents(components: readonly unknown[]): number {
  return components.reduce<number>((n, raw) => n + 1 + countComponents((raw as { components?: unknown[] }).components ?? []), 0);
}

describe("a result's layout", () => {
  it("fits Discord's 40 components and 4,000 characters of text at its largest, in every language", () => {
    const model = catalog.require("firered-edit");
    const files = [1, 2, 3, 4].map((n) => ({
      bytes: Buffer.alloc(1),
      contentType: "image/png",
      fileName: `${n === 4 ? "SPOILER_" : ""}firered-edit-abcdef-${n}.png`,
      width: 1000 + n,
      height: 800 + n,
      adjustment: { kind: "scaled" as const, width: n * 1000, height: n * 1000 },
      spoiler: n === 4,
    }));
    const output = { images: [1, 2, 3, 4, 5].map((n) => ({ url: `https://v3.fal.media/files/${n}.png`, nsfw: n >= 4 })), description: "d ".repeat(5000), seed: 4294967295 };
    const request = { prompt: "p ".repeat(5000), style: "s".repeat(200), seed: 4294967295 };
    const extra = [
      { type: ComponentType.Button, custom_id: "contest:1:submit:abcdef", label: "Submit to contest", style: ButtonStyle.Success },
      { type: ComponentType.Button, custom_id: "asset:1:make:ABCDEF", label: "Make asset", style: ButtonStyle.Secondary },
    ] as const;
    for (const locale of supportedLocales) {
      const rows = [...resultButtons("ABCDEF", { canEdit: true, canDelete: true, extra, locale }), ...resultActionRows("ABCDEF", [1, 2, 3], 4, locale)];
      const message = resultMessage(model, request, { files, withheld: [output.images[4]!], output, elapsedMs: 123456 }, rows, locale);
      const mentionText = `<@${"9".repeat(20)}>`.length;
      expect(textsOf(message as MessageLike).join("").length + mentionText, locale).toBeLessThanOrEqual(4000);
      expect(countComponents(message.components) + 1, locale).toBeLessThanOrEqual(40);
      const items = galleryOf(message as MessageLike);
      expect(items.map((item) => item.spoiler)).toEqual([false, false, false, true]);
      for (const item of items) expect(item.description!.length).toBeLessThanOrEqual(1024);
    }
  });

  it("says in English, for now, what it shows: facts, withheld images, the description as alt text", () => {
    const model = catalog.require("nano-banana");
    const file = { bytes: Buffer.alloc(1), contentType: "image/png", fileName: "nano-banana-abcdef-1.png", width: 1024, height: 1024 };
    const output = { images: [{ url: "https://v3.fal.media/files/1.png", nsfw: false }, { url: "https://v3.fal.media/files/2.png", nsfw: true }], description: "A fox." };
    const message = resultMessage(model, { prompt: "a fox" }, { files: [file], withheld: [output.images[1]!], output, elapsedMs: 3210 }, [], resolveLocale(undefined));
    expect(textsOf(message as MessageLike)).toEqual([
      "\u2068A fox.\u2069",
      "**Prompt:** \u2068a fox\u2069",
      "**Model:** Nano Banana\n**Size:** 1024×1024\n**Time:** 3.2 s",
      "**Withheld:** 1 image was flagged by the safety checker and is not shown, because this channel is not marked NSFW.",
    ]);
    expect(galleryOf(message as MessageLike)).toEqual([{ name: file.fileName, url: `attachment://${file.fileName}`, description: "A fox.", spoiler: false }]);
    expect(message.flags).toBe(1 << 15);
  });
});
