// Issue 17, item 9: the catalog as fal publishes it. FireRed's acceleration and a custom width × height reach fal
// as its schema names them (and are priced by the megapixels made); Gemini 2.5 Flash Image takes no seed, so none
// crosses the wire, none is shown, Re-roll sends none, and a member who gives one is told which models take one.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InteractionHandle } from "../fakes/discord/index.js";
import { buttonIds, edit, falRequests, hostImage, imagine, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { storedJob } from "./job-records.js";
import { factsOf, textOf } from "./v2-message.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

let falSince = 0;
beforeEach(() => {
  falSince = h.fal.requests.length;
});

const EPHEMERAL = 64;

/** The ephemeral refusal's text; nothing of the order reached fal. */
async function refused(interaction: InteractionHandle): Promise<string> {
  const response = await interaction.response();
  expect([response.type, response.data.flags & EPHEMERAL]).toEqual([4, EPHEMERAL]);
  for (const route of ["submit", "upload-initiate", "input-fetch"] as const) expect(falRequests(h, route, falSince), route).toEqual([]);
  return response.data.content as string;
}

describe("FireRed's own knobs on /edit", () => {
  it("sends acceleration and a custom width × height as fal's acceleration and image_size, and prices the megapixels made", async () => {
    const interaction = edit(h, {
      prompt: "turn the sky purple",
      images: [await hostImage(h)],
      options: { model: "firered-edit", acceleration: "high", width: 1280, height: 720 },
    });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments, textOf(final)).toHaveLength(1);

    const [submit] = falRequests(h, "submit", falSince);
    expect(submit?.endpoint).toBe("fal-ai/firered-image-edit-v1.1");
    expect(submit?.status).toBe(200);
    const body = submitBody(submit!);
    expect(body).toMatchObject({ prompt: "turn the sky purple", acceleration: "high", image_size: { width: 1280, height: 720 } });
    expect(body).not.toHaveProperty("seed");

    const meta = await sharp(final.attachments[0]!.data).metadata();
    expect([meta.width, meta.height]).toEqual([1280, 720]);
    const fields = factsOf(final);
    expect(fields.Size).toBe("1280×720");
    // FireRed reports the seed it used.
    expect(fields.Seed).toMatch(/^\d+$/);
    // 1280 × 720 = 0.9216 MP at $0.0325 per megapixel.
    await expect.poll(() => storedJob(h, interaction)).toMatchObject({ state: "delivered", ledger: "settled", usd: 0.03 });
  });

  it("refuses a width without a height, or a custom size on a model without one, saying what to change", async () => {
    const images = [await hostImage(h)];
    const alone = await refused(edit(h, { prompt: "wider", images, options: { model: "firered-edit", width: 1280 } }));
    expect(alone).toContain("You gave a width but no height; give both (each 64 to 4096 pixels), or neither to keep the input's size.");
    const elsewhere = await refused(edit(h, { prompt: "wider", images, options: { acceleration: "high" } }));
    expect(elsewhere).toContain(
      "Nano Banana (edit) does not let you set the acceleration; choose FireRed Image Edit 1.1, or leave the acceleration empty.",
    );
  });
});

describe("Gemini 2.5 Flash Image takes no seed", () => {
  it("sends none, shows none, and Re-roll sends none either", async () => {
    const interaction = imagine(h, { prompt: "a lighthouse at dawn" });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments, textOf(final)).toHaveLength(1);
    const [submit] = falRequests(h, "submit", falSince);
    expect(submit?.endpoint).toBe("fal-ai/nano-banana");
    expect(submitBody(submit!)).toEqual({ prompt: "a lighthouse at dawn" });
    expect(factsOf(final)).not.toHaveProperty("Seed");
    // fal's default output format for this model is jpeg.
    expect((await sharp(final.attachments[0]!.data).metadata()).format).toBe("jpeg");

    const reroll = buttonIds(final).find((id) => id.startsWith("job:1:reroll:"))!;
    const again = h.discord.clickButton({ message: final, customId: reroll });
    const rerolled = await waitForFinal(h, again);
    expect(rerolled.attachments, textOf(rerolled)).toHaveLength(1);
    const submits = falRequests(h, "submit", falSince);
    expect(submits).toHaveLength(2);
    expect(submitBody(submits[1]!)).toEqual({ prompt: "a lighthouse at dawn" });
  });

  it("refuses a seed with a clear private message naming the models that take one; nothing reaches fal", async () => {
    const text = await refused(imagine(h, { prompt: "a lighthouse at dawn", options: { seed: 42 } }));
    expect(text).toContain("Nano Banana does not let you set the seed; choose Nano Banana Pro or Nano Banana 2, or leave the seed empty.");
  });
});
