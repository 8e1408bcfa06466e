// Issue 17, item 8: a member's own defaults (/preferences) and saved styles (/style). Defaults fill what a command
// leaves open, within what the server allows; a style adds its words to the prompt and its reference images (kept on
// fal storage) to the job — on /imagine by running the model's edit version. Both survive a restart.
import type { APIAttachment } from "discord-api-types/v10";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser, InteractionHandle, SimpleOption } from "../fakes/discord/index.js";
import { buttonIds, edit, hostImage, imagine, pngBytes, submitBody, waitForFinal } from "./generation-helpers.js";
import { factsOf } from "./v2-message.js";
import { startHarness, type Harness } from "./harness.js";
import { changeSettings, expectRefused, plainMember } from "./policy-helpers.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const EPHEMERAL = 64;
/** A name or prompt as the bot quotes it: inside a bidi isolate. */
const quoted = (text: string) => `“\u2068${text}\u2069”`;

type Options = Record<string, string | number | boolean | APIAttachment>;

function run(name: "preferences" | "style", subcommand: string, options: Options, user: FakeUser, crafted = false): InteractionHandle {
  const list: SimpleOption[] = Object.entries(options).map(([option, value]) => ({ name: option, value }));
  const attachments = Object.values(options).filter((value): value is APIAttachment => typeof value === "object");
  return h.discord.dispatchSlashCommand({
    name,
    subcommand,
    options: list,
    user,
    ...(attachments.length ? { attachments } : {}),
    ...(crafted ? { crafted: true } : {}),
  });
}

/** The immediate private answer's text. */
async function privateAnswer(interaction: InteractionHandle): Promise<string> {
  const response = await interaction.response();
  const content = String(response.data?.content ?? "");
  expect(response.type, content).toBe(4);
  expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return content;
}

/** Saves a style with images: a private deferral, then the reply saying it was saved. */
async function saveWithImages(options: Options, user: FakeUser): Promise<string> {
  const interaction = run("style", "save", options, user);
  const response = await interaction.response();
  expect([response.type, response.data.flags & EPHEMERAL]).toEqual([5, EPHEMERAL]);
  return (await interaction.waitForOriginal((m) => /^(Saved|Replaced) your style/.test(m.content), 10_000)).content;
}

async function submitted(since: number) {
  const submit = await h.fal.waitForRequest((r) => r.route === "submit" && h.fal.requests.indexOf(r) >= since, 10_000);
  return { endpoint: submit.endpoint, body: submitBody(submit) };
}

async function autocomplete(command: string, focused: string, value: string, user: FakeUser, subcommand?: string) {
  const handle = h.discord.dispatchAutocomplete({
    name: command,
    options: [...(command === "style" ? [] : [{ name: "prompt", value: "x" }]), { name: focused, value }],
    focused,
    user,
    ...(subcommand ? { subcommand } : {}),
  });
  const response = await handle.response();
  expect(response.type).toBe(8);
  return response.data.choices as { name: string; value: string }[];
}

function storedStyles(userId: string): Promise<{ name: string; image_urls_json: string }[]> {
  return h.database.all("SELECT name, image_urls_json FROM member_styles WHERE user_id = ? ORDER BY lower(name)", userId);
}

describe("personal defaults", () => {
  it("fill what /imagine leaves open: the member's model, shape, resolution and private reply; a chosen model keeps only the values it offers", async () => {
    const member = plainMember(h, "painter");
    const set = await privateAnswer(run("preferences", "set", { imagine_model: "nano-banana-2", aspect_ratio: "16:9", resolution: "2K", private: true }, member));
    expect(set).toMatch(/^Saved\./);
    expect(set).toContain("• /imagine model: Nano Banana 2");
    expect(set).toContain("• Aspect ratio: 16:9 (with models that offer it)");

    const since = h.fal.requests.length;
    const plain = imagine(h, { prompt: "a harbour at dawn", user: member });
    expect([(await plain.response()).type, (await plain.response()).data.flags & EPHEMERAL]).toEqual([5, EPHEMERAL]);
    const first = await submitted(since);
    expect(first.endpoint).toBe("fal-ai/nano-banana-2");
    expect(first.body).toMatchObject({ prompt: "a harbour at dawn", aspect_ratio: "16:9", resolution: "2K" });
    await waitForFinal(h, plain);

    // The member's own choices win; Nano Banana offers 16:9 but no resolution, so only the shape is applied.
    const next = h.fal.requests.length;
    const chosen = imagine(h, { prompt: "a harbour at noon", options: { model: "nano-banana", private: false }, user: member });
    expect((await chosen.response()).data.flags & EPHEMERAL).toBe(0);
    const second = await submitted(next);
    expect(second.endpoint).toBe("fal-ai/nano-banana");
    expect(second.body.aspect_ratio).toBe("16:9");
    expect(second.body).not.toHaveProperty("resolution");
    await waitForFinal(h, chosen);
  });

  it("a default model the server turned off is passed over for the server's default, and /preferences show says so", async () => {
    const member = plainMember(h, "sculptor");
    await privateAnswer(run("preferences", "set", { imagine_model: "nano-banana-pro" }, member));
    await changeSettings(h, "model", { model: "nano-banana-pro", enabled: false });
    try {
      const since = h.fal.requests.length;
      const interaction = imagine(h, { prompt: "a marble bust", user: member });
      expect((await interaction.response()).type).toBe(5);
      expect((await submitted(since)).endpoint).toBe("fal-ai/nano-banana");
      await waitForFinal(h, interaction);
      const shown = await privateAnswer(run("preferences", "show", {}, member));
      expect(shown).toContain("• /imagine model: Nano Banana Pro");
      expect(shown).toContain("• Nano Banana Pro is turned off on this server, so /imagine here uses the server's default, Nano Banana.");
    } finally {
      await changeSettings(h, "model", { model: "nano-banana-pro", enabled: true });
    }
    expect(await privateAnswer(run("preferences", "clear", {}, member))).toMatch(/^Your defaults are cleared/);
    expect(await privateAnswer(run("preferences", "show", {}, member))).toContain("• /imagine model: not set: the server's default");
  });
});

// These run in order, on one member's styles: each builds on what the one before saved.
describe("styles", () => {
  const owner = () => plainMember(h, "stylist");
  let member: FakeUser;
  let storedUrl: string;
  let uploaded: Buffer;

  it("saved with an image: the image goes to fal storage and nothing else reaches fal", async () => {
    member = owner();
    uploaded = await pngBytes();
    const image = h.discord.hostAttachment({ filename: "ref.png", contentType: "image/png", data: uploaded });
    const since = h.fal.requests.length;
    const reply = await saveWithImages({ name: "Watercolour", prompt: "watercolour, soft pastel colours", image }, member);
    expect(reply).toBe(
      `Saved your style ${quoted("Watercolour")}: its prompt and 1 reference image (kept on fal storage).\nUse it with \`style: Watercolour\` on /imagine or /edit. On /imagine, a style with images runs on the model's edit version.`,
    );
    const fal = h.fal.requests.slice(since);
    expect(fal.map((r) => r.route)).toEqual(["upload-initiate", "upload-put"]);
    expect(fal[0]!.body).toMatchObject({ content_type: "image/png" });
    expect(fal[1]!.bytes).toBe(uploaded.length);
    const [row] = await storedStyles(member.id);
    storedUrl = (JSON.parse(row!.image_urls_json) as string[])[0]!;
    expect(storedUrl.startsWith(`${h.fal.origin}/cdn/`)).toBe(true);
    expect(Buffer.from(await (await fetch(storedUrl)).arrayBuffer()).equals(uploaded)).toBe(true);
  });

  it("on /imagine: the text model's edit version runs with the stored image and the style's words; Re-roll repeats that input", async () => {
    const since = h.fal.requests.length;
    const interaction = imagine(h, { prompt: "a fox in the snow", options: { style: "watercolour" }, user: member });
    const { endpoint, body } = await submitted(since);
    expect(endpoint).toBe("fal-ai/nano-banana/edit");
    expect(body).toMatchObject({ prompt: "a fox in the snow\nwatercolour, soft pastel colours", image_urls: [storedUrl], aspect_ratio: "1:1" });
    const result = await waitForFinal(h, interaction);
    expect(factsOf(result)).toMatchObject({ Style: "\u2068Watercolour\u2069", Model: "Nano Banana (edit)" });

    const reroll = buttonIds(result).find((id) => id.startsWith("job:1:reroll:"))!;
    const again = h.fal.requests.length;
    const press = h.discord.clickButton({ message: result, customId: reroll, user: member });
    expect((await press.response()).type).toBe(5);
    const rerun = await submitted(again);
    expect(rerun.endpoint).toBe("fal-ai/nano-banana/edit");
    expect(rerun.body).toMatchObject({ prompt: body.prompt, image_urls: [storedUrl], aspect_ratio: "1:1" });
    await waitForFinal(h, press);
  });

  it("on /imagine, when the server turned the edit version off: the server's default edit model runs the style", async () => {
    await changeSettings(h, "set", { default_edit_model: "firered-edit" });
    try {
      await changeSettings(h, "model", { model: "nano-banana-edit", enabled: false });
      const since = h.fal.requests.length;
      const interaction = imagine(h, { prompt: "a hare in the snow", options: { style: "watercolour" }, user: member });
      const { endpoint, body } = await submitted(since);
      expect(endpoint).toBe("fal-ai/firered-image-edit-v1.1");
      expect(body).toMatchObject({ prompt: "a hare in the snow\nwatercolour, soft pastel colours" });
      await waitForFinal(h, interaction);
    } finally {
      await changeSettings(h, "reset");
    }
  });

  it("on /edit: the style's image joins the attached ones as a reference", async () => {
    const photo = await hostImage(h);
    const since = h.fal.requests.length;
    const interaction = edit(h, { prompt: "make it night", images: [photo], options: { style: "Watercolour" }, user: member });
    const { endpoint, body } = await submitted(since);
    expect(endpoint).toBe("fal-ai/nano-banana/edit");
    expect(body.prompt).toBe("make it night\nwatercolour, soft pastel colours");
    expect(body.image_urls).toEqual([photo.url, storedUrl]);
    await waitForFinal(h, interaction);
  });

  it("autocomplete offers the member's own styles matching what they typed, on /imagine, /edit and /style delete", async () => {
    await privateAnswer(run("style", "save", { name: "Noir", prompt: "black and white, hard shadows" }, member));
    expect(await autocomplete("imagine", "style", "wat", member)).toEqual([
      { name: "Watercolour · 1 image — watercolour, soft pastel colours", value: "Watercolour" },
    ]);
    expect((await autocomplete("edit", "style", "", member)).map((c) => c.value)).toEqual(["Noir", "Watercolour"]);
    expect((await autocomplete("style", "name", "o", member, "delete")).map((c) => c.value)).toEqual(["Noir", "Watercolour"]);
    expect(await autocomplete("imagine", "style", "", plainMember(h, "stranger"))).toEqual([]);

    const listed = await run("style", "list", {}, member).response();
    expect(listed.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(listed.data.embeds[0].title).toBe("Your styles (2 of 25)");
    expect(listed.data.embeds[0].description).toContain(`[1](${storedUrl})`);
  });

  it("saving over a name replaces that style, and delete removes one", async () => {
    const replaced = await privateAnswer(run("style", "save", { name: "noir", prompt: "film noir, rain" }, member));
    expect(replaced).toMatch(new RegExp(`^Replaced your style ${quoted("noir")}: its prompt\\.`));
    expect((await storedStyles(member.id)).map((s) => s.name)).toEqual(["noir", "Watercolour"]);
    expect(await privateAnswer(run("style", "delete", { name: "NOIR" }, member))).toBe(`Deleted your style ${quoted("noir")}.`);
    expect(await privateAnswer(run("style", "delete", { name: "noir" }, member))).toContain(`You have no style named ${quoted("noir")}.`);
  });

  it("bad input gets a clear private answer and nothing reaches fal", async () => {
    const since = h.fal.requests.length;
    const longName = "n".repeat(33);
    expect(await privateAnswer(run("style", "save", { name: longName, prompt: "ok" }, member, true))).toContain(
      "• The style's name is 33 characters long; a name can be at most 32. Choose a shorter name.",
    );
    expect(await privateAnswer(run("style", "save", { name: "Long", prompt: "p".repeat(501) }, member, true))).toContain(
      "• The style's prompt is 501 characters long; it can be at most 500. Shorten it.",
    );
    const notes = h.discord.hostAttachment({ filename: "notes.txt", contentType: "text/plain", data: Buffer.from("not a picture") });
    expect(await privateAnswer(run("style", "save", { name: "Notes", prompt: "ok", image2: notes }, member))).toBe(
      "Nothing was saved. Please change this:\n• image2 is not an image the models can read (text/plain); attach a PNG, JPEG, WebP or GIF.",
    );
    const frames = await Promise.all(["#f00", "#00f"].map((c) => sharp({ create: { width: 8, height: 8, channels: 3, background: c } }).png().toBuffer()));
    const gif = h.discord.hostAttachment({ filename: "dance.gif", contentType: "image/gif", data: await sharp(frames, { join: { animated: true } }).gif().toBuffer() });
    expect(await privateAnswer(run("style", "save", { name: "Dance", prompt: "ok", image: gif }, member))).toContain(
      "• image is animated; the models take still images only. Attach one frame of it, saved as a PNG, JPEG or WebP.",
    );
    const gone = await hostImage(h, "gone.png");
    h.discord.setAttachmentAvailable(gone.url, false);
    const unfetched = run("style", "save", { name: "Gone", prompt: "ok", image: gone }, member);
    expect([(await unfetched.response()).type, (await unfetched.response()).data.flags & EPHEMERAL]).toEqual([5, EPHEMERAL]);
    expect((await unfetched.waitForOriginal((m) => m.content.length > 0, 10_000)).content).toBe(
      "Nothing was saved. Please change this:\n• image could not be fetched from Discord; attach it again.",
    );
    await expectRefused(
      imagine(h, { prompt: "a fox", options: { style: "nope" }, user: member }),
      `You have no style named ${quoted("nope")}. \`/style list\` shows your styles, and \`/style save\` makes one.`,
    );
    await expectRefused(
      imagine(h, { prompt: "p".repeat(4990), options: { style: "Watercolour" }, user: member }),
      `Your prompt and the style ${quoted("Watercolour")} come to 5,023 characters together; Nano Banana (edit) takes at most 5,000. Shorten the prompt, or use the style without it.`,
    );
    const three = await Promise.all([hostImage(h), hostImage(h), hostImage(h)]);
    await expectRefused(
      edit(h, { prompt: "blend them", images: three, options: { style: "Watercolour" }, user: member }),
      `Nano Banana (edit) takes at most 3 images; your 3 images and the style ${quoted("Watercolour")}'s 1 image make 4. Attach fewer images, or choose a model that takes more.`,
    );
    expect(h.fal.requests.slice(since)).toEqual([]);
    expect((await storedStyles(member.id)).map((s) => s.name)).toEqual(["Watercolour"]);
  });

  it("a member keeps at most 25: a 26th is refused with what to do, saving over one of their names still works", async () => {
    const collector = plainMember(h, "collector");
    for (let i = 1; i <= 25; i++) expect(await privateAnswer(run("style", "save", { name: `s${i}`, prompt: `style ${i}` }, collector))).toMatch(/^Saved/);
    expect(await privateAnswer(run("style", "save", { name: "s26", prompt: "one too many" }, collector))).toBe(
      "You have 25 styles, the most one member can keep. Delete one with `/style delete`, or save over one of their names.",
    );
    expect(await privateAnswer(run("style", "save", { name: "S7", prompt: "seven again" }, collector))).toMatch(/^Replaced your style/);
    expect(await autocomplete("imagine", "style", "", collector)).toHaveLength(25);
  });

  it("styles and defaults survive a restart", async () => {
    await privateAnswer(run("preferences", "set", { edit_model: "nano-banana-2-edit" }, member));
    await h.restart();
    expect((await autocomplete("imagine", "style", "", member)).map((c) => c.value)).toEqual(["Watercolour"]);
    const since = h.fal.requests.length;
    const interaction = edit(h, { prompt: "add snow", images: [await hostImage(h)], options: { style: "Watercolour" }, user: member });
    const { endpoint, body } = await submitted(since);
    expect(endpoint).toBe("fal-ai/nano-banana-2/edit");
    expect(body.image_urls).toHaveLength(2);
    expect((body.image_urls as string[])[1]).toBe(storedUrl);
    await waitForFinal(h, interaction);
  });
});
