// Zoom out and Pan's canvas (src/media/canvas.ts): its size, where the image sits, the 2048 px cap, and the pixels.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { CANVAS_FILL, makeCanvas, planCanvas, type Expansion } from "../../src/media/canvas.js";

describe("planCanvas", () => {
  // [source, expansion, canvas, image drawn at [left, top] with [width, height]]
  const cases: [string, [number, number], Expansion, [number, number], [number, number, number, number]][] = [
    ["zoom 2×: W·f × H·f, the image centred", [800, 600], { kind: "zoom", factor: 2 }, [1600, 1200], [400, 300, 800, 600]],
    ["zoom 1.5×", [800, 600], { kind: "zoom", factor: 1.5 }, [1200, 900], [200, 150, 800, 600]],
    ["pan left: half as wide again, the image flush right", [400, 300], { kind: "pan", direction: "left" }, [600, 300], [200, 0, 400, 300]],
    ["pan right: the image flush left", [400, 300], { kind: "pan", direction: "right" }, [600, 300], [0, 0, 400, 300]],
    ["pan up: half as tall again, the image at the bottom", [400, 300], { kind: "pan", direction: "up" }, [400, 450], [0, 150, 400, 300]],
    ["pan down: the image at the top", [400, 300], { kind: "pan", direction: "down" }, [400, 450], [0, 0, 400, 300]],
    ["a 1024² zoom 2× is at the 2048 px cap already", [1024, 1024], { kind: "zoom", factor: 2 }, [2048, 2048], [512, 512, 1024, 1024]],
    ["past 2048 px the whole canvas shrinks, the image with it", [2048, 1024], { kind: "zoom", factor: 2 }, [2048, 1024], [512, 256, 1024, 512]],
    ["1536 × 1.5 = 2304 → × 2048/2304, still flush right", [1536, 1024], { kind: "pan", direction: "left" }, [2048, 910], [683, 0, 1365, 910]],
  ];
  it.each(cases)("%s", (_, [width, height], expansion, [cw, ch], [left, top, w, h]) => {
    expect(planCanvas({ width, height }, expansion)).toEqual({ canvas: { width: cw, height: ch }, image: { width: w, height: h, left, top } });
  });
});

describe("makeCanvas", () => {
  it("draws the image where the plan puts it, on a flat neutral fill, as a PNG", async () => {
    const source = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 30, b: 60 } } }).png().toBuffer();
    const canvas = await makeCanvas(source, { kind: "pan", direction: "up" });
    expect(canvas.canvas).toEqual({ width: 40, height: 30 });
    const { data, info } = await sharp(canvas.bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.format, info.width, info.height]).toEqual(["raw", 40, 30]);
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    for (const [x, y] of [[0, 0], [39, 9]]) expect(pixel(x!, y!)).toEqual([CANVAS_FILL.r, CANVAS_FILL.g, CANVAS_FILL.b]);
    for (const [x, y] of [[0, 10], [39, 29], [20, 20]]) expect(pixel(x!, y!)).toEqual([200, 30, 60]);
    expect((await sharp(canvas.bytes).metadata()).format).toBe("png");
  });

  it("refuses bytes that are not an image", async () => {
    await expect(makeCanvas(Buffer.from("not an image"), { kind: "zoom", factor: 2 })).rejects.toThrow();
  });
});
