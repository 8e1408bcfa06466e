// sharp (libvips) adds ~28 MB to the process as soon as it is imported, and the bot needs it only now and
// then: an output over Discord's upload limit, a /usage chart, a contest collage. It is loaded on first use.
import type sharp from "sharp";

let loading: Promise<typeof sharp> | undefined;

export function loadSharp(): Promise<typeof sharp> {
  loading ??= import("sharp").then((module) => module.default);
  return loading;
}
