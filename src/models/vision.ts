// openrouter/router/vision: fal's router to vision language models (served by OpenRouter), which reads images and
// answers a question about them in words. falcord uses it for Describe, with Google's Gemini 2.5 Flash.
//
// Facts, from fal's API reference (fal.ai/docs/model-api-reference/vision-api/openrouter-router and the model page
// fal.ai/models/openrouter/router/vision/api), checked 2026-12-03:
// - input: image_urls (list of URLs, required), prompt (required), model (required, e.g. "google/gemini-2.5-flash",
//   "charged based on actual token usage"), system_prompt (optional), reasoning (default false), temperature (0–2,
//   default 1), max_tokens (optional integer);
// - output: output (the answer, required) and usage (UsageInfo, required), whose example carries completion_tokens,
//   prompt_tokens, total_tokens and cost (USD: 0.0005595 for one image and a 63-token caption);
// - price: "charged based on the number of input and output tokens"; fal publishes no rate. OpenRouter lists Gemini
//   2.5 Flash at $0.30 per million input and $2.50 per million output tokens, which fits fal's example's cost.
import { z } from "zod";
import { defineModel } from "./define-model.js";
import type { ModelFamily } from "./lookup.js";
import { parseOutput } from "./output.js";
import type { CostEstimate, NormalizedOutput, TokenUsage } from "./types.js";

const ENDPOINT = "openrouter/router/vision";

/** The vision model behind the router: quick, cheap, and good at reading pictures. */
const ROUTED_MODEL = "google/gemini-2.5-flash";

/** The answer's cap: prompts for four images fit many times over, with room for the model's own reasoning. */
const MAX_TOKENS = 2000;

/** What falcord asks is its own, so the cap is ours: room for an instruction, and far under the model's context. */
const MAX_PROMPT_LENGTH = 4000;

const SYSTEM_PROMPT =
  "Answer only what is asked, in plain text without markdown, with no introduction and no closing remarks.";

const inputSchema = z.strictObject({
  image_urls: z.array(z.string().min(1)).min(1),
  prompt: z.string().min(1).max(MAX_PROMPT_LENGTH),
  system_prompt: z.string().optional(),
  model: z.string().min(1),
  reasoning: z.boolean().default(false),
  temperature: z.number().min(0).max(2).default(1),
  max_tokens: z.int().min(1).optional(),
});

export type VisionInput = z.input<typeof inputSchema>;

const usageSchema = z.object({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  cost: z.number().nullish(),
});

const outputSchema = z.object({
  output: z.string(),
  // Published as required; a missing one only means the cost is estimated.
  usage: usageSchema.nullish(),
});

function normalizeOutput(raw: unknown): NormalizedOutput {
  const { output, usage } = parseOutput(outputSchema, raw, ENDPOINT);
  const tokens: TokenUsage = {};
  if (usage?.prompt_tokens != null) tokens.promptTokens = usage.prompt_tokens;
  if (usage?.completion_tokens != null) tokens.completionTokens = usage.completion_tokens;
  if (usage?.cost != null) tokens.costUsd = usage.cost;
  return { images: [], description: output, ...(Object.keys(tokens).length > 0 && { usage: tokens }) };
}

/** OpenRouter's list price for Gemini 2.5 Flash, USD per token (fal publishes none of its own). */
const rates = { input: 0.3 / 1_000_000, output: 2.5 / 1_000_000 };

/** An image is about 1,300 tokens to Gemini (fal's example: about 1,340 with its prompt); the instruction a few hundred more. */
const ESTIMATED_INPUT_TOKENS_PER_IMAGE = 1300;
const ESTIMATED_INSTRUCTION_TOKENS = 400;

/** Token prices are fractions of a cent: kept to the micro-dollar, as the ledger counts. */
const micros = (usd: number) => Math.round(usd * 1_000_000) / 1_000_000;
const dollars = (usd: number) => `$${micros(usd)}`;

function estimateCost(input: VisionInput, output?: NormalizedOutput): CostEstimate {
  const usage = output?.usage;
  if (usage?.costUsd !== undefined) {
    const tokens = `${usage.promptTokens ?? "?"} input + ${usage.completionTokens ?? "?"} output tokens`;
    return { usd: micros(usage.costUsd), published: true, breakdown: `${tokens}, as fal billed them: ${dollars(usage.costUsd)}` };
  }
  if (usage?.promptTokens !== undefined && usage.completionTokens !== undefined) {
    const usd = usage.promptTokens * rates.input + usage.completionTokens * rates.output;
    return {
      usd: micros(usd),
      published: false,
      breakdown: `${usage.promptTokens} input + ${usage.completionTokens} output tokens at OpenRouter's list prices (fal reported no cost) = ${dollars(usd)}`,
    };
  }
  // Before the run (or without fal's usage): the most the answer can cost, its tokens capped by max_tokens.
  const inputTokens = input.image_urls.length * ESTIMATED_INPUT_TOKENS_PER_IMAGE + ESTIMATED_INSTRUCTION_TOKENS;
  const outputTokens = input.max_tokens ?? MAX_TOKENS;
  const usd = inputTokens * rates.input + outputTokens * rates.output;
  const why = output ? "fal reported no token usage" : "fal bills by tokens and publishes no fixed price";
  return {
    usd: micros(usd),
    published: false,
    breakdown: `estimate (${why}): about ${inputTokens} input + at most ${outputTokens} output tokens at OpenRouter's list prices = ${dollars(usd)}`,
  };
}

export const visionModels: ModelFamily = (lookup) => [
  defineModel<VisionInput>(
    {
      id: "gemini-25-flash-vision",
      endpoint: ENDPOINT,
      name: "Describe (Gemini 2.5 Flash)",
      summary: "Reads an image and writes prompts that would make one like it (/describe and the Describe menu).",
      kind: "vision",
      // Describe asks about one image at a time.
      inputImages: { min: 1, max: 1, field: "image_urls" },
      options: { seed: false, negativePrompt: false, safetyChecker: false, webSearch: false },
      maxPromptLength: MAX_PROMPT_LENGTH,
      inputSchema,
      fixedInput: { model: ROUTED_MODEL, system_prompt: SYSTEM_PROMPT, max_tokens: MAX_TOKENS },
      normalizeOutput,
      estimateCost,
      priceLabel: `billed by tokens (no published price): usually about $0.001 a description, at most ${dollars(estimateCost({ image_urls: ["x"], prompt: "x", model: ROUTED_MODEL }).usd)}`,
    },
    lookup,
  ),
];
