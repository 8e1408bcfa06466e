// Issue 3 end to end, the paths that deliver: every catalog model, several inputs, several outputs, text-only
// answers, the re-host fallback, NSFW withholding, mentions that must not ping, and the 3 s deadline.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { falEndpointSchemas, type FalEndpointId } from "../fakes/fal/index.js";
import { catalog, type ModelDefinition } from "../../src/models/index.js";
import {
  bodyOf,
  edit,
  falRequests,
  hostImage,
  imagine,
  interactionWrites,
  originalEdits,
  submitBody,
  waitForFinal,
} from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { factsOf, galleryOf, textOf, textsOf } from "./v2-message.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A non-default value for every knob the model offers, and the fal field and value each must become. */
function knobsFor(model: ModelDefinition): { options: Record<string, string | number | boolean>; fal: Record<string, unknown> } {
  const o = model.options;
  const options: Record<string, string | number | boolean> = {};
  const fal: Record<string, unknown> = {};
  const set = (option: string, field: string, value: string | number | boolean) => {
    options[option] = value;
    fal[field] = value;
  };
  if (o.aspectRatios?.includes("4:3")) set("aspect_ratio", "aspect_ratio", "4:3");
  if (o.resolutions?.includes("1K")) set("resolution", "resolution", "1K");
  if (o.formats?.includes("jpeg")) set("format", "output_format", "jpeg");
  if (o.seed) set("seed", "seed", 4242);
  if (o.webSearch) set("web_search", "enable_web_search", true);
  if (o.negativePrompt) set("negative_prompt", "negative_prompt", "blurry, text");
  if (o.steps) set("steps", "num_inference_steps", 12);
  if (o.guidance) set("guidance", "guidance_scale", 5.5);
  if (o.imageSizes?.includes("landscape_4_3")) set("image_size", "image_size", "landscape_4_3");
  if (o.accelerations?.includes("high")) set("acceleration", "acceleration", "high");
  if (o.safetyChecker) set("safety_checker", "enable_safety_checker", true);
  return { options, fal };
}

describe("every model in the catalog", () => {
  it("gets a payload its fal endpoint accepts, with the member's options, and delivers a result", async () => {
    // The image models; Describe's vision model has its own suite (describe.test.ts).
    const models = catalog.all().filter((model) => model.kind === "text-to-image" || model.kind === "edit");
    expect(models.length).toBeGreaterThanOrEqual(10);
    const since = h.fal.requests.length;
    // One after another: a member may have only a few jobs in flight (the server's default policy).
    for (const model of models) {
      const images = model.kind === "edit" ? [await hostImage(h, `${model.id}.png`)] : [];
      const knobs = knobsFor(model);
      const command = { prompt: `a lighthouse, by ${model.id}`, options: { model: model.id, ...knobs.options }, images };
      const interaction = model.kind === "edit" ? edit(h, command) : imagine(h, command);
      const final = await waitForFinal(h, interaction);
      expect(final.attachments, `${model.id}: ${textOf(final)}`).toHaveLength(1);
      const meta = await sharp(final.attachments[0]!.data).metadata();
      expect(meta.width, model.id).toBeGreaterThan(0);
      expect(factsOf(final).Model).toBe(model.name);

      const submits = falRequests(h, "submit", since).filter((r) => submitBody(r).prompt === `a lighthouse, by ${model.id}`);
      expect(submits, model.id).toHaveLength(1);
      const submit = submits[0]!;
      expect(submit.endpoint).toBe(model.endpoint);
      expect(submit.status).toBe(200);
      const schema = falEndpointSchemas[model.endpoint as FalEndpointId];
      expect(schema, `the fake fal knows ${model.endpoint}`).toBeDefined();
      expect(schema.safeParse(submit.body).success, `${model.id}: ${JSON.stringify(submit.body)}`).toBe(true);
      expect(submit.body).toMatchObject(knobs.fal);
      if (images.length) {
        const field = model.inputImages?.field === "image_url" ? images[0]!.url : images.map((i) => i.url);
        expect(submit.body).toMatchObject({ [model.inputImages!.field]: field });
      }
    }
  });
});

describe("/edit", () => {
  it("passes two attachments to fal as image_urls, in order, and fal fetched both", async () => {
    const since = h.fal.requests.length;
    const [first, second] = [await hostImage(h, "cat.png"), await hostImage(h, "hat.png")];
    const interaction = edit(h, { prompt: "put the hat on the cat", images: [first!, second!] });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);

    const submits = falRequests(h, "submit", since);
    expect(submits).toHaveLength(1);
    expect(submits[0]!.endpoint).toBe("fal-ai/nano-banana/edit");
    expect(submitBody(submits[0]!).image_urls).toEqual([first!.url, second!.url]);
    const fetched = falRequests(h, "input-fetch", since).filter((r) => r.requestId === submits[0]!.requestId);
    expect(fetched.map((r) => [r.targetUrl, r.status])).toEqual(
      expect.arrayContaining([
        [first!.url, 200],
        [second!.url, 200],
      ]),
    );
    expect(fetched).toHaveLength(2);
  });

  it("re-hosts the images on fal storage and retries once when fal cannot fetch the Discord link", async () => {
    const since = h.fal.requests.length;
    const image = await hostImage(h, "refused.png");
    h.fal.refuseUrl(image.url);
    const interaction = edit(h, { prompt: "make it autumn", images: [image] });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments, textOf(final)).toHaveLength(1);

    const submits = falRequests(h, "submit", since);
    expect(submits).toHaveLength(2);
    expect(submitBody(submits[0]!).image_urls).toEqual([image.url]);
    const refused = falRequests(h, "input-fetch", since).find((r) => r.requestId === submits[0]!.requestId);
    expect(refused?.status).toBe(403);

    const [initiate] = falRequests(h, "upload-initiate", since);
    const [put] = falRequests(h, "upload-put", since);
    expect(initiate?.status).toBe(200);
    expect(put?.status).toBe(200);
    expect(put?.bytes).toBe(image.size);
    const rehosted = submitBody(submits[1]!).image_urls as string[];
    expect(rehosted).toHaveLength(1);
    expect(rehosted[0]!.startsWith(`${h.fal.origin}/cdn/`)).toBe(true);
    const secondFetch = falRequests(h, "input-fetch", since).find((r) => r.requestId === submits[1]!.requestId);
    expect(secondFetch).toMatchObject({ targetUrl: rehosted[0], status: 200 });
  });

  it("withholds an image the safety checker flagged in a channel not marked NSFW", async () => {
    h.fal.failNext({ kind: "nsfw" });
    const interaction = edit(h, { prompt: "a beach scene", images: [await hostImage(h)], options: { model: "firered-edit" } });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(0);
    expect(interactionWrites(h, interaction).flatMap((r) => r.files)).toEqual([]);
    expect(factsOf(final).Withheld).toMatch(/1 image was flagged .* not shown/);
    expect(galleryOf(final)).toHaveLength(0);
  });

  it("shows a flagged image in a channel marked NSFW", async () => {
    h.fal.failNext({ kind: "nsfw" });
    const image = await hostImage(h);
    const interaction = edit(h, { prompt: "a beach scene", images: [image], options: { model: "firered-edit" }, channelId: h.discord.channels.nsfw });
    const final = await waitForFinal(h, interaction);
    expect(final.channel_id).toBe(h.discord.channels.nsfw);
    expect(final.attachments).toHaveLength(1);
    expect(factsOf(final)).not.toHaveProperty("Withheld");
  });
});

describe("/imagine", () => {
  it("delivers count 4 as four attachments in one message", async () => {
    const interaction = imagine(h, { prompt: "four kittens", options: { count: 4 } });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(4);
    for (const attachment of final.attachments) expect((await sharp(attachment.data).metadata()).width).toBeGreaterThan(0);

    const withFiles = interactionWrites(h, interaction).filter((r) => r.files.length > 0);
    expect(withFiles).toHaveLength(1);
    expect(withFiles[0]!.files).toHaveLength(4);
    expect(withFiles[0]!.route).toBe("/webhooks/:app/:token/messages/@original");
    expect(interaction.followUps()).toHaveLength(0);
    expect(interactionWrites(h, interaction).filter((r) => r.method === "POST" && r.route === "/webhooks/:app/:token")).toHaveLength(0);
  });

  it("shows a text-only answer as words, with the model's text and no attachment", async () => {
    const words = "I would rather not draw that, but picture a quiet harbour at dawn.";
    h.fal.failNext({ kind: "text-only", description: words });
    const interaction = imagine(h, { prompt: "something impossible" });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(0);
    const [heading, answer] = (textsOf(final)[0] ?? "").split("\n");
    expect(heading).toMatch(/answered in words/i);
    expect(answer).toContain(words);
    expect(galleryOf(final)).toHaveLength(0);
  });

  it("never pings: @everyone, @here, a role and a user in the prompt reach nobody", async () => {
    const { moderator } = h.discord.roles;
    const { other } = h.discord.users;
    const prompt = `@everyone @here <@&${moderator}> <@${other.id}> a poster for the meetup`;
    // fal holds the submit past one progress interval, so a progress edit with the prompt in its text goes out.
    h.fal.failNext({ kind: "slow-submit", ms: 2000 });
    const interaction = imagine(h, { prompt });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);

    // The text really went out (so a missing allowed_mentions would have pinged) …
    const message = interaction.original()!;
    expect(message.history.some((revision) => textOf(revision).includes("@everyone"))).toBe(true);
    // … and every write that carried a message said parse: [].
    const writes = interactionWrites(h, interaction);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    for (const write of writes) {
      const body = bodyOf(write);
      const data = write.route.endsWith("/callback") ? ((body.data ?? {}) as Record<string, unknown>) : body;
      if (write.route.endsWith("/callback") && body.type === 5) {
        expect(data.content, "a deferral carries no text").toBeUndefined();
        continue;
      }
      expect(data.allowed_mentions, `${write.method} ${write.route}`).toMatchObject({ parse: [] });
    }
    for (const revision of message.history) {
      if (textOf(revision)) expect(revision.allowed_mentions?.parse).toEqual([]);
    }
    expect(message.mention_everyone).toBe(false);
    expect(message.mentions).toEqual([]);
    expect(message.mention_roles).toEqual([]);
    const pinged = h.discord.messages().filter((m) => m.mention_everyone || m.mentions.length > 0 || m.mention_roles.length > 0);
    expect(pinged).toEqual([]);
  });

  it("defers inside 3 s while fal holds the submit for 5 s, and still delivers", async () => {
    h.fal.failNext({ kind: "slow-submit", ms: 5000 });
    const interaction = imagine(h, { prompt: "a slow sunrise" });
    const slowSubmits = () => falRequests(h, "submit").filter((r) => submitBody(r).prompt === "a slow sunrise");
    const response = await interaction.response();
    expect(response.type).toBe(5);
    expect(response.at - interaction.dispatchedAt).toBeLessThan(3000);
    // fal records a submit when it answers it: the deferral did not wait for fal.
    expect(slowSubmits()).toHaveLength(0);
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);
    expect(slowSubmits().map((r) => r.status)).toEqual([200]);
    expect(originalEdits(h, interaction).at(-1)?.files).toHaveLength(1);
  });
});

describe("IMAGE_INPUT=upload", () => {
  let u: Harness;
  beforeAll(async () => {
    u = await startHarness({ env: { IMAGE_INPUT: "upload" } });
  });
  afterAll(async () => {
    await u?.close();
  });

  it("re-hosts the images on fal storage before the first and only submit", async () => {
    const image = await hostImage(u, "upload.png");
    const interaction = edit(u, { prompt: "make it winter", images: [image] });
    const final = await waitForFinal(u, interaction);
    expect(final.attachments, textOf(final)).toHaveLength(1);

    const routes = u.fal.requests.map((r) => r.route);
    const submits = falRequests(u, "submit");
    expect(submits).toHaveLength(1);
    expect(routes.indexOf("upload-put")).toBeGreaterThanOrEqual(0);
    expect(routes.indexOf("upload-put")).toBeLessThan(routes.indexOf("submit"));
    expect(falRequests(u, "upload-put")[0]?.bytes).toBe(image.size);
    const urls = submitBody(submits[0]!).image_urls as string[];
    expect(urls).toHaveLength(1);
    expect(urls[0]!.startsWith(`${u.fal.origin}/cdn/`)).toBe(true);
    expect(falRequests(u, "input-fetch").map((r) => r.targetUrl)).toEqual(urls);
  });
});
