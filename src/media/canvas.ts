// Zoom out and Pan: an image placed on a larger canvas whose new area is a flat neutral grey, for an edit model to
// fill. Zoom: W·f × H·f with the image centred. Pan: the canvas grows by half in one direction, the image flush
// against the opposite edge. The whole canvas (image included) is scaled down so its long side is at most 2048 px.
import { loadSharp } from "./sharp.js";

export type Expansion = { kind: "zoom"; factor: number } | { kind: "pan"; direction: "left" | "right" | "up" | "down" };

export interface Size {
  width: number;
  height: number;
}

export interface CanvasPlan {
  canvas: Size;
  /** Where the image sits on the canvas, at the size it is drawn. */
  image: Size & { left: number; top: number };
}

export const MAX_CANVAS_SIDE = 2048;

/** The new area's colour: a mid grey, which the models read as empty. */
export const CANVAS_FILL = { r: 128, g: 128, b: 128 } as const;

const panGrowth = 1.5;

/** Where the image goes: 0 at the left (top) edge, 0.5 centred, 1 at the right (bottom) edge. */
function alignment(expansion: Expansion): { x: number; y: number; width: number; height: number } {
  if (expansion.kind === "zoom") return { x: 0.5, y: 0.5, width: expansion.factor, height: expansion.factor };
  switch (expansion.direction) {
    case "left":
      return { x: 1, y: 0, width: panGrowth, height: 1 };
    case "right":
      return { x: 0, y: 0, width: panGrowth, height: 1 };
    case "up":
      return { x: 0, y: 1, width: 1, height: panGrowth };
    case "down":
      return { x: 0, y: 0, width: 1, height: panGrowth };
  }
}

export function planCanvas(source: Size, expansion: Expansion, maxSide = MAX_CANVAS_SIDE): CanvasPlan {
  const grow = alignment(expansion);
  const full = { width: source.width * grow.width, height: source.height * grow.height };
  const scale = Math.min(1, maxSide / Math.max(full.width, full.height));
  const canvas = { width: Math.round(full.width * scale), height: Math.round(full.height * scale) };
  const width = Math.min(canvas.width, Math.max(1, Math.round(source.width * scale)));
  const height = Math.min(canvas.height, Math.max(1, Math.round(source.height * scale)));
  const left = Math.round((canvas.width - width) * grow.x);
  const top = Math.round((canvas.height - height) * grow.y);
  return { canvas, image: { width, height, left, top } };
}

export interface Canvas extends CanvasPlan {
  /** The canvas as a PNG. */
  bytes: Buffer;
}

/** Draws the image on its canvas (a PNG); throws when the bytes are not an image sharp can read. */
export async function makeCanvas(bytes: Buffer, expansion: Expansion): Promise<Canvas> {
  const sharp = await loadSharp();
  const { width, height } = await sharp(bytes).metadata();
  if (!width || !height) throw new Error("the image has no dimensions");
  const plan = planCanvas({ width, height }, expansion);
  const resized =
    plan.image.width === width && plan.image.height === height
      ? bytes
      : await sharp(bytes).resize(plan.image.width, plan.image.height, { fit: "fill" }).toBuffer();
  const png = await sharp({ create: { ...plan.canvas, channels: 3, background: CANVAS_FILL } })
    .composite([{ input: resized, left: plan.image.left, top: plan.image.top }])
    .png()
    .toBuffer();
  return { ...plan, bytes: png };
}
