// The paths where fal or Discord do not play along but the member still gets a proper answer: the status stream
// breaks (the bot polls instead), fal refuses the result under its content policy, and an output is larger than
// Discord's upload limit (the bot re-encodes or scales it to fit).
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ATTACHMENT_SIZE_LIMIT, type InteractionHandle } from "../fakes/discord/index.js";
import type { RecordedFalRequest } from "../fakes/fal/index.js";
import { falRequests, imagine, interactionWrites, refOf, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { galleryOf, notesOf, textOf } from "./v2-message.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const FALLBACK = "status stream failed; polling instead";

/** The one submit of `prompt` since `since`, which fal accepted. */
function submitOf(t: Harness, prompt: string, since: number): RecordedFalRequest & { requestId: string } {
  const submits = falRequests(t, "submit", since).filter((r) => submitBody(r).prompt === prompt);
  expect(submits.map((r) => r.status)).toEqual([200]);
  const [submit] = submits;
  expect(submit?.requestId).toEqual(expect.any(String));
  return submit as RecordedFalRequest & { requestId: string };
}

/** [route, status] of every queue request about `requestId`, in arrival order. */
function queueTraffic(t: Harness, requestId: string): [string, number][] {
  return t.fal.requests.filter((r) => r.requestId === requestId && r.route !== "input-fetch").map((r) => [r.route, r.status]);
}

describe("the status stream", () => {
  it("when it works, the bot follows it and never polls", async () => {
    const since = h.fal.requests.length;
    const interaction = imagine(h, { prompt: "a calm sea under a working stream" });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);
    const { requestId } = submitOf(h, "a calm sea under a working stream", since);
    expect(queueTraffic(h, requestId)).toEqual([
      ["submit", 200],
      ["stream", 200],
      ["result", 200],
    ]);
    expect(falRequests(h, "status", since).filter((r) => r.requestId === requestId)).toHaveLength(0);
    expect(h.bot.logs.filter((l) => l.msg === FALLBACK && l.requestId === requestId)).toEqual([]);
  });

  it.each(["end", "reset"] as const)(
    "when it breaks after the first event (%s), the bot polls the status instead and still delivers",
    async (how) => {
      const prompt = `a lighthouse in fog, stream ${how}`;
      const since = h.fal.requests.length;
      h.fal.failNext({ kind: "stream-break", how });
      const interaction = imagine(h, { prompt });
      const final = await waitForFinal(h, interaction);
      expect(textOf(final)).not.toMatch(/\(ref /);
      expect(final.attachments).toHaveLength(1);
      expect((await sharp(final.attachments[0]!.data).metadata()).width).toBeGreaterThan(0);

      const { requestId } = submitOf(h, prompt, since);
      const traffic = queueTraffic(h, requestId);
      // One stream (the fake broke it before COMPLETED), then polls until COMPLETED (202 … 200), then the result.
      expect(traffic.slice(0, 2)).toEqual([
        ["submit", 200],
        ["stream", 200],
      ]);
      const polls = traffic.slice(2, -1);
      expect(polls.length).toBeGreaterThanOrEqual(1);
      expect(polls.every(([route]) => route === "status")).toBe(true);
      expect(polls.at(-1)).toEqual(["status", 200]);
      expect(polls.slice(0, -1).every(([, status]) => status === 202)).toBe(true);
      expect(traffic.at(-1)).toEqual(["result", 200]);
      expect(h.fal.jobs.get(requestId)?.state).toBe("COMPLETED");

      const warning = await h.bot.waitForLog((l) => l.msg === FALLBACK && l.requestId === requestId);
      expect(warning.level).toBe(40);
    },
  );
});

describe("a content-policy refusal", () => {
  it("reported by fal at the result (422 content_policy_violation) tells the member the model refused, with a ref", async () => {
    const prompt = "something the policy forbids";
    const msg = "The request was flagged by the content checker";
    const since = h.fal.requests.length;
    h.fal.failNext({ kind: "validation", type: "content_policy_violation", msg, when: "result" });
    const interaction = imagine(h, { prompt });
    const final = await waitForFinal(h, interaction);
    expect(textOf(final)).toMatch(/refused this request under its content policy/);
    expect(textOf(final)).not.toMatch(/undefined|\n\s+at /);
    expect(final.attachments).toHaveLength(0);
    expect(galleryOf(final)).toHaveLength(0);
    expect(interactionWrites(h, interaction).flatMap((r) => r.files)).toEqual([]);
    const ref = refOf(final);

    const { requestId } = submitOf(h, prompt, since);
    expect(queueTraffic(h, requestId)).toEqual([
      ["submit", 200],
      ["stream", 200],
      ["result", 422],
    ]);
    expect(h.fal.jobs.get(requestId)).toMatchObject({ state: "COMPLETED", result: { status: 422 } });
    const line = await h.bot.waitForLog((l) => l.job === ref && l.msg === "generation failed");
    expect(line.failure).toEqual({ kind: "content-policy", message: msg });
  });
});

describe("an output larger than Discord's upload limit", () => {
  /** A ~12 MiB noise PNG from fal: 10 MiB takes a WebP re-encode at full size (~6.5 MB); 2 MiB also takes a scale-down. */
  async function deliversWithin(t: Harness, limit: number, prompt: string, fix: "re-encoded" | "scaled"): Promise<void> {
    const since = t.fal.requests.length;
    t.fal.failNext({ kind: "large-output" });
    const interaction: InteractionHandle = imagine(t, { prompt });
    expect(interaction.payload).toMatchObject({ attachment_size_limit: limit });
    const final = await waitForFinal(t, interaction, 45_000);
    expect(textOf(final)).not.toMatch(/\(ref /);

    // fal's file really was over the limit …
    const { requestId } = submitOf(t, prompt, since);
    const output = t.fal.jobs.get(requestId)?.result?.body as { images: { url: string; file_size: number; width: number; height: number }[] };
    const original = output.images[0]!;
    expect(original.file_size).toBeGreaterThan(limit);
    const download = falRequests(t, "cdn", since).find((r) => r.targetUrl === original.url);
    expect(download).toMatchObject({ status: 200, bytes: original.file_size });

    // … and what reached Discord fits, decodes, and the result says what was done to it.
    expect(final.attachments).toHaveLength(1);
    const [attachment] = final.attachments;
    expect(attachment!.data.length).toBeLessThanOrEqual(limit);
    expect(attachment!.size).toBe(attachment!.data.length);
    const meta = await sharp(attachment!.data).metadata();
    expect(meta.format).toBe("webp");
    const uploads = interactionWrites(t, interaction).filter((r) => r.files.length > 0);
    expect(uploads.map((r) => [r.status, r.files.length])).toEqual([[200, 1]]);
    expect(uploads[0]!.files[0]!.size).toBeLessThanOrEqual(limit);
    const footer = notesOf(final)[0] ?? "";
    if (fix === "re-encoded") {
      expect(footer).toBe("re-encoded as WebP to fit Discord's upload limit");
      expect([meta.width, meta.height]).toEqual([original.width, original.height]);
    } else {
      const scaled = /^scaled to (\d+)×(\d+) to fit Discord's upload limit$/.exec(footer);
      expect(scaled, footer).not.toBeNull();
      expect([meta.width, meta.height]).toEqual([Number(scaled![1]), Number(scaled![2])]);
      expect(meta.width).toBeLessThan(original.width);
    }
  }

  it("fits the default 10 MiB limit", async () => {
    await deliversWithin(h, DEFAULT_ATTACHMENT_SIZE_LIMIT, "a field of static at 10 MiB", "re-encoded");
  }, 60_000);

  describe("with a guild limit of 2 MiB", () => {
    const limit = 2 * 1024 * 1024;
    let small: Harness;
    beforeAll(async () => {
      small = await startHarness({ discord: { attachmentSizeLimit: limit } });
    });
    afterAll(async () => {
      await small?.close();
    });

    it("fits the lower limit the interaction reports", async () => {
      await deliversWithin(small, limit, "a field of static at 2 MiB", "scaled");
    }, 60_000);
  });
});
