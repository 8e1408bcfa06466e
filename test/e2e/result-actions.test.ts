// Issue 17, items 2–5: the actions on a result — Upscale (2K, 4K) with SeedVR2, Vary (Subtle, Strong), Zoom out
// (1.5×, 2×) and Pan with the edit model on a canvas made with sharp — per image on a set, each a job of its own
// charged to whoever pressed, in a new reply, working after a restart. Asserts fal's input and what the member gets.
import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FakeMessage, FakeUser, InteractionHandle } from "../fakes/discord/index.js";
import type { RecordedFalRequest } from "../fakes/fal/index.js";
import { buttonIds, falRequests, imagine, refOf, submitBody, waitForFinal, watchedAtFal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { storedJob } from "./job-records.js";
import { ledgerRows } from "./policy-helpers.js";
import { factsOf, textOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const EPHEMERAL = 64;
const UPSCALER = "fal-ai/seedvr/upscale/image";
const GREY = [128, 128, 128];

function refOfResult(message: FakeMessage): string {
  const reroll = buttonIds(message).find((id) => id.startsWith("job:1:reroll:"));
  if (!reroll) throw new Error(`no Re-roll button under the message: ${JSON.stringify(message.components)}`);
  return reroll.split(":")[3]!;
}

/** The rows of a message's buttons: each row's custom ids. */
/** The custom ids of the message's action rows (under a result's container), row by row. */
function rowsOf(message: FakeMessage): string[][] {
  return (message.components as { type: number; components?: { custom_id?: string }[] }[])
    .filter((row) => row.type === 1)
    .map((row) => (row.components ?? []).map((c) => c.custom_id ?? ""));
}

/** The output URLs fal answered for the job a submit started. */
function outputUrls(h: Harness, submit: RecordedFalRequest): string[] {
  const body = h.fal.jobs.get(submit.requestId!)!.result!.body as { images?: { url: string }[]; image?: { url: string } };
  return body.images ? body.images.map((i) => i.url) : [body.image!.url];
}

/** Presses a button and waits for the job it started: its fal submit and its final reply. */
async function press(h: Harness, message: FakeMessage, customId: string, user?: FakeUser) {
  const submitsBefore = falRequests(h, "submit").length;
  const interaction = h.discord.clickButton({ message, customId, ...(user ? { user } : {}) });
  const response = await interaction.response();
  expect(response.type, JSON.stringify(response.data)).toBe(5);
  const final = await waitForFinal(h, interaction);
  const submits = falRequests(h, "submit").slice(submitsBefore);
  expect(submits).toHaveLength(1);
  return { interaction, response, final, submit: submits[0]!, body: submitBody(submits[0]!) };
}

async function parentOf(h: Harness, interaction: InteractionHandle): Promise<number | null> {
  const row = await h.database.get<{ parent_job_id: number | null }>("SELECT parent_job_id FROM jobs WHERE interaction_id = ?", interaction.id);
  return row!.parent_job_id;
}

async function fetchRaw(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return sharp(Buffer.from(await response.arrayBuffer())).removeAlpha().raw().toBuffer({ resolveWithObject: true });
}

type Raw = Awaited<ReturnType<typeof fetchRaw>>;
const pixel = ({ data, info }: Raw, x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];

/**
 * The canvas the bot uploaded for a Zoom out or Pan (the image fal was given): its size, the original drawn at
 * `at` (compared with the source on a grid of points), and the grey fill at the given points.
 */
async function expectCanvas(body: Record<string, unknown>, source: Raw, size: [number, number], at: [number, number], fill: [number, number][]) {
  const urls = body.image_urls as string[];
  expect(urls).toHaveLength(1);
  const canvas = await fetchRaw(urls[0]!);
  expect([canvas.info.width, canvas.info.height]).toEqual(size);
  const { width, height } = source.info;
  for (let gx = 0; gx <= 8; gx++) {
    for (let gy = 0; gy <= 8; gy++) {
      const x = Math.min(width - 1, Math.round((gx * width) / 8));
      const y = Math.min(height - 1, Math.round((gy * height) / 8));
      expect(pixel(canvas, at[0] + x, at[1] + y), `original at ${x},${y}`).toEqual(pixel(source, x, y));
    }
  }
  for (const [x, y] of fill) expect(pixel(canvas, x, y), `fill at ${x},${y}`).toEqual(GREY);
}

describe("actions on a single image", () => {
  it("shows every action in rows of at most 5; Upscale 2K and 4K go to SeedVR2 with the factor that reaches the size; a stranger pays for theirs; after a restart too", async () => {
    h = await startHarness();
    const first = imagine(h, { prompt: "a red fox in the snow" });
    const result = await waitForFinal(h, first);
    const ref = refOfResult(result);
    const id = (action: string) => `job:1:${action}:${ref}:1`;
    // The first row ends with assets' Make asset (for the one image).
    expect(rowsOf(result)).toEqual([
      [`job:1:reroll:${ref}`, `job:1:edit:${ref}`, `job:1:delete:${ref}`, `asset:1:make:${ref}:1`],
      [id("upscale2k"), id("upscale4k"), id("vary-subtle"), id("vary-strong")],
      [id("zoom15"), id("zoom2")],
      [id("pan-left"), id("pan-right"), id("pan-up"), id("pan-down")],
    ]);
    const [source] = outputUrls(h, falRequests(h, "submit")[0]!);

    const twoK = await press(h, result, id("upscale2k"));
    expect(twoK.response.data.flags ?? 0).toBe(0);
    expect(twoK.submit.endpoint).toBe(UPSCALER);
    expect(twoK.body).toEqual({ image_url: source, upscale_mode: "factor", upscale_factor: 2 });
    expect(twoK.final.attachments).toHaveLength(1);
    expect(factsOf(twoK.final)).toMatchObject({ Model: "SeedVR2 Upscale", Size: "2048×2048", Prompt: expect.stringContaining("a red fox in the snow") });
    expect(twoK.final.id).not.toBe(result.id);
    expect(await parentOf(h, twoK.interaction)).toBe((await storedJob(h, first)).id);
    // Settled from the output's size: 2048² px = 4.19 MP at $0.001.
    await expect.poll(() => storedJob(h!, twoK.interaction)).toMatchObject({ state: "delivered", ledger: "settled", usd: 0.0042 });
    // The upscaled image is 2K already: Upscale 2K on it is refused privately; nothing reaches fal.
    const again = h.discord.clickButton({ message: twoK.final, customId: `job:1:upscale2k:${refOfResult(twoK.final)}:1` });
    const refused = await again.response();
    expect([refused.type, refused.data.flags & EPHEMERAL]).toEqual([4, EPHEMERAL]);
    expect(refused.data.content).toMatch(/already 2048×2048, 2K or more on its long side.*Use Upscale 4K/);

    await h.restart();
    const stranger = h.discord.users.other;
    const fourK = await press(h, result, id("upscale4k"), stranger);
    expect(fourK.body).toEqual({ image_url: source, upscale_mode: "factor", upscale_factor: 4 });
    expect(factsOf(fourK.final).Size).toBe("4096×4096");
    const job = await storedJob(h, fourK.interaction);
    expect((await ledgerRows(h)).find((row) => row.job_id === job.id)).toMatchObject({ user_id: stranger.id, model_id: "seedvr-upscale", status: "settled", images: 1 });
    expect(job.usd).toBeCloseTo(0.0168, 4);
  });

  it("Vary (Subtle) and (Strong) edit the image with the result's edit counterpart, from the result's prompt; after a restart too", async () => {
    h = await startHarness();
    const result = await waitForFinal(h, imagine(h, { prompt: "a lighthouse on a cliff at dusk", options: { model: "nano-banana-2", resolution: "0.5K" } }));
    const ref = refOfResult(result);
    const [source] = outputUrls(h, falRequests(h, "submit")[0]!);

    const subtle = await press(h, result, `job:1:vary-subtle:${ref}:1`);
    expect(subtle.submit.endpoint).toBe("fal-ai/nano-banana-2/edit");
    expect(subtle.body).toMatchObject({ image_urls: [source], resolution: "0.5K" });
    expect(subtle.body.prompt).toMatch(/subtle variation.*Keep its composition, subjects, framing/);
    expect(subtle.body.prompt).toContain("a lighthouse on a cliff at dusk");
    expect(subtle.final.attachments).toHaveLength(1);
    // The member sees the action and their own words, not the instruction the bot wrote for the model.
    const promptField = (message: typeof subtle.final) => factsOf(message).Prompt;
    expect(promptField(subtle.final)).toBe("Vary (Subtle) · \u2068a lighthouse on a cliff at dusk\u2069");
    // A Vary of that result starts again from the member's words: the instructions do not pile up.
    const again = await press(h, subtle.final, `job:1:vary-strong:${refOfResult(subtle.final)}:1`);
    expect(String(again.body.prompt).match(/variation/g)).toHaveLength(1);
    expect(String(again.body.prompt).match(/a lighthouse on a cliff at dusk/g)).toHaveLength(1);
    expect(promptField(again.final)).toBe("Vary (Strong) · \u2068a lighthouse on a cliff at dusk\u2069");

    await h.restart();
    const strong = await press(h, result, `job:1:vary-strong:${ref}:1`);
    expect(strong.submit.endpoint).toBe("fal-ai/nano-banana-2/edit");
    expect(strong.body).toMatchObject({ image_urls: [source] });
    expect(strong.body.prompt).toMatch(/strong variation.*new composition, pose, camera angle and lighting/);
    expect(strong.body.prompt).toContain("a lighthouse on a cliff at dusk");
    expect(strong.final.attachments).toHaveLength(1);

    // On a private result, the action's reply is private too.
    const hidden = await waitForFinal(h, imagine(h, { prompt: "a secret garden", options: { private: true } }));
    const privately = await press(h, hidden, `job:1:vary-subtle:${refOfResult(hidden)}:1`);
    expect(privately.response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(privately.submit.endpoint).toBe("fal-ai/nano-banana/edit");
    expect(privately.final.attachments).toHaveLength(1);
  });

  it("Zoom out 2× and 1.5×, Pan left and up: the image on a larger canvas, uploaded to fal storage, filled by the edit model", async () => {
    h = await startHarness();
    const result = await waitForFinal(h, imagine(h, { prompt: "a harbour at noon" }));
    const ref = refOfResult(result);
    const [sourceUrl] = outputUrls(h, falRequests(h, "submit")[0]!);
    const source = await fetchRaw(sourceUrl!);
    expect([source.info.width, source.info.height]).toEqual([1024, 1024]);

    const zoom2 = await press(h, result, `job:1:zoom2:${ref}:1`);
    expect(zoom2.submit.endpoint).toBe("fal-ai/nano-banana/edit");
    expect(zoom2.body).toMatchObject({ aspect_ratio: "auto" });
    expect(zoom2.body.prompt).toMatch(/middle of a larger canvas.*Zoom out.*Keep the original picture exactly as it is, where it is/);
    expect(zoom2.body.prompt).toContain("a harbour at noon");
    expect((zoom2.body.image_urls as string[])[0]).not.toBe(sourceUrl);
    // 2048 × 2048: the 2× canvas is already at the cap; the original in the middle.
    await expectCanvas(zoom2.body, source, [2048, 2048], [512, 512], [[0, 0], [2047, 2047], [511, 1024], [1536, 1024], [1024, 100]]);
    expect(falRequests(h, "upload-put")).toHaveLength(1);
    expect(zoom2.final.attachments).toHaveLength(1);

    // Re-roll of a zoomed result makes the canvas again from the original image, not from the last canvas.
    const rerolled = await press(h, zoom2.final, `job:1:reroll:${refOfResult(zoom2.final)}`);
    expect((rerolled.body.image_urls as string[])[0]).not.toBe((zoom2.body.image_urls as string[])[0]);
    await expectCanvas(rerolled.body, source, [2048, 2048], [512, 512], [[0, 0], [2047, 2047]]);

    const zoom15 = await press(h, result, `job:1:zoom15:${ref}:1`);
    await expectCanvas(zoom15.body, source, [1536, 1536], [256, 256], [[0, 0], [1535, 1535], [255, 768], [1280, 768]]);

    await h.restart();
    const left = await press(h, result, `job:1:pan-left:${ref}:1`);
    expect(left.body.prompt).toMatch(/right edge of a wider canvas; the flat grey area to its left is empty/);
    await expectCanvas(left.body, source, [1536, 1024], [512, 0], [[0, 0], [511, 1023], [256, 512]]);
    const up = await press(h, result, `job:1:pan-up:${ref}:1`);
    expect(up.body.prompt).toMatch(/bottom of a taller canvas; the flat grey area above it is empty/);
    await expectCanvas(up.body, source, [1024, 1536], [0, 512], [[0, 0], [1023, 511], [512, 256]]);
    expect(up.final.attachments).toHaveLength(1);

    // The image can no longer be downloaded: the job ends once, released, with a plain message; nothing reaches fal.
    h.fal.refuseUrl(sourceUrl!);
    const submits = falRequests(h, "submit").length;
    const gone = h.discord.clickButton({ message: result, customId: `job:1:pan-down:${ref}:1` });
    expect((await gone.response()).type).toBe(5);
    const failed = await waitForFinal(h, gone);
    expect(textOf(failed)).toMatch(/^❌ The image to zoom out or pan could not be downloaded or handed to fal.*nothing was charged\. Press Retry, or use the buttons on a newer result/);
    expect(textOf(failed)).not.toMatch(/attach/i);
    expect(buttonIds(failed)).toEqual([`job:1:retry:${refOf(failed)}`]);
    expect(await storedJob(h, gone)).toMatchObject({ state: "failed", ledger: "released" });
    expect(falRequests(h, "submit")).toHaveLength(submits);
  });
});

/** Makes the job look delivered `days` ago, once the bot recorded it delivered (test setup: plain SQL on its database). */
async function deliveredDaysAgo(h: Harness, interaction: InteractionHandle, days: number) {
  const { ref } = await vi.waitFor(() => storedJob(h, interaction), { timeout: 15_000 });
  await h.bot.waitForLog((l) => l.msg === "delivered" && l.job === ref);
  const moved = await h.database.run(
    "UPDATE jobs SET delivered_at = delivered_at - ? WHERE interaction_id = ? AND delivered_at IS NOT NULL",
    days * 24 * 60 * 60 * 1000,
    interaction.id,
  );
  expect(moved).toBe(1);
}

const withoutQuery = (url: string) => url.split("?")[0];

describe("actions on a result more than 6 days old", () => {
  it("take a public result's image from its message's own attachment (fal's file may be gone); a private one's from fal", async () => {
    h = await startHarness();
    const made = imagine(h, { prompt: "an old mill", options: { count: 2 } });
    const result = await waitForFinal(h, made);
    const ref = refOfResult(result);
    const falUrls = outputUrls(h, falRequests(h, "submit")[0]!);
    await deliveredDaysAgo(h, made, 7);
    for (const url of falUrls) h.fal.refuseUrl(url);

    const v2 = await press(h, result, `job:1:vary-subtle:${ref}:2`);
    const [used] = v2.body.image_urls as string[];
    expect(withoutQuery(used!)).toBe(withoutQuery(result.attachments[1]!.url));
    expect(v2.final.attachments).toHaveLength(1);
    const u1 = await press(h, result, `job:1:upscale2k:${ref}:1`);
    expect(withoutQuery(String(u1.body.image_url))).toBe(withoutQuery(result.attachments[0]!.url));
    expect(u1.final.attachments).toHaveLength(1);

    // A private result: the bot cannot read its message, so fal's link is tried.
    const hidden = imagine(h, { prompt: "a hidden mill", options: { private: true } });
    const hiddenResult = await waitForFinal(h, hidden);
    const [hiddenUrl] = outputUrls(h, falRequests(h, "submit").find((r) => submitBody(r).prompt === "a hidden mill")!);
    await deliveredDaysAgo(h, hidden, 7);
    const privately = await press(h, hiddenResult, `job:1:vary-subtle:${refOfResult(hiddenResult)}:1`);
    expect(privately.body.image_urls).toEqual([hiddenUrl]);
  });
});

describe("a Zoom out made from an old result's Discord attachment", () => {
  it("is made again from a refreshed link when its Re-roll comes after that link expired", async () => {
    h = await startHarness({ discord: { attachmentLinkTtlMs: 4000 } });
    const made = imagine(h, { prompt: "a lighthouse keeper's cottage" });
    const result = await waitForFinal(h, made);
    await deliveredDaysAgo(h, made, 7);
    for (const url of outputUrls(h, falRequests(h, "submit")[0]!)) h.fal.refuseUrl(url);

    const zoom = await press(h, result, `job:1:zoom2:${refOfResult(result)}:1`);
    const stored = await h.database.get<{ request_json: string }>("SELECT request_json FROM jobs WHERE interaction_id = ?", zoom.interaction.id);
    const source = (JSON.parse(stored!.request_json) as { canvas: { source: string } }).canvas.source;
    expect(withoutQuery(source)).toBe(withoutQuery(result.attachments[0]!.url));

    await h.discord.linkExpired(source);
    expect((await fetch(source)).status).toBe(404);
    const refreshes = () => h!.discord.requests.filter((r) => r.method === "POST" && r.route === "/attachments/refresh-urls");
    const before = refreshes().length;
    const rerolled = await press(h, zoom.final, `job:1:reroll:${refOfResult(zoom.final)}`);
    // One refresh of the canvas's source, and the canvas made from it: the original in the middle of 2048².
    expect(refreshes().slice(before).map((r) => r.body)).toEqual([{ attachment_urls: [source] }]);
    expect(rerolled.final.attachments).toHaveLength(1);
    // The same source on the same canvas: pixel for pixel the first Zoom's (not the first canvas zoomed again).
    const canvasOf = (body: Record<string, unknown>) => fetchRaw((body.image_urls as string[])[0]!);
    const [first, again] = await Promise.all([canvasOf(zoom.body), canvasOf(rerolled.body)]);
    expect([again.info.width, again.info.height]).toEqual([2048, 2048]);
    expect(again.data.equals(first.data)).toBe(true);
  });
});

describe("a Zoom out whose canvas upload stalls", () => {
  it("fails after the download deadline, released, with Retry; Retry once fal storage answers makes it", async () => {
    h = await startHarness({ env: { DOWNLOAD_TIMEOUT_MS: "1000" } });
    const result = await waitForFinal(h, imagine(h, { prompt: "a windy pier" }));
    const ref = refOfResult(result);
    const release = h.fal.holdUploads();
    const zoom = h.discord.clickButton({ message: result, customId: `job:1:zoom15:${ref}:1` });
    expect((await zoom.response()).type).toBe(5);
    const failed = await waitForFinal(h, zoom);
    expect(textOf(failed)).toMatch(/^❌ The image to zoom out or pan could not be downloaded or handed to fal.*Press Retry/);
    const zoomRef = refOf(failed);
    expect(buttonIds(failed)).toEqual([`job:1:retry:${zoomRef}`]);
    expect(await storedJob(h, zoom)).toMatchObject({ state: "failed", ledger: "released" });
    expect(falRequests(h, "submit")).toHaveLength(1);

    release();
    const retry = h.discord.clickButton({ message: failed, customId: `job:1:retry:${zoomRef}` });
    expect((await retry.response()).type).toBe(5);
    const made = await waitForFinal(h, retry);
    expect(made.attachments).toHaveLength(1);
    const [submit] = falRequests(h, "submit").filter((r) => r.endpoint === "fal-ai/nano-banana/edit");
    expect((submitBody(submit!).image_urls as string[])[0]).toMatch(/\/cdn\//);
  });
});

describe("a Zoom out waiting in the bot's queue through a restart", () => {
  it("makes its canvas once its turn comes after the restart", async () => {
    h = await startHarness({ env: { MAX_CONCURRENT_JOBS: "1", PROGRESS_INTERVAL_MS: "250" } });
    const result = await waitForFinal(h, imagine(h, { prompt: "a quiet bay" }));
    const ref = refOfResult(result);
    const source = await fetchRaw(outputUrls(h, falRequests(h, "submit")[0]!)[0]!);
    h.fal.failNext({ kind: "never-finish" });
    const blocker = imagine(h, { prompt: "holding the only slot" });
    await watchedAtFal(h, (submit) => submitBody(submit).prompt === "holding the only slot");
    const zoom = h.discord.clickButton({ message: result, customId: `job:1:zoom2:${ref}:1` });
    expect((await zoom.response()).type).toBe(5);
    await zoom.waitForOriginal((m) => /Waiting for a free slot/.test(textOf(m)), 15_000);
    expect((await storedJob(h, zoom)).state).toBe("accepted");
    expect(falRequests(h, "upload-put")).toHaveLength(0);

    await h.bot.kill();
    const bot = await h.restart();
    await bot.waitForMessage("recovering a job");
    // The slot frees when the blocking job is cancelled: the zoom takes its turn and makes its canvas now.
    const progress = await blocker.waitForOriginal((m) => buttonIds(m).some((id) => id.startsWith("job:1:cancel:")), 15_000);
    const cancel = h.discord.clickButton({ message: progress, customId: buttonIds(progress).find((id) => id.startsWith("job:1:cancel:"))! });
    expect((await cancel.response()).type).toBe(6);
    const final = await waitForFinal(h, zoom);
    expect(final.attachments).toHaveLength(1);
    const [submit] = falRequests(h, "submit").filter((r) => r.endpoint === "fal-ai/nano-banana/edit");
    expect(falRequests(h, "upload-put")).toHaveLength(1);
    await expectCanvas(submitBody(submit!), source, [2048, 2048], [512, 512], [[0, 0], [2047, 2047]]);
    await expect.poll(() => storedJob(h!, zoom)).toMatchObject({ state: "delivered", ledger: "settled" });
  });
});

describe("actions on a set", () => {
  it("U1…Un, V1…Vn and ⋯ n target one image each; ⋯ opens that image's full actions privately; after a restart too", async () => {
    h = await startHarness();
    const result = await waitForFinal(h, imagine(h, { prompt: "two foxes", options: { count: 2 } }));
    expect(result.attachments).toHaveLength(2);
    const ref = refOfResult(result);
    // Under a set, Make asset asks first which image (position 0).
    expect(rowsOf(result)).toEqual([
      [`job:1:reroll:${ref}`, `job:1:edit:${ref}`, `job:1:delete:${ref}`, `asset:1:make:${ref}:0`],
      [`job:1:upscale2k:${ref}:1`, `job:1:upscale2k:${ref}:2`],
      [`job:1:vary-subtle:${ref}:1`, `job:1:vary-subtle:${ref}:2`],
      [`job:1:more:${ref}:1`, `job:1:more:${ref}:2`],
    ]);
    // Under the container, the first row (Re-roll, Edit, Delete, Make asset), then the set's rows.
    const labels = (result.components as { components: { label?: string }[] }[]).slice(2).map((row) => row.components.map((c) => c.label));
    expect(labels).toEqual([["U1", "U2"], ["V1", "V2"], ["⋯ 1", "⋯ 2"]]);
    const urls = outputUrls(h, falRequests(h, "submit")[0]!);
    expect(new Set(urls).size).toBe(2);

    const u2 = await press(h, result, `job:1:upscale2k:${ref}:2`);
    expect(u2.body).toEqual({ image_url: urls[1], upscale_mode: "factor", upscale_factor: 2 });
    const v1 = await press(h, result, `job:1:vary-subtle:${ref}:1`);
    expect(v1.body).toMatchObject({ image_urls: [urls[0]] });

    await h.restart();
    const more = h.discord.clickButton({ message: result, customId: `job:1:more:${ref}:2` });
    const panel = await more.response();
    expect([panel.type, panel.data.flags & EPHEMERAL]).toEqual([4, EPHEMERAL]);
    const panelMessage = more.original()!;
    expect(rowsOf(panelMessage)).toEqual([
      ["upscale2k", "upscale4k", "vary-subtle", "vary-strong"].map((a) => `job:1:${a}:${ref}:2`),
      ["zoom15", "zoom2"].map((a) => `job:1:${a}:${ref}:2`),
      ["pan-left", "pan-right", "pan-up", "pan-down"].map((a) => `job:1:${a}:${ref}:2`),
    ]);
    const strong = await press(h, panelMessage, `job:1:vary-strong:${ref}:2`);
    expect(strong.response.data.flags ?? 0).toBe(0);
    expect(strong.body).toMatchObject({ image_urls: [urls[1]] });
    expect(strong.final.attachments).toHaveLength(1);

    // A text-only answer has no image to act on: no action buttons.
    h.fal.failNext({ kind: "text-only" });
    const words = await waitForFinal(h, imagine(h, { prompt: "just words" }));
    const wordsRef = refOfResult(words);
    expect(buttonIds(words)).toEqual([`job:1:reroll:${wordsRef}`, `job:1:delete:${wordsRef}`]);
  });
});

describe("an action's own job", () => {
  it("has the Cancel button while it runs: cancelled at fal, released, never delivered", async () => {
    h = await startHarness({ env: { PROGRESS_INTERVAL_MS: "250" } });
    const result = await waitForFinal(h, imagine(h, { prompt: "a slow upscale" }));
    const ref = refOfResult(result);
    h.fal.failNext({ kind: "never-finish" }, { endpoint: UPSCALER });
    const action = h.discord.clickButton({ message: result, customId: `job:1:upscale4k:${ref}:1` });
    expect((await action.response()).type).toBe(5);
    await watchedAtFal(h, (submit) => submit.endpoint === UPSCALER);
    const progress = await action.waitForOriginal((m) => buttonIds(m).some((id) => id.startsWith("job:1:cancel:")), 15_000);
    const cancel = h.discord.clickButton({ message: progress, customId: buttonIds(progress).find((id) => id.startsWith("job:1:cancel:"))! });
    expect((await cancel.response()).type).toBe(6);
    await action.waitForOriginal((m) => /^🛑 Cancelled by/.test(textOf(m)), 10_000);
    const submit = falRequests(h, "submit").at(-1)!;
    expect(submit.endpoint).toBe(UPSCALER);
    expect(h.fal.jobs.get(submit.requestId!)?.cancelled).toBe(true);
    expect(await storedJob(h, action)).toMatchObject({ state: "cancelled", ledger: "released" });
  });
});
