// Issue 17, item 7: Describe. /describe with an image, or a message's Apps → Describe, asks fal's vision router for
// prompts that would make such an image; the member gets them numbered, each with a Run button that starts an
// /imagine of that prompt (charged like any /imagine, its parent the Describe), also after a restart.
import type { APIAttachment } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeMessage, InteractionHandle } from "../fakes/discord/index.js";
import { buttonIds, falRequests, hostImage, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { storedJob } from "./job-records.js";
import { changeSettings } from "./policy-helpers.js";
import { textOf, textsOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const EPHEMERAL = 64;
const VISION = "openrouter/router/vision";

function describeCommand(harness: Harness, options: { image: APIAttachment; private?: boolean }): InteractionHandle {
  const { image } = options;
  return harness.discord.dispatchSlashCommand({
    name: "describe",
    options: [{ name: "image", value: image }, ...(options.private !== undefined ? [{ name: "private", value: options.private }] : [])],
    attachments: [image],
  });
}

/** The prompts as the reply lists them ("**1.** …"), without the quoting marks around each. */
function listedPrompts(message: FakeMessage): string[] {
  const description = textsOf(message)[0] ?? "";
  return [...description.matchAll(/^\*\*\d\.\*\* \u2068(.*)\u2069$/gm)].map((m) => m[1]!.replace(/\\(.)/g, "$1"));
}

/** What the fake vision model answers for an image of this size (see test/fakes/fal/outputs.ts). */
function fakePrompt(n: number, width: number, height: number): string {
  const styles = ["faithful photograph", "moody cinematic still", "watercolour painting", "detailed macro study"];
  return `A ${styles[n - 1]} of a wide landscape picture, ${width}×${height}, soft light, balanced composition`;
}

async function parentOf(harness: Harness, interactionId: string): Promise<number | null> {
  const row = await harness.database.get<{ parent: number | null }>("SELECT parent_job_id AS parent FROM jobs WHERE interaction_id = ?", interactionId);
  return row!.parent;
}

describe("Describe", () => {
  it("/describe: the vision router reads the attachment; four prompts with Run buttons; Run 2 makes prompt 2, also after a restart", async () => {
    h = await startHarness();
    expect(h.discord.commands(h.discord.guild.id).find((c) => c.name === "describe")).toMatchObject({ type: 1, contexts: [0, 1, 2], integration_types: [0, 1] });
    const image = await hostImage(h, "fox.png");
    const interaction = describeCommand(h, { image });
    expect((await interaction.response()).type).toBe(5);
    const result = await waitForFinal(h, interaction);

    // What crossed the wire to fal: the vision endpoint, the member's attachment, the routed model, Describe's question.
    const [submit] = falRequests(h, "submit");
    expect(submit?.endpoint).toBe(VISION);
    expect(submitBody(submit!)).toMatchObject({
      image_urls: [image.url],
      model: "google/gemini-2.5-flash",
      prompt: expect.stringMatching(/four different prompts for a text-to-image model[\s\S]*^1\. <prompt>$/m),
    });
    expect(h.fal.jobs.get(submit!.requestId!)?.inputFetches).toEqual([expect.objectContaining({ url: image.url, status: 200 })]);

    // What the member gets: the prompts, numbered, and a Run button for each, then Re-roll and Delete.
    expect(result.attachments).toEqual([]);
    const prompts = listedPrompts(result);
    expect(prompts).toEqual([1, 2, 3, 4].map((n) => fakePrompt(n, 96, 64)));
    const ids = buttonIds(result);
    const ref = ids.find((id) => id.startsWith("job:1:reroll:"))!.split(":")[3]!;
    expect(ids).toEqual([1, 2, 3, 4].map((n) => `job:1:run:${ref}:${n}`).concat(`job:1:reroll:${ref}`, `job:1:delete:${ref}`));
    // The container of the reply's words, then the rows.
    expect(result.components[0]).toMatchObject({ type: 17 });
    expect(result.components[1]).toMatchObject({ components: [{ label: "Run 1" }, { label: "Run 2" }, { label: "Run 3" }, { label: "Run 4" }] });

    // Charged to the member at what fal billed for the tokens.
    const billed = (h.fal.jobs.get(submit!.requestId!)!.result!.body as { usage: { cost: number } }).usage.cost;
    await expect.poll(() => storedJob(h!, interaction)).toMatchObject({ state: "delivered", ledger: "settled", usd: billed });

    // Run 2: an /imagine of prompt 2 on the server's default text-to-image model, its parent the Describe.
    const run = h.discord.clickButton({ message: result, customId: `job:1:run:${ref}:2` });
    expect((await run.response()).type).toBe(5);
    const made = await waitForFinal(h, run);
    expect(made.attachments).toHaveLength(1);
    const imagineSubmit = falRequests(h, "submit")[1]!;
    expect(imagineSubmit.endpoint).toBe("fal-ai/nano-banana");
    expect(submitBody(imagineSubmit).prompt).toBe(prompts[1]);
    const describeJob = await storedJob(h, interaction);
    await expect.poll(() => storedJob(h!, run)).toMatchObject({ state: "delivered", ledger: "settled", usd: 0.039 });
    expect(await parentOf(h, run.id)).toBe(describeJob.id);

    // The same press after a restart (looked up in the database) by another member, charged to them.
    await h.restart();
    const again = h.discord.clickButton({ message: result, customId: `job:1:run:${ref}:2`, user: h.discord.users.other });
    expect((await again.response()).type).toBe(5);
    expect((await waitForFinal(h, again)).attachments).toHaveLength(1);
    const third = falRequests(h, "submit")[2]!;
    expect([third.endpoint, submitBody(third).prompt]).toEqual(["fal-ai/nano-banana", prompts[1]]);
    expect(await parentOf(h, again.id)).toBe(describeJob.id);
  });

  it("the Describe menu on a message with an image describes it; on a message without one it refuses privately, nothing sent", async () => {
    h = await startHarness();
    expect(h.discord.commands(h.discord.guild.id).find((c) => c.name === "Describe")).toMatchObject({ type: 3, contexts: [0, 1, 2], integration_types: [0, 1] });
    const words = h.discord.postUserMessage({ content: "just words" });
    const refusal = await h.discord.dispatchMessageCommand({ name: "Describe", targetMessage: words }).response();
    expect([refusal.type, refusal.data.flags & EPHEMERAL]).toEqual([4, EPHEMERAL]);
    expect(refusal.data.content).toMatch(/That message has no images to describe/);
    expect(h.fal.requests).toEqual([]);

    const photo = await hostImage(h, "cat.png");
    const target = h.discord.postUserMessage({ content: "look", attachments: [photo] });
    const menu = h.discord.dispatchMessageCommand({ name: "Describe", targetMessage: target });
    expect((await menu.response()).type).toBe(5);
    const result = await waitForFinal(h, menu);
    const [submit] = falRequests(h, "submit");
    expect([submit?.endpoint, submitBody(submit!).image_urls]).toEqual([VISION, [target.attachments[0]!.url]]);
    expect(listedPrompts(result)).toHaveLength(4);
    expect(buttonIds(result).filter((id) => id.startsWith("job:1:run:"))).toHaveLength(4);
    await expect.poll(() => storedJob(h!, menu)).toMatchObject({ state: "delivered", ledger: "settled" });

    // /models lists Describe: what it does and what it costs.
    const models = await h.discord.dispatchSlashCommand({ name: "models" }).response();
    const fields = models.data.embeds[0].fields as { name: string; value: string }[];
    expect(fields.find((f) => f.name === "Describe (Gemini 2.5 Flash)")?.value).toMatch(
      /^Reads an image and writes prompts[^\n]*\nWrites prompts from an image · 1 input image · billed by tokens \(no published price\)/,
    );
  });

  it("refuses a file that is not an image, privately, with nothing sent to fal; private: True answers only the member", async () => {
    h = await startHarness();
    const notes = h.discord.hostAttachment({ filename: "notes.txt", contentType: "text/plain", data: Buffer.from("not an image") });
    const refusal = await describeCommand(h, { image: notes }).response();
    expect([refusal.type, refusal.data.flags & EPHEMERAL]).toEqual([4, EPHEMERAL]);
    expect(refusal.data.content).toMatch(/not an image the models can read \(text\/plain\); attach a PNG, JPEG, WebP or GIF/);
    expect(falRequests(h, "submit")).toEqual([]);

    const quiet = describeCommand(h, { image: await hostImage(h), private: true });
    const deferred = await quiet.response();
    expect(deferred.data?.flags & EPHEMERAL).toBe(EPHEMERAL);
    const result = await waitForFinal(h, quiet);
    // A private reply has no Delete button (the member dismisses it).
    expect(buttonIds(result).filter((id) => !id.startsWith("job:1:run:")).map((id) => id.split(":")[2])).toEqual(["reroll"]);
  });

  it("follows the server's models: /settings lists Describe, turning another model off keeps it on, turning it off refuses it", async () => {
    h = await startHarness();
    await changeSettings(h, "model", { model: "nano-banana-pro", enabled: false });
    const stillOn = describeCommand(h, { image: await hostImage(h) });
    expect((await stillOn.response()).type).toBe(5);
    await waitForFinal(h, stillOn);
    expect(falRequests(h, "submit")).toHaveLength(1);

    const saved = await changeSettings(h, "model", { model: "gemini-25-flash-vision", enabled: false });
    expect(JSON.stringify(saved.data.embeds)).toMatch(/Models turned on[^}]*Nano Banana,/);
    expect(JSON.stringify(saved.data.embeds)).not.toMatch(/Describe \(Gemini 2\.5 Flash\)/);
    const refusal = await describeCommand(h, { image: await hostImage(h) }).response();
    expect([refusal.type, refusal.data.flags & EPHEMERAL]).toEqual([4, EPHEMERAL]);
    expect(refusal.data.content).toMatch(/Describe \(Gemini 2\.5 Flash\) is turned off on this server/);
    expect(falRequests(h, "submit")).toHaveLength(1);
  });
  it("shows a prompt read off the image with nothing clickable in it; Run still sends the prompt as the model wrote it", async () => {
    h = await startHarness();
    const written = "A poster saying visit https://evil.example/login and ask <@123> in <#456>, </imagine:789>";
    h.fal.failNext({ kind: "text-only", description: `1. ${written}` });
    const interaction = describeCommand(h, { image: await hostImage(h, "poster.png") });
    const result = await waitForFinal(h, interaction);
    const description = textOf(result);
    expect(description).not.toMatch(/https?:\/\/|<[@#/]/);
    expect(listedPrompts(result)).toEqual([written.replace("://", ":\u200B//").replaceAll("<", "<\u200B")]);
    expect(result.mentions).toEqual([]);

    const ref = buttonIds(result).find((id) => id.startsWith("job:1:reroll:"))!.split(":")[3]!;
    const run = h.discord.clickButton({ message: result, customId: `job:1:run:${ref}:1` });
    await waitForFinal(h, run);
    expect(submitBody(falRequests(h, "submit")[1]!).prompt).toBe(written);
  });
});
