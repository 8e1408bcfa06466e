// The results collage: the top entries side by side (2×2 for four), each with its place and votes, as one PNG.
import { loadSharp } from "../media/sharp.js";
import { fallbackLocale, translator, type Translate } from "../i18n/index.js";

export interface CollageTile {
  /** The entry's image; undefined draws a grey placeholder (the image could not be fetched). */
  bytes: Buffer | undefined;
  place: number;
  votes: number;
}

export const COLLAGE_TILE = 512;
const GAP = 12;
const FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";
const MEDALS = ["#f0b232", "#c7ccd1", "#cd7f32"];

export function collageLayout(count: number): { columns: number; rows: number } {
  if (count <= 3) return { columns: Math.max(1, count), rows: 1 };
  return { columns: 2, rows: Math.ceil(count / 2) };
}

function label(tile: CollageTile, say: Translate): Buffer {
  const colour = MEDALS[tile.place - 1] ?? "#5865f2";
  const text = say("contests.collageTile", { place: tile.place, votes: tile.votes });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${COLLAGE_TILE}" height="64">
    <rect x="12" y="8" rx="10" ry="10" width="${24 + text.length * 15}" height="48" fill="#1e1f22" fill-opacity="0.85" stroke="${colour}" stroke-width="3"/>
    <text x="28" y="42" font-family="${FONT}" font-size="26" font-weight="bold" fill="#f2f3f5">${text}</text>
  </svg>`;
  return Buffer.from(svg);
}

async function tileImage(tile: CollageTile, say: Translate): Promise<Buffer> {
  const sharp = await loadSharp();
  const base = tile.bytes
    ? sharp(tile.bytes).resize(COLLAGE_TILE, COLLAGE_TILE, { fit: "cover" })
    : sharp({ create: { width: COLLAGE_TILE, height: COLLAGE_TILE, channels: 3, background: "#4e5058" } });
  try {
    return await base.composite([{ input: label(tile, say), top: COLLAGE_TILE - 72, left: 0 }]).png().toBuffer();
  } catch {
    // An image sharp cannot read becomes the placeholder.
    if (!tile.bytes) throw new Error("the collage placeholder could not be drawn");
    return tileImage({ ...tile, bytes: undefined }, say);
  }
}

/** At most four tiles, best place first; each labelled in `say`'s language. */
export async function renderCollage(tiles: readonly CollageTile[], say: Translate = translator(fallbackLocale)): Promise<Buffer> {
  const shown = tiles.slice(0, 4);
  const { columns, rows } = collageLayout(shown.length);
  const width = columns * COLLAGE_TILE + (columns + 1) * GAP;
  const height = rows * COLLAGE_TILE + (rows + 1) * GAP;
  const images = await Promise.all(shown.map((tile) => tileImage(tile, say)));
  const sharp = await loadSharp();
  return sharp({ create: { width, height, channels: 3, background: "#2b2d31" } })
    .composite(
      images.map((input, i) => ({
        input,
        left: GAP + (i % columns) * (COLLAGE_TILE + GAP),
        top: GAP + Math.floor(i / columns) * (COLLAGE_TILE + GAP),
      })),
    )
    .png()
    .toBuffer();
}
