// Issue 3 end to end: progress lives in the deferred reply — queue position, then "Generating" with the elapsed
// time and fal's latest log line, an ETA once the model has a history — at most one edit per interval and
// never two edits of one job in flight.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordedRequest } from "../fakes/discord/index.js";
import { bodyOf, imagine, originalEdits, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";

const INTERVAL_MS = 1500;
/** Clock and scheduling slack between the bot's timer and the fake's arrival times. */
const TOLERANCE_MS = 50;

// Per job, in submit order: the first shows the queue and a long run; the second, of the same model, its ETA.
const queueTimes = [3000, 100];
const runTimes = [6000, 2500];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    fal: { queueMs: () => queueTimes.shift() ?? 100, runMs: () => runTimes.shift() ?? 200, logLines: 3 },
  });
});
afterAll(async () => {
  await h?.close();
});

/** The edits before the final one, with the final one. */
function split(edits: RecordedRequest[]): { progress: RecordedRequest[]; final: RecordedRequest } {
  const final = edits.at(-1);
  if (!final) throw new Error("no edit of @original was recorded");
  return { progress: edits.slice(0, -1), final };
}

function expectPaced(edits: RecordedRequest[], progress: RecordedRequest[]): void {
  for (let i = 1; i < progress.length; i++) {
    expect(progress[i]!.at - progress[i - 1]!.at, `progress edits ${i} and ${i + 1}`).toBeGreaterThanOrEqual(INTERVAL_MS - TOLERANCE_MS);
  }
  // Never two in flight: each edit (the final one included) arrives after the previous one was answered.
  for (let i = 1; i < edits.length; i++) {
    expect(edits[i]!.at, `edit ${i + 1} arrived while edit ${i} was in flight`).toBeGreaterThanOrEqual(edits[i - 1]!.finishedAt!);
  }
}

const contents = (edits: RecordedRequest[]) => edits.map((r) => String(bodyOf(r).content ?? ""));

describe("progress in the deferred reply", () => {
  it("shows the queue position, then Generating with elapsed time and fal's log; paced and one at a time", async () => {
    const interaction = imagine(h, { prompt: "a long exposure of the harbour" });
    expect((await interaction.response()).type).toBe(5);
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);

    const edits = originalEdits(h, interaction);
    const { progress, final: last } = split(edits);
    expect(last.files).toHaveLength(1);
    // 3 s queued + 6 s generating at one edit per 1.5 s.
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expectPaced(edits, progress);

    const texts = contents(progress);
    for (const text of texts) expect(text).toContain("a long exposure of the harbour");
    expect(texts.some((t) => /Waiting in fal's queue — position \d/.test(t)), texts.join("\n---\n")).toBe(true);
    const generating = texts.filter((t) => t.includes("Generating ·"));
    expect(generating.length, texts.join("\n---\n")).toBeGreaterThanOrEqual(2);
    expect(generating.some((t) => /Generating · 0:0[1-9]/.test(t))).toBe(true);
    expect(generating.some((t) => /-# Generating \([123]\/3\)/.test(t))).toBe(true);
    // The queue came before the generating.
    expect(texts.findIndex((t) => t.includes("position"))).toBeLessThan(texts.findIndex((t) => t.includes("Generating ·")));
    // No history for this model yet, so no ETA.
    expect(texts.some((t) => t.includes("left"))).toBe(false);
  }, 20_000);

  it("shows an ETA for the next job of the same model", async () => {
    const interaction = imagine(h, { prompt: "the harbour again" });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);

    const edits = originalEdits(h, interaction);
    const { progress } = split(edits);
    expectPaced(edits, progress);
    const texts = contents(progress);
    expect(texts.some((t) => /Generating · 0:0\d · [▰▱]+ about 0:0\d left/.test(t)), texts.join("\n---\n")).toBe(true);
  }, 20_000);
});
