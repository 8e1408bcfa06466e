// Describe: a job that asks the catalog's vision model for prompts that would make an image like the member's, and
// the Run buttons under its answer, each of which starts an /imagine of one prompt. Both are jobs like any other,
// admitted, charged and delivered through startGeneration.
import type { ButtonInteraction } from "discord.js";
import type { Catalog, ModelDefinition, NormalizedOutput } from "../models/index.js";
import { replyPrivately } from "../discord/reply-privately.js";
import type { GenerationDeps } from "./deps.js";
import { DESCRIBE_INSTRUCTION, describedPrompts } from "./describe-prompts.js";
import type { InputImage } from "./input-images.js";
import type { JobRecord } from "./job.js";
import { startGeneration, type GenerationInteraction } from "./start.js";
import { resolveLocale, t } from "../i18n/index.js";

/** The prompts of a Describe's answer, each no longer than every text-to-image model takes. */
export function promptsOfDescribe(output: NormalizedOutput, catalog: Catalog): string[] {
  const maxLength = Math.min(...catalog.list("text-to-image").map((model) => model.maxPromptLength));
  return describedPrompts(output.description, maxLength);
}

/** Starts a Describe of `image` (the first image of a message, or /describe's attachment). */
export async function startDescribe(
  interaction: GenerationInteraction,
  image: InputImage,
  isPrivate: boolean | null,
  ctx: GenerationDeps,
): Promise<void> {
  await startGeneration(
    interaction,
    {
      kind: "vision",
      model: ctx.catalog.defaultFor("vision"),
      request: { prompt: DESCRIBE_INSTRUCTION },
      images: [image],
      ...(isPrivate !== null ? { private: isPrivate } : {}),
    },
    ctx,
  );
}

/** "Run n" under a Describe: prompt n as a new /imagine on the server's default model, charged to whoever pressed. */
export async function runDescribedPrompt(
  interaction: ButtonInteraction,
  ctx: GenerationDeps,
  { job, model }: { job: JobRecord; model: ModelDefinition },
  which: string | undefined,
): Promise<void> {
  const prompts = job.result && model.kind === "vision" ? promptsOfDescribe(job.result, ctx.catalog) : [];
  const n = Number(which);
  const prompt = Number.isInteger(n) ? prompts[n - 1] : undefined;
  if (!prompt) return replyPrivately(interaction, t(resolveLocale(interaction.locale), "describe.noPrompt"));
  await startGeneration(
    interaction,
    { kind: "text-to-image", request: { prompt }, images: [], private: job.ephemeral, parentJobId: job.id },
    ctx,
  );
}
