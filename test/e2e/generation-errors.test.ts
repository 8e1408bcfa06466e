// Issue 3 end to end, the paths that fail: fal's 422, 401, 503 and a job that never finishes each get a
// plain-language reply with a ref that is in the log; inputs the bot can judge itself never reach fal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { falRequests, hostImage, imagine, edit, refOf, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { textOf } from "./v2-message.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const ERROR = 50;

describe("fal refuses the request", () => {
  it("422: names the field and fal's message, with a ref that is in the bot's log", async () => {
    const msg = "Aspect ratio 21:9 is not available for this prompt";
    h.fal.failNext({ kind: "validation", field: "aspect_ratio", msg });
    const interaction = imagine(h, { prompt: "a panorama of the alps", options: { aspect_ratio: "21:9" } });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(0);
    expect(textOf(final)).toContain("aspect ratio");
    expect(textOf(final)).toContain(msg);
    expect(textOf(final)).not.toMatch(/undefined|\n\s+at /);
    const ref = refOf(final);
    const line = await h.bot.waitForLog((l) => l.job === ref && l.msg === "generation failed");
    expect(JSON.stringify(line)).toContain(msg);
    expect(falRequests(h, "submit").find((r) => submitBody(r).prompt === "a panorama of the alps")?.status).toBe(422);
  });

  it("401: tells the member an admin must fix the bot's fal key, and logs an error saying so", async () => {
    h.fal.failNext({ kind: "unauthorized" });
    const interaction = imagine(h, { prompt: "a key that does not open" });
    const final = await waitForFinal(h, interaction);
    expect(textOf(final)).toMatch(/admin/i);
    expect(textOf(final)).toMatch(/fal key|FAL_KEY/);
    const ref = refOf(final);
    const line = await h.bot.waitForLog((l) => l.job === ref && l.level >= ERROR);
    expect(line.msg).toMatch(/FAL_KEY|fal key/i);
    expect(line.msg).toContain("401");
  });

  it("503 on every try: says fal is busy, after the client's retries", async () => {
    h.fal.failNext({ kind: "busy", times: 4 });
    const interaction = imagine(h, { prompt: "a crowded harbour" });
    const final = await waitForFinal(h, interaction, 25_000);
    expect(textOf(final)).toMatch(/fal is busy/i);
    refOf(final);
    const attempts = falRequests(h, "submit").filter((r) => submitBody(r).prompt === "a crowded harbour");
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 503, 503]);
  }, 30_000);
});

describe("inputs the bot can judge itself", () => {
  async function refused(interaction: ReturnType<typeof imagine>): Promise<string> {
    const response = await interaction.response();
    expect(response.type).toBe(4);
    expect(response.data.flags & 64).toBe(64);
    return response.data.content as string;
  }

  it("get an ephemeral explanation each, and fal sees no submit", async () => {
    const since = h.fal.requests.length;

    const text = h.discord.hostAttachment({ filename: "notes.txt", contentType: "text/plain", data: Buffer.from("not an image") });
    const textReply = await refused(edit(h, { prompt: "make it pretty", images: [text] }));
    expect(textReply).toContain("text/plain");
    expect(textReply).toMatch(/attach a PNG, JPEG, WebP or GIF/i);

    const big = h.discord.hostAttachment({ filename: "huge.png", contentType: "image/png", data: Buffer.alloc(21 * 1024 * 1024) });
    const bigReply = await refused(edit(h, { prompt: "make it smaller", images: [big] }));
    expect(bigReply).toMatch(/21\.0 MB/);
    expect(bigReply).toMatch(/at most 20\.0 MB/);

    const four = [await hostImage(h), await hostImage(h), await hostImage(h), await hostImage(h)];
    const fourReply = await refused(edit(h, { prompt: "combine them", images: four, options: { model: "nano-banana-edit" } }));
    expect(fourReply).toMatch(/takes 1 to 3 images; you gave 4/);
    expect(fourReply).toMatch(/Remove 1 image/);

    const optionReply = await refused(imagine(h, { prompt: "a poster", options: { model: "nano-banana", resolution: "4K" } }));
    expect(optionReply).toMatch(/resolution/);
    expect(optionReply).toMatch(/leave the resolution empty|switch to/);

    for (const reply of [textReply, bigReply, fourReply, optionReply]) expect(reply).toMatch(/^Nothing was sent to the model/);
    // A valid command afterwards is the first submit fal sees: none of the refused ones reached it.
    const valid = imagine(h, { prompt: "after the refusals" });
    await waitForFinal(h, valid);
    expect(falRequests(h, "submit", since).map((r) => submitBody(r).prompt)).toEqual(["after the refusals"]);
    expect(falRequests(h, "upload-initiate", since)).toHaveLength(0);
    expect(falRequests(h, "input-fetch", since)).toHaveLength(0);
  });
});

describe("a job that never finishes", () => {
  let t: Harness;
  beforeAll(async () => {
    t = await startHarness({ env: { JOB_TIMEOUT_MS: "1500" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("is cancelled at fal after JOB_TIMEOUT_MS and the member is told so", async () => {
    t.fal.failNext({ kind: "never-finish" });
    const interaction = imagine(t, { prompt: "an endless staircase" });
    const final = await waitForFinal(t, interaction);
    expect(textOf(final)).toMatch(/took longer than/);
    expect(textOf(final)).toMatch(/cancelled/);
    refOf(final);
    const [submit] = falRequests(t, "submit");
    const cancel = await t.fal.waitForRequest((r) => r.route === "cancel" && r.requestId === submit?.requestId);
    expect(cancel.status).toBe(202);
    expect(t.fal.jobs.get(submit!.requestId!)?.cancelled).toBe(true);
  });
});
