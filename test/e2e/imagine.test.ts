import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness.js";
import { galleryOf, textsOf } from "./v2-message.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("/imagine", () => {
  it("with defaults delivers an image file and Gemini's description", async () => {
    h = await startHarness();
    const interaction = h.discord.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", type: 3, value: "a lighthouse at dusk" }] });
    const response = await interaction.response();
    expect(response.type).toBe(5);
    const final = await interaction.waitForOriginal((m) => m.attachments.length > 0, 15_000);
    const image = final.attachments[0]!;
    const meta = await sharp(image.data).metadata();
    expect(meta.width).toBeGreaterThan(0);
    // Gemini's description above the image, which carries it as its alt text.
    const [description] = textsOf(final);
    expect(description).toBeTruthy();
    expect(galleryOf(final)).toEqual([{ name: image.filename, url: `attachment://${image.filename}`, description: expect.any(String), spoiler: false }]);
    expect(description).toContain(galleryOf(final)[0]!.description!.slice(0, 20));
    const submits = h.fal.requests.filter((r) => r.route === "submit");
    expect(submits).toHaveLength(1);
    expect(submits[0]!.endpoint).toBe("fal-ai/nano-banana");
    expect(submits[0]!.body).toEqual({ prompt: "a lighthouse at dusk" });
  });
});
