// "Edit with AI" on a member's message: the modal, its submit, and the edit it runs, against the real bot process.
import { EmbedType } from "discord-api-types/v10";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeMessage, InteractionHandle } from "../fakes/discord/index.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const png = (color: string) => sharp({ create: { width: 32, height: 24, channels: 3, background: color } }).png().toBuffer();

async function postImages(harness: Harness, count: number): Promise<FakeMessage> {
  const attachments = [];
  for (let i = 0; i < count; i++) {
    attachments.push(harness.discord.hostAttachment({ filename: `photo${i + 1}.png`, contentType: "image/png", data: await png("#3366ff") }));
  }
  return harness.discord.postUserMessage({ content: "what do you think?", attachments });
}

interface ShownModal {
  custom_id: string;
  title: string;
  components: { type: number; component: { type: number; custom_id: string; max_length?: number; options?: { value: string; description?: string; default?: boolean }[] } }[];
}

async function openForm(harness: Harness, target: FakeMessage): Promise<{ handle: InteractionHandle; modal: ShownModal }> {
  const handle = harness.discord.dispatchMessageCommand({ name: "Edit with AI", targetMessage: target });
  const response = await handle.response();
  expect(response.type).toBe(9);
  return { handle, modal: response.data as ShownModal };
}

const submits = (harness: Harness) => harness.fal.requests.filter((r) => r.route === "submit");

describe("Edit with AI", () => {
  it("is registered as a message command, asks for the instruction and model, and edits the message's image", async () => {
    h = await startHarness();
    expect(h.discord.commands(h.discord.guild.id).find((c) => c.name === "Edit with AI")).toMatchObject({ type: 3, contexts: [0, 1, 2], integration_types: [0, 1] });
    const target = await postImages(h, 1);

    const { modal } = await openForm(h, target);
    expect(modal.custom_id).toMatch(/^editai:1:[\w-]+$/);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    const [instruction, model] = modal.components;
    expect(instruction).toMatchObject({ type: 18, component: { type: 4, custom_id: "prompt", max_length: 4000, required: true } });
    expect(model).toMatchObject({ type: 18, component: { type: 3, custom_id: "model" } });
    const options = model!.component.options!;
    expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(["nano-banana-edit", "nano-banana-pro-edit", "gemini-flash-edit", "firered-edit"]));
    expect(options.filter((o) => o.default).map((o) => o.value)).toEqual(["nano-banana-edit"]);

    const submit = h.discord.submitModal({
      customId: modal.custom_id,
      fields: { prompt: "make the sky stormy", model: "nano-banana-pro-edit" },
    });
    const response = await submit.response();
    expect(response.type).toBe(5);
    expect((response.data?.flags ?? 0) & 64).toBe(0);
    const final = await submit.waitForOriginal((m) => m.attachments.length > 0, 15_000);
    expect((await sharp(final.attachments[0]!.data).metadata()).width).toBeGreaterThan(0);

    expect(submits(h)).toHaveLength(1);
    expect(submits(h)[0]!.endpoint).toBe("fal-ai/nano-banana-pro/edit");
    expect(submits(h)[0]!.body).toMatchObject({ prompt: "make the sky stormy", image_urls: [target.attachments[0]!.url] });
  });

  it("uses only images, and only as many as the chosen model takes", async () => {
    h = await startHarness();
    const images = await postImages(h, 2);
    const notes = h.discord.hostAttachment({ filename: "notes.txt", contentType: "text/plain; charset=utf-8", data: Buffer.from("hi") });
    const target = h.discord.postUserMessage({ content: "two pictures and a note", attachments: [notes, ...images.attachments] });

    const { modal } = await openForm(h, target);
    expect(modal.title).toBe("Edit 2 images with AI");
    const legacy = modal.components[1]!.component.options!.find((o) => o.value === "gemini-flash-edit");
    expect(legacy?.description).toMatch(/first of the 2/);

    const submit = h.discord.submitModal({ customId: modal.custom_id, fields: { prompt: "add a hat", model: "gemini-flash-edit" } });
    expect((await submit.response()).type).toBe(5);
    await submit.waitForOriginal((m) => m.attachments.length > 0, 15_000);
    expect(submits(h)[0]!.endpoint).toBe("fal-ai/gemini-flash-edit");
    expect(submits(h)[0]!.body).toEqual({ prompt: "add a hat", image_url: target.attachments[1]!.url });
  });

  it("uses an embedded picture through Discord's media proxy", async () => {
    h = await startHarness();
    const proxied = h.discord.hostAttachment({ filename: "cat.png", contentType: "image/png", data: await png("#ff9900") });
    // The original host is unreachable: only the proxy copy can work.
    const original = "http://127.0.0.1:9/cat.png";
    const target = h.discord.postUserMessage({
      content: original,
      embeds: [{ type: EmbedType.Image, url: original, thumbnail: { url: original, proxy_url: proxied.url, width: 32, height: 24 } }],
    });

    const { modal } = await openForm(h, target);
    const submit = h.discord.submitModal({ customId: modal.custom_id, fields: { prompt: "give it a crown" } });
    expect((await submit.response()).type).toBe(5);
    await submit.waitForOriginal((m) => m.attachments.length > 0, 15_000);
    expect(submits(h)[0]!.endpoint).toBe("fal-ai/nano-banana/edit");
    expect(submits(h)[0]!.body).toMatchObject({ prompt: "give it a crown", image_urls: [proxied.url] });
  });

  it("refuses a message without images, ephemerally, without a modal", async () => {
    h = await startHarness();
    const target = h.discord.postUserMessage({ content: "just words" });
    const response = await h.discord.dispatchMessageCommand({ name: "Edit with AI", targetMessage: target }).response();
    expect(response.type).toBe(4);
    expect(response.data.flags & 64).toBe(64);
    expect(response.data.content).toMatch(/no images to edit/);
    expect(submits(h)).toHaveLength(0);
  });

  it("keeps a form open across a restart: its submit after the restart runs the edit", async () => {
    h = await startHarness();
    const target = await postImages(h, 1);
    const { modal } = await openForm(h, target);
    await h.restart();

    const submit = h.discord.submitModal({ customId: modal.custom_id, fields: { prompt: "make it night" } });
    expect((await submit.response()).type).toBe(5);
    const final = await submit.waitForOriginal((m) => m.attachments.length > 0, 15_000);
    expect(final.attachments).toHaveLength(1);
    expect(submits(h)).toHaveLength(1);
    expect(submits(h)[0]!.body).toMatchObject({ prompt: "make it night", image_urls: [target.attachments[0]!.url] });
  });

  it("explains a form the bot no longer knows (its record is gone)", async () => {
    h = await startHarness();
    const { modal } = await openForm(h, await postImages(h, 1));
    await h.bot.stop();
    await h.database.wipe();
    await h.restart();

    const response = await h.discord.submitModal({ customId: modal.custom_id, fields: { prompt: "make it night" } }).response();
    expect(response.type).toBe(4);
    expect(response.data.flags & 64).toBe(64);
    expect(response.data.content).toMatch(/This form has expired; use Edit with AI on the message again/);
    expect(submits(h)).toHaveLength(0);
  });
});
