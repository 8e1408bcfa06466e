// Issue 16: bad input. Each gets an ephemeral answer that says what to change, and nothing reaches fal: no submit,
// no storage upload, no job or ledger row. Text the bot echoes back (the prompt, Gemini's description) can neither
// ping, nor format, nor turn the bot's own words around.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InteractionHandle } from "../fakes/discord/index.js";
import { bodyOf, edit, falRequests, imagine, interactionWrites, pngBytes, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { factsOf, textOf, textsOf } from "./v2-message.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

let falSince = 0;
let rowsBefore = { jobs: 0, ledger: 0 };
beforeEach(async () => {
  falSince = h.fal.requests.length;
  rowsBefore = { jobs: await rowCount("jobs"), ledger: await rowCount("ledger") };
});

async function rowCount(table: "jobs" | "ledger"): Promise<number> {
  return (await h.database.get<{ n: number }>(`select count(*) as n from ${table}`))!.n;
}

/** The ephemeral answer's text, after checking that it is one and that nothing was started. */
async function refused(interaction: InteractionHandle): Promise<string> {
  const response = await interaction.response();
  expect(response.type).toBe(4);
  expect(response.data.flags & 64).toBe(64);
  expect(response.data.allowed_mentions).toMatchObject({ parse: [] });
  const content = response.data.content as string;
  expect(content).toMatch(/^Nothing was sent to the model/);
  expect(content).not.toMatch(/undefined|\n\s+at /);
  return content;
}

/** Nothing of a refused order reached fal or the store. Runs after each refusal test's answers. */
async function nothingStarted(): Promise<void> {
  for (const route of ["submit", "upload-initiate", "input-fetch"] as const) expect(falRequests(h, route, falSince), route).toEqual([]);
  expect({ jobs: await rowCount("jobs"), ledger: await rowCount("ledger") }).toEqual(rowsBefore);
}

describe("prompts", () => {
  it("empty or whitespace: says the prompt is empty", async () => {
    // Discord's client sends neither; a crafted interaction can.
    for (const prompt of ["", "   \n\t  "]) {
      expect(await refused(imagine(h, { prompt, crafted: true }))).toContain("The prompt is empty; describe the image you want.");
    }
    await nothingStarted();
  });

  it("only zero-width and direction characters: refused like an empty one, from the command and from the modal", async () => {
    const invisible = "\u200B\u200C\u200D\u2060\uFEFF\u202E\u2067\u3164";
    const reply = await refused(imagine(h, { prompt: invisible }));
    expect(reply).toContain("The prompt has only invisible characters (such as zero-width spaces); describe the image you want in words.");

    const photo = h.discord.hostAttachment({ filename: "photo.png", contentType: "image/png", data: await pngBytes() });
    const target = h.discord.postUserMessage({ content: "edit this", attachments: [photo] });
    const opened = h.discord.dispatchMessageCommand({ name: "Edit with AI", targetMessage: target });
    const modal = (await opened.response()).data as { custom_id: string };
    const submitted = h.discord.submitModal({ customId: modal.custom_id, fields: { prompt: invisible, model: "nano-banana-edit" } });
    expect(await refused(submitted)).toContain("only invisible characters");
    await nothingStarted();
  });

  it("6,000 characters: names the model's limit (Discord's own max_length stops the client at the longest any model takes)", async () => {
    const imagineDefinition = h.discord.commands(h.discord.guild.id).find((c) => c.name === "imagine");
    const promptOption = imagineDefinition?.options?.find((o) => o.name === "prompt") as { max_length?: number } | undefined;
    expect(promptOption?.max_length).toBe(5000);

    const long = `${"a lighthouse on a cliff ".repeat(250).trim()}!`;
    expect(long).toHaveLength(6000);
    expect(await refused(imagine(h, { prompt: long, crafted: true }))).toContain(
      "The prompt is 6,000 characters long; Nano Banana takes at most 5,000. Shorten it.",
    );
    // Within Discord's limit but over FireRed's own.
    const image = h.discord.hostAttachment({ filename: "photo.png", contentType: "image/png", data: await pngBytes() });
    const reply = await refused(edit(h, { prompt: long.slice(0, 2000), images: [image], options: { model: "firered-edit" } }));
    expect(reply).toContain("The prompt is 2,000 characters long; FireRed Image Edit 1.1 takes at most 1,500. Shorten it.");
    await nothingStarted();
  });
});

describe("numbers out of range (a crafted interaction: Discord's client keeps to the registered min and max)", () => {
  it("count, seed, steps, guidance and width each name the range", async () => {
    const cases: [Record<string, number | string>, string, "imagine" | "edit"][] = [
      [{ count: 9 }, "The number of images must be a whole number from 1 to 4; you gave 9.", "imagine"],
      [{ count: 0 }, "The number of images must be a whole number from 1 to 4; you gave 0.", "imagine"],
      [{ model: "nano-banana-2", seed: -1 }, "The seed must be a whole number from 0 to 2147483647; you gave -1.", "imagine"],
      [{ model: "firered-edit", width: 5000, height: 720 }, "The width in pixels must be a whole number from 64 to 4096; you gave 5000.", "edit"],
      [{ model: "firered-edit", steps: 500 }, "The number of steps must be a whole number from 2 to 50; you gave 500.", "edit"],
      [{ model: "firered-edit", guidance: 0.5 }, "The guidance must be a number from 1 to 10; you gave 0.5.", "edit"],
    ];
    for (const [options, message, command] of cases) {
      const images = command === "edit" ? [h.discord.hostAttachment({ filename: "p.png", contentType: "image/png", data: await pngBytes() })] : [];
      const run = command === "edit" ? edit : imagine;
      expect(await refused(run(h, { prompt: "a red kite", options, images, crafted: true }))).toContain(message);
    }
    await nothingStarted();
  });
});

describe("images Discord reports on (nothing is downloaded to judge them)", () => {
  const attach = (filename: string, contentType: string, data: Buffer) => h.discord.hostAttachment({ filename, contentType, data });

  it("a 0-byte file: says it is empty", async () => {
    const empty = attach("blank.png", "image/png", Buffer.alloc(0));
    expect(await refused(edit(h, { prompt: "brighten it", images: [empty] }))).toContain("image is an empty file (0 bytes); attach the image again.");
    await nothingStarted();
  });

  it("a corrupt PNG and a PNG label on other bytes: Discord could not open either, and the member is told so", async () => {
    const valid = await pngBytes();
    const corrupt = Buffer.concat([valid.subarray(0, 8), Buffer.from("this is where IHDR should be, and is not")]);
    for (const data of [corrupt, Buffer.from("plain words, labelled as a picture")]) {
      const reply = await refused(edit(h, { prompt: "brighten it", images: [attach("photo.png", "image/png", data)] }));
      expect(reply).toContain("image could not be opened as an image (it says it is image/png): the file is damaged or is not really a picture.");
      expect(reply).toContain("Save it again as a PNG, JPEG, WebP or GIF");
    }
    await nothingStarted();
  });

  it("an SVG: asks for a PNG export", async () => {
    const svg = attach("logo.svg", "image/svg+xml", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'));
    expect(await refused(edit(h, { prompt: "make it gold", images: [svg] }))).toContain(
      "image is an SVG drawing, which the models cannot read; export it as a PNG and attach that.",
    );
    await nothingStarted();
  });

  it("an animated GIF: asks for one still frame", async () => {
    const frames = await Promise.all(["#f00", "#00f"].map((c) => sharp({ create: { width: 8, height: 8, channels: 3, background: c } }).png().toBuffer()));
    const gif = attach("dance.gif", "image/gif", await sharp(frames, { join: { animated: true } }).gif().toBuffer());
    const still = attach("still.gif", "image/gif", await sharp(frames[0]).gif().toBuffer());
    const reply = await refused(edit(h, { prompt: "add a hat", images: [still, gif] }));
    expect(reply).toContain("image2 is animated; the models take still images only. Attach one frame of it, saved as a PNG, JPEG or WebP.");
    expect(reply).not.toContain("image is");
    await nothingStarted();
  });
});

describe("echoed text", () => {
  const injection = "# Big **bold** ```code``` [click here](https://evil.example) ||hidden|| -# small";

  function expectEscaped(text: string | undefined): void {
    const escaped = "# Big \\*\\*bold\\*\\* \\`\\`\\`code\\`\\`\\` \\[click here](https://evil.example) \\|\\|hidden\\|\\| -# small";
    expect(text).toContain(escaped);
    // Inside the isolate the bot puts around what it quotes.
    expect(text).toMatch(/\u2068[^\u2069]*# Big[^\u2069]*\u2069/);
  }

  it("markdown and mentions in the prompt: escaped wherever the prompt is echoed, pinging no one; fal gets the prompt as written", async () => {
    const prompt = `${injection} @everyone <@&${h.discord.roles.moderator}>`;
    // fal holds the submit past one progress interval, so the progress header (which quotes the prompt) goes out too.
    h.fal.failNext({ kind: "slow-submit", ms: 2000 });
    const interaction = imagine(h, { prompt });
    const final = await waitForFinal(h, interaction);
    expect(falRequests(h, "submit", falSince).map((r) => submitBody(r).prompt)).toEqual([prompt]);

    const progress = final.history.find((revision) => textOf(revision).includes("Big"));
    expectEscaped(textOf(progress));
    expectEscaped(factsOf(final).Prompt);
    // A heading only at the start of a line: where the prompt begins the field.
    expect(factsOf(final).Prompt).toMatch(/^\u2068\\# Big/);
    // The fake Gemini quotes the prompt in its description, the result's first text.
    expectEscaped(textsOf(final)[0]);
    for (const write of interactionWrites(h, interaction)) {
      const body = bodyOf(write);
      const data = write.route.endsWith("/callback") ? ((body.data ?? {}) as Record<string, unknown>) : body;
      if (data.content || data.embeds || data.components) expect(data.allowed_mentions, `${write.method} ${write.route}`).toMatchObject({ parse: [] });
    }
    expect([final.mention_everyone, final.mentions, final.mention_roles]).toEqual([false, [], []]);
  });

  it("markdown in Gemini's own words (an answer without an image): escaped", async () => {
    h.fal.failNext({ kind: "text-only", description: `I can't draw that. ${injection}` });
    const final = await waitForFinal(h, imagine(h, { prompt: "something the model declines" }));
    const [heading, answer] = (textsOf(final)[0] ?? "").split("\n");
    expect(heading).toMatch(/^### No image this time — the model answered in words$/);
    expectEscaped(answer);
  });

  it("right-to-left prompts work and are isolated; a direction override cannot reverse the bot's words", async () => {
    const arabic = "قطة على سطح القمر";
    const interaction = imagine(h, { prompt: arabic });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);
    expect(falRequests(h, "submit", falSince).map((r) => submitBody(r).prompt)).toEqual([arabic]);
    expect(factsOf(final).Prompt).toBe(`\u2068${arabic}\u2069`);

    // RIGHT-TO-LEFT OVERRIDE, and a stray POP DIRECTIONAL ISOLATE that would close the bot's isolate early.
    const override = "\u2069\u202Egnp.tac a\u202C and a dog";
    const second = await waitForFinal(h, imagine(h, { prompt: override }));
    expect(factsOf(second).Prompt).toBe("\u2068gnp.tac a and a dog\u2069");
    expect(falRequests(h, "submit", falSince).map((r) => submitBody(r).prompt)).toEqual([arabic, override]);
  });
});
