// Output sizes as fal's image_size takes them: a named preset, or explicit width and height.

/** fal's standard preset dimensions (the same table across its diffusion endpoints). */
export const imageSizePresets = {
  square_hd: { width: 1024, height: 1024 },
  square: { width: 512, height: 512 },
  portrait_4_3: { width: 768, height: 1024 },
  portrait_16_9: { width: 576, height: 1024 },
  landscape_4_3: { width: 1024, height: 768 },
  landscape_16_9: { width: 1024, height: 576 },
} as const;

export type ImageSizePreset = keyof typeof imageSizePresets;

export const imageSizePresetNames = Object.keys(imageSizePresets) as [ImageSizePreset, ...ImageSizePreset[]];

/**
 * Bounds we accept per side for an explicit size. fal publishes none; 64 px is the smallest size a latent
 * diffusion model produces sensibly, and 4096 px (16.8 MP, ≈ $0.55 an image on FireRed) is already past what
 * fits Discord's 10 MiB upload limit without re-encoding.
 */
export const imageSideBounds = { min: 64, max: 4096 } as const;

/** fal's documented default for a width or height left out of an explicit image_size. */
export const DEFAULT_IMAGE_SIDE = 512;

export interface Dimensions {
  width: number;
  height: number;
}

export function isImageSizePreset(value: string): value is ImageSizePreset {
  return Object.hasOwn(imageSizePresets, value);
}

/** Reads "1024x768" (also "1024×768", "1024 X 768"); undefined when the text is not in that form. */
export function parseDimensions(text: string): Dimensions | undefined {
  const match = /^\s*(\d{1,6})\s*[x×]\s*(\d{1,6})\s*$/i.exec(text);
  if (!match) return undefined;
  return { width: Number(match[1]), height: Number(match[2]) };
}

export function withinSideBounds({ width, height }: Dimensions): boolean {
  const inBounds = (side: number) => side >= imageSideBounds.min && side <= imageSideBounds.max;
  return inBounds(width) && inBounds(height);
}

/** Pixel dimensions of an image_size value as fal would apply it. */
export function dimensionsOf(size: ImageSizePreset | Partial<Dimensions>): Dimensions {
  if (typeof size === "string") return imageSizePresets[size];
  return { width: size.width ?? DEFAULT_IMAGE_SIDE, height: size.height ?? DEFAULT_IMAGE_SIDE };
}
