// The actions on a result's images: which images they are offered for, how the rows are laid out within Discord's
// limits, the upscale factor, and the prompts built from the result's prompt.
import { describe, expect, it } from "vitest";
import type { NormalizedOutput } from "../../src/models/index.js";
import { canvasPrompt, longSideOf, upscaleFactor, varyPrompt } from "../../src/generation/result-actions.js";
import { resultActionRows } from "../../src/generation/result-buttons.js";
import { offeredImage, offeredPositions } from "../../src/generation/result-images.js";

const output = (...nsfw: boolean[]): NormalizedOutput => ({ images: nsfw.map((flag, i) => ({ url: `https://v3.fal.media/files/${i}.png`, nsfw: flag })) });

describe("the images the actions are offered for", () => {
  it("follow the message's order; withheld images are not in it, spoilered ones are shown but not offered", () => {
    const result = output(false, true, false);
    expect(offeredPositions({ result, channelNsfw: false, nsfwPolicy: "withhold" })).toEqual([1, 2]);
    expect(offeredImage({ result, channelNsfw: false, nsfwPolicy: "withhold" }, 2)?.url).toMatch(/2\.png$/);
    expect(offeredPositions({ result, channelNsfw: false, nsfwPolicy: "spoiler" })).toEqual([1, 3]);
    expect(offeredImage({ result, channelNsfw: false, nsfwPolicy: "spoiler" }, 2)).toBeUndefined();
    expect(offeredPositions({ result, channelNsfw: true, nsfwPolicy: "withhold" })).toEqual([1, 3]);
    expect(offeredPositions({ result: output(true), channelNsfw: false, nsfwPolicy: "withhold" })).toEqual([]);
    expect(offeredPositions({ result: { images: [] }, channelNsfw: false, nsfwPolicy: "withhold" })).toEqual([]);
    for (const bad of [0, 2, 4, 1.5, Number.NaN]) expect(offeredImage({ result, channelNsfw: true, nsfwPolicy: "withhold" }, bad)).toBeUndefined();
  });
});

describe("flagged images in an NSFW channel", () => {
  it("are shown but get no actions: the upscaler and edit models would return them unflagged", () => {
    const result = output(true, false);
    for (const nsfwPolicy of ["withhold", "spoiler"] as const) {
      expect(offeredPositions({ result, channelNsfw: true, nsfwPolicy })).toEqual([2]);
      expect(offeredImage({ result, channelNsfw: true, nsfwPolicy }, 1)).toBeUndefined();
    }
  });
});

describe("the action rows", () => {
  it("have at most 4 buttons of U, V and ⋯ when a model returned more images than asked", () => {
    const rows = resultActionRows("ABC234", [1, 2, 3, 4, 5, 6], 6, "en-US");
    expect(rows.map((row) => row.components.map((b) => ("label" in b ? b.label : undefined)))).toEqual([
      ["U1", "U2", "U3", "U4"],
      ["V1", "V2", "V3", "V4"],
      ["⋯ 1", "⋯ 2", "⋯ 3", "⋯ 4"],
    ]);
  });

  it("stay within 3 rows of at most 5 buttons (4 with the first row) for 1 to 4 images, custom ids unique and short", () => {
    for (let shown = 1; shown <= 4; shown++) {
      const positions = Array.from({ length: shown }, (_, i) => i + 1);
      const rows = resultActionRows("ABC234", positions, shown, "en-US");
      expect(rows).toHaveLength(3);
      const ids = rows.flatMap((row) => row.components.map((button) => ("custom_id" in button ? button.custom_id : "")));
      for (const row of rows) expect(row.components.length).toBeLessThanOrEqual(5);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    }
    expect(resultActionRows("ABC234", [], 2, "en-US")).toEqual([]);
    expect(resultActionRows("ABC234", [1, 3], 3, "en-US").map((row) => row.components.map((b) => ("label" in b ? b.label : undefined)))).toEqual([["U1", "U3"], ["V1", "V3"], ["⋯ 1", "⋯ 3"]]);
  });
});

describe("Upscale's factor", () => {
  it("brings the long side to 2048 or 4096 px; 2 and 4 when the size is unknown", () => {
    expect(upscaleFactor({ width: 1024, height: 1024 }, "upscale2k")).toBe(2);
    expect(upscaleFactor({ width: 1344, height: 768 }, "upscale4k")).toBe(3.0477);
    expect(Math.round(1344 * upscaleFactor({ width: 1344, height: 768 }, "upscale2k"))).toBe(2048);
    expect(upscaleFactor({}, "upscale2k")).toBe(2);
    expect(upscaleFactor({}, "upscale4k")).toBe(4);
  });

  it("without a size from fal, starts from the resolution the result asked for (else 1K)", () => {
    expect(upscaleFactor({}, "upscale4k", "2K")).toBe(2);
    expect(upscaleFactor({}, "upscale2k", "0.5K")).toBe(4);
    expect(upscaleFactor({}, "upscale4k", "1K")).toBe(4);
    expect(upscaleFactor({}, "upscale2k", "weird")).toBe(2);
    expect(longSideOf({}, "4K")).toBe(4096);
    expect(longSideOf({}, "2K")).toBe(2048);
    expect(longSideOf({}, undefined)).toBe(1024);
    expect(longSideOf({ width: 640, height: 480 }, "4K")).toBe(640);
  });

  it("is at most fal's 10: a tiny image stays below the target", () => {
    expect(upscaleFactor({ width: 256, height: 256 }, "upscale4k")).toBe(10);
    expect(upscaleFactor({ width: 100, height: 50 }, "upscale2k")).toBe(10);
    expect(upscaleFactor({ width: 409, height: 300 }, "upscale4k")).toBe(10);
  });
});

describe("the prompts", () => {
  it("carry the result's prompt, cut to 1000 characters", () => {
    expect(varyPrompt("a fox", "subtle")).toMatch(/^Make a subtle variation.*: a fox$/);
    expect(varyPrompt("a fox", "strong")).toMatch(/^Make a strong variation.*new composition.*: a fox$/);
    expect(canvasPrompt("a fox", { kind: "pan", direction: "down" })).toMatch(/top of a taller canvas; the flat grey area below it is empty\. Extend the scene downwards/);
    expect(canvasPrompt("a fox", { kind: "zoom", factor: 2 })).toMatch(/middle of a larger canvas.*Zoom out: /);
    expect(varyPrompt("x".repeat(5000), "subtle").length).toBeLessThan(1500);
  });
});
