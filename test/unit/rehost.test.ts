// Re-hosting images on fal storage (fal/rehost.ts) against the fake fal: a stalled upload is abandoned at the deadline.
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { createFal } from "../../src/fal/client.js";
import { rehostImages } from "../../src/fal/rehost.js";
import { UploadTimeoutError } from "../../src/fal/upload.js";
import { createDownloader } from "../../src/media/download.js";
import { startFakeFal, type FakeFal } from "../fakes/fal/index.js";

let fake: FakeFal | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("rehostImages", () => {
  it("copies an image to fal storage, and gives up on an upload fal storage does not answer within the deadline", async () => {
    fake = await startFakeFal({ queueMs: 0, runMs: 0 });
    const fal = createFal({ FAL_KEY: fake.key, FAL_PROXY_URL: fake.url });
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c04020" } }).png().toBuffer();
    const original = await fal.storage.upload(new Blob([bytes], { type: "image/png" }));
    const download = createDownloader([new URL(original).origin]);

    const [copy] = await rehostImages(fal, download, [original], 2000);
    expect(copy).not.toBe(original);
    expect(Buffer.from(await (await fetch(copy!)).arrayBuffer()).equals(bytes)).toBe(true);

    const release = fake.holdUploads();
    const stalled = rehostImages(fal, download, [original], 300);
    await fake.waitForArrival((a) => a.route === "upload-put");
    await expect(stalled).rejects.toBeInstanceOf(UploadTimeoutError);
    release();
  });
});
