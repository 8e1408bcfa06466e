// Cost arithmetic shared by the catalog's price rules.
import type { CostEstimate, NormalizedOutput } from "./types.js";
import { countOf } from "../wording.js";

/** Dollar figures are kept to 4 decimals: fal's smallest published unit price ($0.0325) needs all of them. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 10_000) / 10_000;
}

export function formatUsd(usd: number): string {
  return `$${roundUsd(usd)}`;
}

export interface PerImagePrice {
  usd: number;
  /** False when fal publishes no price and `usd` is our estimate. */
  published: boolean;
  /** Price multiplier by resolution; a resolution not listed costs ×1. */
  resolutionMultipliers?: Readonly<Record<string, number>>;
  /** Added once per request when web search is on. */
  webSearch?: { usd: number; published: boolean };
}

/** The parts of a per-image-priced input the price depends on (resolution already defaulted by the caller). */
export interface PerImageInput {
  num_images?: number;
  resolution?: string;
  enable_web_search?: boolean;
}

export function estimatePerImage(price: PerImagePrice, input: PerImageInput, output?: NormalizedOutput): CostEstimate {
  // Settled on the images actually returned. fal does not publish how it bills a text-only answer; we assume
  // per image returned, so a refusal with no image costs nothing for images.
  const count = output ? output.images.length : (input.num_images ?? 1);
  const multiplier = input.resolution === undefined ? 1 : (price.resolutionMultipliers?.[input.resolution] ?? 1);
  let usd = count * price.usd * multiplier;
  let published = price.published;

  const unit = price.published ? formatUsd(price.usd) : `${formatUsd(price.usd)} (estimate; fal publishes no price)`;
  const scaled = multiplier === 1 ? "" : ` × ${multiplier} (${input.resolution})`;
  const parts = [`${countOf(count, "image")}${output ? " returned" : ""} × ${unit}${scaled}`];
  if (input.enable_web_search && price.webSearch) {
    // Per request, so it stays even when no image comes back: the search ran either way.
    usd += price.webSearch.usd;
    published &&= price.webSearch.published;
    const assumed = price.webSearch.published ? "" : " (assumed; not published for this model)";
    parts.push(`${formatUsd(price.webSearch.usd)} web search per request${assumed}`);
  }
  return { usd: roundUsd(usd), published, breakdown: `${parts.join(" + ")} = ${formatUsd(usd)}` };
}

export function perImagePriceLabel(price: PerImagePrice): string {
  const base = `${formatUsd(price.usd)} per image`;
  if (!price.published) return `not published (≈${base})`;
  const multipliers = Object.entries(price.resolutionMultipliers ?? {})
    .filter(([, multiplier]) => multiplier !== 1)
    .map(([resolution, multiplier]) => `${resolution} ×${multiplier}`);
  const label = multipliers.length > 0 ? `${base} (${multipliers.join(", ")})` : base;
  if (!price.webSearch) return label;
  const assumed = price.webSearch.published ? "" : " (assumed)";
  return `${label}; web search +${formatUsd(price.webSearch.usd)} per request${assumed}`;
}

/** "$12.50", "$1,204.00"; a nonzero amount under a cent is "<$0.01". */
export function formatSpend(usd: number): string {
  const micros = Math.round(usd * 1_000_000);
  if (micros > 0 && micros < 10_000) return "<$0.01";
  const cents = Math.round(micros / 10_000);
  const dollars = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, "0");
  return `$${withThousands(dollars)}.${rest}`;
}

export function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Models that count as premium choices: the most expensive family. */
export const premiumModelIds: ReadonlySet<string> = new Set(["nano-banana-pro", "nano-banana-pro-edit"]);
