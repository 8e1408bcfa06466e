// The bytes Discord receives are the bytes fal made. Results are downloaded into buffers from a pool that
// reuses them from one delivery to the next (src/media/buffer-pool.ts): a buffer handed back while its upload
// still reads it, or shared by two deliveries, would post another job's image (or a mix of two) to Discord.
// Twelve jobs from four members run at once, each with an output of its own; every attachment of every final
// reply must equal, byte for byte, the file fal's CDN served for that job.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capacityFor } from "../../src/media/buffer-pool.js";
import type { FakeUser, InteractionHandle, RecordedRequest } from "../fakes/discord/index.js";
import type { OutputImage } from "../fakes/fal/index.js";
import { falRequests, imagine, originalEdits, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { textOf } from "./v2-message.js";

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** Real outputs are megabytes; these are about 700 KB each, so they all take the pool's 1 MiB buffers. */
const outputBytes = 700 * 1024;

/**
 * Each reply gets a progress edit about 650 ms after its submit (400 ms interval), and fal finishes the jobs
 * 700–975 ms after their submits, 25 ms apart. Discord allows one edit of a reply per 2 s, so each result waits
 * in the bot's REST queue, its upload built, while other jobs download theirs (and the last four wait for one of
 * the 8 delivery slots): a buffer handed back before its upload was sent is taken and overwritten by the next
 * download, as it would be when Discord rate-limits a busy bot.
 */
let h: Harness;
let runs = 0;
beforeAll(async () => {
  h = await startHarness({
    discord: { rateLimits: { perRoute: { limit: 1, windowMs: 2000 } } },
    fal: { outputBytes, queueMs: 50, runMs: () => 650 + 25 * (runs++ % 12) },
    env: { PROGRESS_INTERVAL_MS: "400" },
  });
});
afterAll(async () => {
  await h?.close();
});

interface Job {
  prompt: string;
  user: FakeUser;
  count: number;
  interaction: InteractionHandle;
}

describe("results under concurrent deliveries", () => {
  it("posts to Discord exactly the bytes fal served for each job, with 12 jobs from 4 members at once", { timeout: 60_000 }, async () => {
    const { member, other, moderator, owner } = h.discord.users;
    const users = [member, other, moderator, owner];
    // Every job a shape of its own, so fal renders a different file for each (Nano Banana 2 adds two more ratios).
    // PNG throughout (Nano Banana's default is jpeg), so every output is about outputBytes.
    const shapes = [
      ...["21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16"].map((ratio) => ({
        model: "nano-banana",
        aspect_ratio: ratio,
        format: "png",
      })),
      { model: "nano-banana-2", aspect_ratio: "4:1" },
      { model: "nano-banana-2", aspect_ratio: "1:4" },
    ];
    // Three each (the default policy lets a member have three jobs in flight); every third job asks for two images.
    const jobs: Job[] = shapes.map((shape, i) => {
      const prompt = `delivered bytes ${i + 1}: ${shape.model} ${shape.aspect_ratio}`;
      const user = users[i % users.length]!;
      const count = i % 3 === 0 ? 2 : 1;
      const options = { ...shape, ...(count > 1 ? { count } : {}) };
      return { prompt, user, count, interaction: imagine(h, { prompt, user, options }) };
    });
    const responses = await Promise.all(jobs.map((job) => job.interaction.response()));
    expect(responses.map((r) => r.type)).toEqual(jobs.map(() => 5));
    const finals = await Promise.all(jobs.map((job) => waitForFinal(h, job.interaction, 45_000)));

    // The bot's downloads of the results, taken before this test fetches the same files below.
    const botDownloads = falRequests(h, "cdn");
    const submits = falRequests(h, "submit");
    expect(submits).toHaveLength(jobs.length);
    const served = new Map<string, Buffer>();
    const expected: { job: Job; images: OutputImage[]; lastEdit: RecordedRequest; downloadedAt: number; uploadedAt: number }[] = [];
    for (const job of jobs) {
      const submit = submits.find((r) => submitBody(r).prompt === job.prompt);
      expect(submit?.status, job.prompt).toBe(200);
      const result = h.fal.jobs.get(submit!.requestId!)?.result;
      expect(result?.status, job.prompt).toBe(200);
      const images = (result!.body as { images: OutputImage[] }).images;
      expect(images.length, job.prompt).toBe(job.count);
      const downloads = images.map((image) => botDownloads.filter((r) => r.targetUrl === image.url));
      for (const image of images) {
        // The file as fal's CDN serves it, and proof the bot downloaded that very file, once and whole.
        const response = await fetch(image.url);
        expect(response.status).toBe(200);
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(bytes.length).toBe(image.file_size);
        served.set(image.url, bytes);
      }
      expect(
        downloads.map((list) => list.map((r) => [r.method, r.status, r.bytes])),
        `${job.prompt}: the bot's downloads`,
      ).toEqual(images.map((image) => [["GET", 200, served.get(image.url)!.length]]));
      const lastEdit = originalEdits(h, job.interaction).at(-1)!;
      expect(lastEdit.status, job.prompt).toBe(200);
      expected.push({
        job,
        images,
        lastEdit,
        downloadedAt: Math.min(...downloads.flat().map((r) => r.at)),
        // The fake Discord stamps requests with performance.now() of this process, fal with Date.now().
        uploadedAt: performance.timeOrigin + lastEdit.at,
      });
    }

    // The premise. A mix-up between jobs would show: every job's output differs. The outputs share the pool's
    // buffer size, so a buffer one delivery hands back is the next one's to take. And deliveries overlapped:
    // other jobs downloaded their results while a result waited, downloaded, for its upload.
    const outputs = expected.map(({ images }) => sha256(served.get(images[0]!.url)!));
    expect(new Set(outputs).size).toBe(jobs.length);
    expect([...new Set([...served.values()].map((bytes) => capacityFor(bytes.length)))]).toEqual([1024 * 1024]);
    const overtaken = expected.filter((a) => expected.some((b) => b !== a && b.downloadedAt > a.downloadedAt && b.downloadedAt < a.uploadedAt));
    expect(overtaken.length).toBeGreaterThanOrEqual(jobs.length / 2);

    // What Discord received: the final edit of each reply carries one file per image, each identical to fal's.
    expected.forEach(({ job, images, lastEdit }, i) => {
      const final = finals[i]!;
      expect(lastEdit.files.map((f) => f.size), job.prompt).toEqual(images.map((image) => served.get(image.url)!.length));
      expect(final.attachments, `${job.prompt}: ${textOf(final)}`).toHaveLength(images.length);
      images.forEach((image, k) => {
        const want = served.get(image.url)!;
        const got = final.attachments[k]!.data;
        expect(sha256(got), `${job.prompt}, attachment ${k + 1}`).toBe(sha256(want));
      });
    });
  });
});
