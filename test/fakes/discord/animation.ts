// Whether an image has more than one frame, as Discord judges when it sets an attachment's IS_ANIMATED flag:
// a GIF with several images, a PNG with an animation control chunk (APNG), a WebP with its animation bit.

/** Discord's attachment flag for animated images. */
export const IS_ANIMATED = 1 << 5;

export function isAnimated(data: Buffer): boolean {
  if (data.length >= 13 && data.toString("latin1", 0, 3) === "GIF") return gifFrames(data) > 1;
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47) return hasPngChunk(data, "acTL");
  if (data.length >= 21 && data.toString("latin1", 0, 4) === "RIFF" && data.toString("latin1", 12, 16) === "VP8X") {
    return ((data[20] ?? 0) & 0x02) !== 0;
  }
  return false;
}

/** Sub-blocks (a length byte, then that many bytes) up to the empty one: the offset after them. */
function skipSubBlocks(data: Buffer, offset: number): number {
  let at = offset;
  while (at < data.length && data[at] !== 0) at += 1 + (data[at] ?? 0);
  return at + 1;
}

function colorTableBytes(packed: number): number {
  return packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0;
}

function gifFrames(data: Buffer): number {
  let at = 13 + colorTableBytes(data[10] ?? 0);
  let frames = 0;
  while (at < data.length) {
    const block = data[at];
    if (block === 0x2c) {
      frames += 1;
      at += 10 + colorTableBytes(data[at + 9] ?? 0);
      at = skipSubBlocks(data, at + 1);
    } else if (block === 0x21) {
      at = skipSubBlocks(data, at + 2);
    } else {
      break;
    }
  }
  return frames;
}

function hasPngChunk(data: Buffer, type: string): boolean {
  let at = 8;
  while (at + 8 <= data.length) {
    const chunk = data.toString("latin1", at + 4, at + 8);
    if (chunk === type) return true;
    if (chunk === "IDAT") return false;
    at += 12 + data.readUInt32BE(at);
  }
  return false;
}
