// zod pieces shared by several endpoints' input schemas, so a bound is written once.
import { z } from "zod";

/** A closed set of values with fal's documented default; drives both a schema field and ModelOptions. */
export interface Choice<T extends string = string> {
  readonly values: readonly [T, ...T[]];
  readonly default: T;
}

/** fal's documented num_images range on these endpoints. */
export const imageCountRange = { min: 1, max: 4 } as const;

/**
 * fal publishes no seed range for these endpoints; 0 … 2^31 − 1 (a signed 32-bit integer) is the range fal
 * documents on its other image endpoints and what the underlying samplers take.
 */
export const MAX_SEED = 2_147_483_647;

export const promptField = (maxLength: number) => z.string().min(1).max(maxLength);

export const numImagesField = z.int().min(imageCountRange.min).max(imageCountRange.max).default(1);

export const seedField = z.int().min(0).max(MAX_SEED).optional();

export const imageUrlsField = (maxImages: number) => z.array(z.string().min(1)).min(1).max(maxImages);
