// Assets: the buttons' custom ids (made and read back), and which buttons a result gets — an asset's one-press
// button, "Make asset" under other results in a server with the bot (position 0 under a set) — and the panel's rows.
import type { APIButtonComponent } from "discord.js";
import { describe, expect, it } from "vitest";
import { assetResultButtons, eventRows, kindRows } from "../../src/assets/asset-buttons.js";
import { assetButtonId, assetFormId, parseAssetButton } from "../../src/assets/custom-ids.js";
import type { JobRecord } from "../../src/generation/index.js";
import { sampleJob } from "./job-fixture.js";

function job(overrides: Partial<JobRecord> = {}): JobRecord {
  const image = { url: "https://fal.media/a.png", nsfw: false };
  return {
    ...sampleJob("ABC234"),
    id: 1,
    state: "completed",
    replyMessageId: null,
    requestId: null,
    result: { images: [image] },
    error: null,
    costFinal: null,
    createdAt: 0,
    updatedAt: 0,
    submittedAt: null,
    completedAt: null,
    deliveredAt: null,
    deletedAt: null,
    locale: "en-US",
    ...overrides,
  } as JobRecord;
}

const ids = (buttons: readonly APIButtonComponent[]) => buttons.map((button) => ("custom_id" in button ? button.custom_id : undefined));
const label = (button: APIButtonComponent | undefined) => (button && "label" in button ? button.label : undefined);

describe("custom ids", () => {
  it("round-trips every button", () => {
    for (const button of [
      { action: "make", ref: "ABC234", position: 0 },
      { action: "make", ref: "ABC234", position: 3 },
      { action: "fit", ref: "ABC234", position: 2, kind: "sticker" },
      { action: "cutout", ref: "ABC234", position: 1, kind: "emoji" },
      { action: "add", kind: "banner" },
      { action: "add", kind: "emoji", ref: "ABC234" },
      { action: "cover", eventId: "1234567890123456789" },
    ] as const) {
      expect(parseAssetButton(assetButtonId(button))).toEqual(button);
    }
    expect(assetButtonId({ action: "fit", ref: "ABC234", position: 2, kind: "sticker" })).toBe("asset:1:fit:ABC234:2:sticker");
    expect(assetFormId("emoji")).toBe("asset-form:1:emoji");
  });

  it("reads nothing from another layout or a bad argument", () => {
    expect(parseAssetButton("job:1:reroll:ABC234")).toBeUndefined();
    expect(parseAssetButton("asset:2:add:emoji")).toBeUndefined();
    expect(parseAssetButton("asset:1:add:gif")).toBeUndefined();
    expect(parseAssetButton("asset:1:fit:ABC234:0:emoji")).toBeUndefined();
    expect(parseAssetButton("asset:1:fit:ABC234:1:gif")).toBeUndefined();
    expect(parseAssetButton("asset:1:make:ABC234:x")).toBeUndefined();
    expect(parseAssetButton("asset:1:melt:ABC234:1")).toBeUndefined();
    expect(parseAssetButton("asset:1:cover:not-an-id")).toBeUndefined();
  });
});

describe("assetResultButtons", () => {
  it("puts Make asset for the one image under a server's result, public or private", () => {
    const [button] = assetResultButtons(job(), "en-US");
    expect(button).toMatchObject({ custom_id: "asset:1:make:ABC234:1", label: "Make asset", style: 2, emoji: { name: "🧩" } });
    expect(ids(assetResultButtons(job({ ephemeral: true }), "en-US"))).toEqual(["asset:1:make:ABC234:1"]);
  });

  it("asks which image under a set, and skips flagged images", () => {
    const image = (nsfw: boolean) => ({ url: "https://fal.media/x.png", nsfw });
    expect(ids(assetResultButtons(job({ result: { images: [image(false), image(false)] } }), "en-US"))).toEqual(["asset:1:make:ABC234:0"]);
    expect(ids(assetResultButtons(job({ channelNsfw: true, result: { images: [image(true), image(false)] } }), "en-US"))).toEqual(["asset:1:make:ABC234:2"]);
    expect(assetResultButtons(job({ channelNsfw: true, result: { images: [image(true)] } }), "en-US")).toEqual([]);
  });

  it("offers nothing outside a server with the bot", () => {
    expect(assetResultButtons(job({ guildId: null }), "en-US")).toEqual([]);
    expect(assetResultButtons(job({ tokenOnly: true }), "en-US")).toEqual([]);
  });

  it("gives an asset its kind's one-press button", () => {
    const asset = (kind: "emoji" | "sticker" | "icon" | "banner" | "cover") => assetResultButtons(job({ request: { prompt: "a cat", asset: { kind, transparent: false } } }), "en-US");
    expect(asset("emoji")).toMatchObject([{ custom_id: "asset:1:add:emoji:ABC234", label: "Add as emoji" }]);
    expect(label(asset("sticker")[0])).toBe("Add as sticker");
    expect(label(asset("icon")[0])).toBe("Set as server icon");
    expect(label(asset("banner")[0])).toBe("Set as banner");
    expect(label(asset("cover")[0])).toBe("Set as event cover");
    expect(label(assetResultButtons(job({ request: { prompt: "a cat", asset: { kind: "emoji", transparent: true } } }), "de")[0])).toBe("Als Emoji hinzufügen");
  });
});

describe("eventRows", () => {
  it("one button per event, named as the server named it, five a row", () => {
    const events = Array.from({ length: 7 }, (_, i) => ({ id: String(1000 + i), name: `Event ${i + 1}` }));
    const rows = eventRows(events);
    expect(rows.map((row) => row.components.length)).toEqual([5, 2]);
    expect(ids(rows[1]!.components)).toEqual(["asset:1:cover:1005", "asset:1:cover:1006"]);
    expect(label(rows[0]!.components[0])).toBe("Event 1");
  });
});

describe("kindRows", () => {
  it("a free fit per kind; the priced cutout for emoji and stickers only", () => {
    const rows = kindRows("ABC234", 2, ["emoji", "sticker", "icon"], "$0.018 per image", "en-US");
    expect(rows.map((row) => row.components.map(label))).toEqual([
      ["Emoji", "Sticker", "Server icon"],
      ["Emoji without background ($0.018 per image)", "Sticker without background ($0.018 per image)"],
    ]);
    expect(ids(rows[1]!.components)).toEqual(["asset:1:cutout:ABC234:2:emoji", "asset:1:cutout:ABC234:2:sticker"]);
    expect(kindRows("ABC234", 1, ["icon", "banner"], "$0.018 per image", "en-US")).toHaveLength(1);
    expect(kindRows("ABC234", 1, ["emoji"], undefined, "en-US")).toHaveLength(1);
  });
});
