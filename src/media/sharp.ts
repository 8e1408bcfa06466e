// sharp (libvips) adds ~28 MB to the process as soon as it is imported, and the bot needs it only now and
// then: an output over Discord's upload limit, a /usage chart, a contest collage. It is loaded on first use.
import type { Sharp, SharpOptions } from "sharp";

type SharpFactory = (input?: Buffer | SharpOptions, options?: SharpOptions) => Sharp;

let loading: Promise<SharpFactory> | undefined;

export function loadSharp(): Promise<SharpFactory> {
  loading ??= import("sharp").then((module) => module.default as SharpFactory);
  return loading;
}
