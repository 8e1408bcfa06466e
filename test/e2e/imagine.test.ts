import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness.js";

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
    expect(final.embeds[0]?.description).toBeTruthy();
    const submits = h.fal.requests.filter((r) => r.route === "submit");
    expect(submits).toHaveLength(1);
    expect(submits[0]!.endpoint).toBe("fal-ai/nano-banana");
    expect(submits[0]!.body).toEqual({ prompt: "a lighthouse at dusk" });
  });
});
