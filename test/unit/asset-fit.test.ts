// An image made into a server asset (src/media/asset-fit.ts): each kind's size, bytes and format, the trimmed subject
// on transparency, the centre crop, enlarging, and the fallbacks when the bytes are over the limit.
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { assetKinds, assetRules, type AssetRule } from "../../src/discord/expression-rules.js";
import { AssetFitError, fitAsset } from "../../src/media/asset-fit.js";

type Rgb = { r: number; g: number; b: number };

/** A flat image with a rectangle of another colour drawn on it; `alpha: 0` makes the ground transparent. */
async function picture(
  width: number,
  height: number,
  ground: Rgb & { alpha?: number },
  shape?: { left: number; top: number; width: number; height: number; colour: Rgb },
): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 4, background: { alpha: 1, ...ground } } });
  if (!shape) return base.png().toBuffer();
  const block = await sharp({ create: { width: shape.width, height: shape.height, channels: 4, background: { ...shape.colour, alpha: 1 } } })
    .png()
    .toBuffer();
  return base.composite([{ input: block, left: shape.left, top: shape.top }]).png().toBuffer();
}

/**
 * Colour gradients with random noise of the given amplitude on top: a photo-like image that compresses badly as PNG
 * (and worse the larger the amplitude) but well as JPEG. With `alpha` the alpha falls from 255 to 100 across it.
 */
function noisy(width: number, height: number, amplitude: number, options: { alpha?: boolean } = {}): Promise<Buffer> {
  const channels = options.alpha ? 4 : 3;
  const random = randomBytes(width * height * channels);
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      const ground = [(x * 255) / width, (y * 255) / height, ((x + y) * 255) / (width + height)];
      for (let channel = 0; channel < 3; channel++) {
        const value = ground[channel]! + (random[at + channel]! / 255 - 0.5) * amplitude;
        data[at + channel] = Math.max(0, Math.min(255, Math.round(value)));
      }
      if (options.alpha) data[at + 3] = 255 - Math.round((x * 155) / width);
    }
  }
  return sharp(data, { raw: { width, height, channels } }).png().toBuffer();
}

async function pixels(bytes: Buffer) {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)];
  return { at, info };
}

const white = { r: 250, g: 250, b: 250 };
const red = { r: 220, g: 20, b: 30 };
const blue = { r: 20, g: 40, b: 200 };
const clear = { r: 0, g: 0, b: 0, alpha: 0 };

describe("fitAsset: each kind by its rule", () => {
  const expected = { emoji: [128, 128], sticker: [320, 320], icon: [1024, 1024], banner: [1344, 756], cover: [1344, 538] };
  it.each(assetKinds)("%s: exact size, within its bytes, in its first format", async (kind) => {
    const rule = assetRules[kind];
    const source = await picture(1344, 768, white, { left: 500, top: 200, width: 300, height: 300, colour: red });
    const fitted = await fitAsset(source, rule, { trim: false, name: kind });
    const meta = await sharp(fitted.bytes).metadata();
    expect([fitted.width, fitted.height]).toEqual(expected[kind]);
    expect([meta.width, meta.height]).toEqual(expected[kind]);
    expect(fitted.bytes.byteLength).toBeLessThanOrEqual(rule.maxBytes);
    expect([fitted.format, meta.format, fitted.contentType, fitted.fileName]).toEqual(["png", "png", "image/png", `${kind}.png`]);
  });

  it("names the file asset.png when no name is given", async () => {
    const fitted = await fitAsset(await picture(200, 200, white), assetRules.emoji, { trim: false });
    expect(fitted.fileName).toBe("asset.png");
  });
});

describe("fitAsset: trim", () => {
  for (const kind of ["emoji", "sticker"] as const) {
    it(`${kind}: keeps the alpha, the corners transparent and the subject opaque`, async () => {
      const source = await picture(1024, 1024, clear, { left: 312, top: 312, width: 400, height: 400, colour: red });
      const fitted = await fitAsset(source, assetRules[kind], { trim: true, name: kind });
      const { at, info } = await pixels(fitted.bytes);
      expect((await sharp(fitted.bytes).metadata()).hasAlpha).toBe(true);
      const last = info.width - 1;
      for (const [x, y] of [[0, 0], [last, 0], [0, last], [last, last]]) expect(at(x!, y!)[3]).toBe(0);
      expect(at(info.width / 2, info.height / 2)).toEqual([red.r, red.g, red.b, 255]);
    });
  }

  it("makes a small subject fill the frame, inside a small margin", async () => {
    // A 40 px square in a corner of a 1000 px transparent image.
    const source = await picture(1000, 1000, clear, { left: 50, top: 60, width: 40, height: 40, colour: blue });
    const fitted = await fitAsset(source, assetRules.sticker, { trim: true });
    const { at } = await pixels(fitted.bytes);
    const margin = Math.round(320 * 0.04);
    // Opaque from just inside the margin on every side, transparent within the margin.
    for (const [x, y] of [[margin + 2, margin + 2], [319 - margin - 2, 319 - margin - 2], [160, 160]]) expect(at(x!, y!)).toEqual([blue.r, blue.g, blue.b, 255]);
    for (const [x, y] of [[margin - 2, 160], [160, margin - 2], [319 - margin + 2, 160]]) expect(at(x!, y!)[3]).toBe(0);
  });

  it("centres a wide subject, transparent above and below it", async () => {
    const source = await picture(600, 600, clear, { left: 100, top: 250, width: 400, height: 100, colour: red });
    const fitted = await fitAsset(source, assetRules.emoji, { trim: true });
    const { at } = await pixels(fitted.bytes);
    expect(at(64, 64)).toEqual([red.r, red.g, red.b, 255]);
    expect(at(64, 20)[3]).toBe(0);
    expect(at(64, 108)[3]).toBe(0);
  });
});

describe("fitAsset: cover crop and size", () => {
  it("crops a wide image to a square from the centre", async () => {
    // Red bands at the left and right, blue in the middle: the square keeps only blue.
    const source = await picture(300, 100, red, { left: 100, top: 0, width: 100, height: 100, colour: blue });
    const fitted = await fitAsset(source, assetRules.emoji, { trim: false });
    const { at } = await pixels(fitted.bytes);
    for (const [x, y] of [[0, 0], [127, 127], [64, 64], [0, 127]]) expect(at(x!, y!)).toEqual([blue.r, blue.g, blue.b, 255]);
  });

  it("crops a square to 16:9 from the centre, at the source's width", async () => {
    // Red top and bottom quarters: the 16:9 band (1200 × 675 of 1200 × 1200) keeps from y = 262 to 937.
    const source = await picture(1200, 1200, blue, { left: 0, top: 0, width: 1200, height: 250, colour: red });
    const fitted = await fitAsset(source, assetRules.banner, { trim: false });
    expect([fitted.width, fitted.height]).toEqual([1200, 675]);
    const { at } = await pixels(fitted.bytes);
    expect(at(600, 0)).toEqual([blue.r, blue.g, blue.b, 255]);
  });

  it("enlarges a small source to the rule's smallest width", async () => {
    const fitted = await fitAsset(await picture(160, 90, red), assetRules.banner, { trim: false });
    expect([fitted.width, fitted.height]).toEqual([960, 540]);
    const meta = await sharp(fitted.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([960, 540]);
  });

  it("shrinks a large source to the rule's largest width", async () => {
    const fitted = await fitAsset(await picture(4000, 1600, red), assetRules.cover, { trim: false });
    expect([fitted.width, fitted.height]).toEqual([1600, 640]);
  });

  it("turns the image upright by its EXIF orientation", async () => {
    // Stored 200 × 100 with orientation 6 (rotate 90° clockwise to show): shown 100 × 200, then cropped square.
    const stored = await sharp(await picture(200, 100, red, { left: 0, top: 0, width: 100, height: 100, colour: blue }))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const fitted = await fitAsset(stored, assetRules.emoji, { trim: false });
    expect([fitted.width, fitted.height]).toEqual([128, 128]);
    // Upright, the blue (left) half of the stored image is on top: the centre square straddles both colours.
    const { at } = await pixels(fitted.bytes);
    expect(at(20, 20)[2]).toBeGreaterThan(150);
    expect(at(20, 108)[0]).toBeGreaterThan(150);
  });
});

describe("fitAsset: over the byte limit", () => {
  it("falls back to a palette PNG that keeps the alpha", async () => {
    const source = await noisy(320, 320, 255, { alpha: true });
    const full = await fitAsset(source, assetRules.sticker, { trim: false });
    expect(full.quantised).toBe(false);
    const rule: AssetRule = { ...assetRules.sticker, maxBytes: Math.floor(full.bytes.byteLength * 0.8) };
    const fitted = await fitAsset(source, rule, { trim: false });
    expect(fitted.quantised).toBe(true);
    expect(fitted.format).toBe("png");
    expect(fitted.bytes.byteLength).toBeLessThanOrEqual(rule.maxBytes);
    const meta = await sharp(fitted.bytes).metadata();
    expect([meta.width, meta.height, meta.hasAlpha, meta.isPalette]).toEqual([320, 320, true, true]);
  });

  it("falls back to JPEG for an opaque banner when PNG will not fit", async () => {
    // About 1.4 MB as PNG, 195 kB as a palette PNG, 100 kB as JPEG at quality 90.
    const source = await noisy(960, 540, 20);
    const rule: AssetRule = { ...assetRules.banner, maxBytes: 150 * 1024 };
    const fitted = await fitAsset(source, rule, { trim: false, name: "banner" });
    expect([fitted.format, fitted.contentType, fitted.fileName]).toEqual(["jpeg", "image/jpeg", "banner.jpg"]);
    expect(fitted.bytes.byteLength).toBeLessThanOrEqual(rule.maxBytes);
    expect((await sharp(fitted.bytes).metadata()).format).toBe("jpeg");
  });

  it("scales down towards the smallest width when JPEG alone will not fit", async () => {
    // About 75 kB as JPEG at quality 60 at full width.
    const source = await noisy(1920, 1080, 20);
    const rule: AssetRule = { ...assetRules.banner, maxBytes: 50 * 1024 };
    const fitted = await fitAsset(source, rule, { trim: false });
    expect(fitted.format).toBe("jpeg");
    expect(fitted.width).toBeLessThan(1920);
    expect(fitted.width).toBeGreaterThanOrEqual(960);
    expect(fitted.height).toBe(Math.round((fitted.width * 9) / 16));
    expect(fitted.bytes.byteLength).toBeLessThanOrEqual(rule.maxBytes);
  });

  it("never turns a transparent image into JPEG: too large instead", async () => {
    // As JPEG it would fit (about 20 kB at quality 60), but it would lose its alpha.
    const source = await noisy(960, 540, 20, { alpha: true });
    const rule: AssetRule = { ...assetRules.banner, maxBytes: 50 * 1024 };
    const error = await fitAsset(source, rule, { trim: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AssetFitError);
    expect((error as AssetFitError).reason).toBe("too-large");
  });

  it("refuses what will not fit even at the smallest width", async () => {
    const rule: AssetRule = { ...assetRules.emoji, maxBytes: 100 };
    const error = await fitAsset(await noisy(128, 128, 255, { alpha: true }), rule, { trim: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AssetFitError);
    expect((error as AssetFitError).reason).toBe("too-large");
  });
});

describe("fitAsset: not an image", () => {
  it.each([
    ["text", Buffer.from("not an image at all")],
    ["an empty file", Buffer.alloc(0)],
  ])("refuses %s", async (_, bytes) => {
    const error = await fitAsset(bytes, assetRules.icon, { trim: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AssetFitError);
    expect((error as AssetFitError).reason).toBe("not-an-image");
  });

  it("refuses a truncated PNG", async () => {
    const whole = await noisy(64, 64, 255);
    const error = await fitAsset(whole.subarray(0, whole.byteLength / 2), assetRules.icon, { trim: false }).catch((caught: unknown) => caught);
    expect((error as AssetFitError).reason).toBe("not-an-image");
  });
});
