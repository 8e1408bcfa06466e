// Issue 3 end to end: progress lives in the deferred reply — queue position, then "Generating" with the elapsed
// time and fal's latest log line, an ETA once the model has a history — at most one edit per interval and
// never two edits of one job in flight.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressEditsPerSecond } from "../../src/discord/progress-pacer.js";
import type { RecordedRequest } from "../fakes/discord/index.js";
import { bodyOf, imagine, originalEdits, waitForFinal } from "./generation-helpers.js";
import { plainMember } from "./policy-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { textOf } from "./v2-message.js";

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

const contents = (edits: RecordedRequest[]) => edits.map((r) => textOf(bodyOf(r)));

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

describe("progress under a flood of jobs", () => {
  /** Clock slack: the fake's arrival times can bunch edits the bot sent apart (a stall of the fake's loop). */
  const slackSeconds = 0.25;
  let flood: Harness;
  beforeAll(async () => {
    flood = await startHarness({
      fal: { queueMs: 50, runMs: 3000, logLines: 12 },
      env: { PROGRESS_INTERVAL_MS: "250", MAX_CONCURRENT_JOBS: "64" },
    });
  });
  afterAll(async () => {
    await flood?.close();
  });

  it("keeps all replies' progress edits within the bot's budget, each reply still moving, and delivers every result", async () => {
    // 40 members, one job each, 3 s at fal: alone, each reply would be edited every 250 ms (~480 edits in all).
    const jobs = Array.from({ length: 40 }, (_, i) => imagine(flood, { prompt: `flood ${i}`, user: plainMember(flood, `flood${i}`) }));
    const finals = await Promise.all(jobs.map((job) => waitForFinal(flood, job, 30_000)));
    for (const final of finals) expect(final.attachments).toHaveLength(1);

    const perJob = jobs.map((job) => split(originalEdits(flood, job)).progress);
    const times = perJob.flat().map((r) => r.at).sort((a, b) => a - b);
    // A second's worth may go at once, then the budget's rate: any stretch of T seconds holds at most that.
    for (let i = 0; i < times.length; i++) {
      for (let j = i; j < times.length; j++) {
        const seconds = (times[j]! - times[i]!) / 1000;
        const allowed = progressEditsPerSecond * (1 + seconds + slackSeconds) + 1;
        expect(j - i + 1, `progress edits ${i + 1}–${j + 1} within ${seconds.toFixed(2)} s`).toBeLessThanOrEqual(allowed);
      }
    }
    // Turns are handed out in the order asked, so no reply is left without progress while the others move on;
    // and waiting for a turn never lets a reply's edits come closer than its interval.
    for (const [i, progress] of perJob.entries()) {
      expect(progress.length, `progress edits of job ${i}`).toBeGreaterThanOrEqual(1);
      for (let k = 1; k < progress.length; k++) expect(progress[k]!.at - progress[k - 1]!.at).toBeGreaterThanOrEqual(250 - TOLERANCE_MS);
    }
  }, 60_000);
});
