// A job's reply as a Components V2 message, end to end: its progress, its result (a gallery with alt text, a spoiler
// on the flagged image where the server posts flagged images so) and its delivery after the token or by direct
// message, each accepted by the fake Discord, which enforces the V2 rules Discord does.
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness.js";
import { bodyOf, edit, hostImage, imagine, originalEdits, waitForFinal } from "./generation-helpers.js";
import { changeSettings } from "./policy-helpers.js";
import { accentOf, buttonIdsOf, factsOf, galleryOf, isV2, shownFiles, textOf, textsOf, type MessageLike } from "./v2-message.js";
import type { FakeMessage } from "../fakes/discord/index.js";

const V2 = 1 << 15;

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A delivered result: the V2 flag, no content or embeds, every file in its gallery, and the Re-roll row. */
function expectResultLayout(message: FakeMessage): void {
  expect(isV2(message)).toBe(true);
  expect([message.content, message.embeds]).toEqual(["", []]);
  expect(galleryOf(message).map((item) => item.name)).toEqual(message.attachments.map((file) => file.filename));
  expect(shownFiles(message)).toEqual(message.attachments);
  expect(buttonIdsOf(message)[0]).toMatch(/^job:1:reroll:/);
}

describe("a job's reply in Components V2", () => {
  it("a result of two images, one flagged, where the server posts flagged images behind a spoiler: alt text on both, a spoiler on one", async () => {
    h = await startHarness();
    await changeSettings(h, "set", { nsfw_policy: "spoiler" });
    h.fal.failNext({ kind: "nsfw", images: [2] });
    const prompt = "two beach scenes at noon";
    const interaction = edit(h, { prompt, images: [await hostImage(h)], options: { model: "firered-edit", count: 2 } });
    const final = await waitForFinal(h, interaction);

    expectResultLayout(final);
    expect(final.attachments).toHaveLength(2);
    const items = galleryOf(final);
    // FireRed writes no description: the prompt is the alt text.
    expect(items.map((item) => item.description)).toEqual([prompt, prompt]);
    expect(items.map((item) => item.spoiler)).toEqual([false, true]);
    expect(final.attachments[1]!.filename).toMatch(/^SPOILER_/);
    expect(final.attachments[0]!.filename).not.toMatch(/^SPOILER_/);
    expect(factsOf(final)).toMatchObject({ Model: "FireRed Image Edit 1.1", Prompt: `\u2068${prompt}\u2069` });
    expect(factsOf(final)).not.toHaveProperty("Withheld");
    // The actions on an image are offered for the unflagged one only.
    const ids = buttonIdsOf(final);
    expect(ids.some((id) => /^job:1:upscale2k:\w+:1$/.test(id))).toBe(true);
    expect(ids.some((id) => /^job:1:upscale2k:\w+:2$/.test(id))).toBe(false);
    // The container carries the accent colour the embed had.
    expect(accentOf(final)).toBe(0x5865f2);
  });

  it("progress, then the result, in the same layout: a container of text and the Cancel row, every edit carrying the flag", async () => {
    h = await startHarness({ env: { PROGRESS_INTERVAL_MS: "250" }, fal: { runMs: 1500 } });
    const interaction = imagine(h, { prompt: "a lighthouse in the fog" });
    const final = await waitForFinal(h, interaction);
    expectResultLayout(final);

    const edits = originalEdits(h, interaction).filter((r) => r.status === 200);
    const progress = edits.slice(0, -1).map(bodyOf);
    expect(progress.length).toBeGreaterThan(0);
    for (const body of progress) {
      expect(body.flags).toBe(V2);
      expect(body).not.toHaveProperty("content");
      expect(body).not.toHaveProperty("embeds");
      expect(body.components).toMatchObject([{ type: 17, components: [{ type: 10 }] }, { type: 1 }]);
      expect(buttonIdsOf(body as MessageLike)).toEqual([expect.stringMatching(/^job:1:cancel:/)]);
      expect(textOf(body as MessageLike)).toMatch(/^\*\*Nano Banana\*\* · \u2068a lighthouse in the fog\u2069\n/);
    }
    expect(progress.some((body) => /Generating/.test(textOf(body as MessageLike)))).toBe(true);
    expect(bodyOf(edits.at(-1)!).flags).toBe(V2);
  });

  it("a failure is a container of its text (and Retry where it may pass)", async () => {
    h = await startHarness();
    h.fal.failNext({ kind: "output-missing" });
    const final = await waitForFinal(h, imagine(h, { prompt: "a lost image" }));
    expect(isV2(final)).toBe(true);
    expect(final.content).toBe("");
    expect(textsOf(final)).toEqual([expect.stringMatching(/^❌ The image was made but could not be downloaded from fal\. .*\(ref [A-Z2-9]{6}\)$/)]);
    expect(buttonIdsOf(final)).toEqual([expect.stringMatching(/^job:1:retry:/)]);
    expect(accentOf(final)).toBe(0xed4245);
  });

  it("once the token expired: the reply is edited with the bot token into a valid V2 result", async () => {
    h = await startHarness({ discord: { interactionTokenTtlMs: 2000 }, fal: { runMs: 4000 } });
    const interaction = imagine(h, { prompt: "a slow glacier" });
    expect((await interaction.response()).type).toBe(5);
    const write = await h.discord.waitForRequest((r) => r.kind === "http" && r.files.length > 0, 20_000);
    expect(write).toMatchObject({ method: "PATCH", route: "/channels/:ch/messages/:id", status: 200 });
    expect(bodyOf(write).flags).toBe(V2);
    expectResultLayout(interaction.original()!);
  });

  it("a private result whose token ran out comes by direct message as a valid V2 result", async () => {
    h = await startHarness({ discord: { interactionTokenTtlMs: 2000 }, fal: { runMs: 4000 } });
    const interaction = imagine(h, { prompt: "a quiet harbour at night", options: { private: true } });
    expect((await interaction.response()).type).toBe(5);
    const write = await h.discord.waitForRequest((r) => r.kind === "http" && r.files.length > 0, 20_000);
    expect(write).toMatchObject({ method: "POST", route: "/channels/:ch/messages", status: 200 });
    const dms = h.discord.directMessages(h.discord.users.member.id);
    expect(dms).toHaveLength(1);
    expectResultLayout(dms[0]!);
    expect(factsOf(dms[0]!).Prompt).toBe("\u2068a quiet harbour at night\u2069");
  });
});
