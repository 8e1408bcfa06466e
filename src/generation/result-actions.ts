// The actions on one image of a result: Upscale (2K, 4K) with the catalog's upscaler; Vary (Subtle, Strong), Zoom out
// (1.5×, 2×) and Pan (left, right, up, down) with the edit model of the result (or the server's default edit model).
// Each is a new job, started like any other (admitted under the server's policy, charged to whoever pressed), in a
// new reply to the press, private when the result was. "⋯ n" on a set opens image n's actions in a private panel.
import { MessageFlags, type ButtonInteraction } from "discord.js";
import type { GenerationDeps } from "./deps.js";
import { editModelOf, upscaleFactorBounds, type CanvasExpansion, type GenerationRequest, type ModelDefinition, type OutputImage } from "../models/index.js";
import type { JobRecord } from "./job.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { startGeneration } from "./start.js";
import { imageActionRows, type ResultAction } from "./result-buttons.js";
import { offeredImage } from "./result-images.js";
import { actionSourceUrl } from "./action-source.js";
import { resolveLocale, t } from "../i18n/index.js";

/** The long side an upscale reaches. */
const upscaleTargets = { upscale2k: { side: 2048, label: "2K" }, upscale4k: { side: 4096, label: "4K" } } as const;

/** How much of the parent's prompt goes into a new one: with the instructions around it, it fits every edit model. */
const parentPromptChars = 1000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The member's words a result was made from: an action's result keeps those of the result it came from. */
function basePromptOf(job: JobRecord): string {
  return job.request.action?.basePrompt ?? job.request.prompt;
}

/** The long side of an image made at a requested resolution (Gemini's 0.5K to 4K). */
const resolutionSides: Record<string, number> = { "0.5K": 512, "1K": 1024, "2K": 2048, "4K": 4096 };

/**
 * The long side of a result's image: the size fal reported for it, else the one its request asked for (0.5K to 4K),
 * else 1024 (a 1K image).
 */
export function longSideOf(image: Pick<OutputImage, "width" | "height">, resolution: string | undefined): number {
  if (image.width && image.height) return Math.max(image.width, image.height);
  return (resolution !== undefined ? resolutionSides[resolution] : undefined) ?? 1024;
}

/**
 * The upscale factor that brings the image's long side to 2048 (2K) or 4096 (4K) px, rounded up to 4 decimals so that
 * the long side reaches it; at most fal's 10 (a tiny image then stays below the target).
 */
export function upscaleFactor(image: Pick<OutputImage, "width" | "height">, action: "upscale2k" | "upscale4k", resolution?: string): number {
  const { side } = upscaleTargets[action];
  const factor = Math.ceil((side / longSideOf(image, resolution)) * 10_000) / 10_000;
  return Math.min(upscaleFactorBounds.max, factor);
}

export function varyPrompt(parentPrompt: string, strength: "subtle" | "strong"): string {
  const scene = clip(parentPrompt.trim(), parentPromptChars);
  return strength === "subtle"
    ? `Make a subtle variation of this image. Keep its composition, subjects, framing, colours and style exactly; change only small details, as another take of the same shot would. The image was made from this prompt: ${scene}`
    : `Make a strong variation of this image: reinterpret it with a new composition, pose, camera angle and lighting, keeping the same subject and idea. The image was made from this prompt: ${scene}`;
}

const panWording = {
  left: { sits: "at the right edge of a wider canvas", area: "to its left" },
  right: { sits: "at the left edge of a wider canvas", area: "to its right" },
  up: { sits: "at the bottom of a taller canvas", area: "above it" },
  down: { sits: "at the top of a taller canvas", area: "below it" },
} as const;

export function canvasPrompt(parentPrompt: string, expansion: CanvasExpansion): string {
  const scene = clip(parentPrompt.trim(), parentPromptChars);
  const where =
    expansion.kind === "zoom"
      ? { sits: "in the middle of a larger canvas", area: "around it", step: "Zoom out" }
      : { ...panWording[expansion.direction], step: `Extend the scene ${expansion.direction === "up" || expansion.direction === "down" ? expansion.direction + "wards" : "to the " + expansion.direction}` };
  return (
    `The picture sits ${where.sits}; the flat grey area ${where.area} is empty. ${where.step}: fill the grey area by continuing the scene naturally, ` +
    `matching its style, lighting and perspective, with no border or seam. Keep the original picture exactly as it is, where it is. ` +
    `The scene was made from this prompt: ${scene}`
  );
}

const canvasActions: Partial<Record<ResultAction, CanvasExpansion>> = {
  zoom15: { kind: "zoom", factor: 1.5 },
  zoom2: { kind: "zoom", factor: 2 },
  "pan-left": { kind: "pan", direction: "left" },
  "pan-right": { kind: "pan", direction: "right" },
  "pan-up": { kind: "pan", direction: "up" },
  "pan-down": { kind: "pan", direction: "down" },
};

/** What of the result's own request an edit of it keeps: its resolution and format, where the edit model takes them. */
function carried(job: JobRecord, model: ModelDefinition | undefined): Partial<GenerationRequest> {
  const { resolution, format } = job.request;
  return {
    ...(resolution !== undefined && model?.options.resolutions?.includes(resolution) ? { resolution } : {}),
    ...(format !== undefined && model?.options.formats?.includes(format) ? { format } : {}),
  };
}

async function upscale(interaction: ButtonInteraction, ctx: GenerationDeps, job: JobRecord, image: OutputImage, position: number, action: "upscale2k" | "upscale4k") {
  const locale = resolveLocale(interaction.locale);
  const basePrompt = basePromptOf(job);
  const model = ctx.catalog.list("upscale")[0];
  if (!model) return replyPrivately(interaction, t(locale, "generation.action.noUpscaler"));
  const { side, label } = upscaleTargets[action];
  if (longSideOf(image, job.request.resolution) >= side) {
    const values = { target: label, larger: action === "upscale2k" ? "yes" : "no" };
    const text =
      image.width && image.height
        ? t(locale, "generation.action.alreadyLargeSized", { ...values, width: String(image.width), height: String(image.height) })
        : t(locale, "generation.action.alreadyLargeMadeAt", { ...values, resolution: job.request.resolution ?? "1K" });
    return replyPrivately(interaction, text);
  }
  await startGeneration(
    interaction,
    {
      kind: "upscale",
      model,
      // SeedVR2 takes no prompt: the result's words only label the new one.
      request: { prompt: basePrompt, upscaleFactor: upscaleFactor(image, action, job.request.resolution), action: { label: t(locale, "job.buttonUpscale", { size: label }), basePrompt } },
      images: [{ label: t(locale, "generation.image.ofResult", { n: position }), url: await actionSourceUrl(interaction.client, ctx.log, job, image, position) }],
      private: job.ephemeral,
      parentJobId: job.id,
    },
    ctx,
  );
}

async function editOf(interaction: ButtonInteraction, ctx: GenerationDeps, job: JobRecord, source: string, position: number, request: GenerationRequest) {
  const model = editModelOf(ctx.catalog.get(job.modelId), ctx.catalog);
  await startGeneration(
    interaction,
    {
      kind: "edit",
      ...(model ? { model } : {}),
      request: { ...carried(job, model), ...request },
      images: [{ label: t(resolveLocale(interaction.locale), "generation.image.ofResult", { n: position }), url: source }],
      private: job.ephemeral,
      parentJobId: job.id,
    },
    ctx,
  );
}

/** A press of an action on image `positionArg` (1-based, as in the message) of the job's result. */
export async function runResultAction(
  interaction: ButtonInteraction,
  ctx: GenerationDeps,
  job: JobRecord,
  action: ResultAction,
  positionArg: string | undefined,
): Promise<void> {
  // The new job speaks the presser's language, and so does the action's name in its prompt line.
  const locale = resolveLocale(interaction.locale);
  const position = Number(positionArg ?? "1");
  const image = offeredImage(job, position);
  if (!image) return replyPrivately(interaction, t(locale, "generation.action.imageNotOffered"));
  switch (action) {
    case "more":
      await interaction.reply({ content: t(locale, "generation.action.panel", { position }), components: imageActionRows(job.ref, position, locale), flags: MessageFlags.Ephemeral });
      return;
    case "upscale2k":
    case "upscale4k":
      return upscale(interaction, ctx, job, image, position, action);
    case "vary-subtle":
    case "vary-strong":
      return editOf(interaction, ctx, job, await actionSourceUrl(interaction.client, ctx.log, job, image, position), position, {
        prompt: varyPrompt(basePromptOf(job), action === "vary-subtle" ? "subtle" : "strong"),
        action: { label: t(locale, action === "vary-subtle" ? "job.buttonVarySubtle" : "job.buttonVaryStrong"), basePrompt: basePromptOf(job) },
      });
    default: {
      const expansion = canvasActions[action]!;
      const model = editModelOf(ctx.catalog.get(job.modelId), ctx.catalog);
      // Gemini's edits follow the input's shape with "auto": the output takes the canvas's shape.
      const auto = model?.options.aspectRatios?.includes("auto") ? { aspectRatio: "auto" } : {};
      const source = await actionSourceUrl(interaction.client, ctx.log, job, image, position);
      const canvas = { ...expansion, source };
      const label =
        expansion.kind === "zoom"
          ? t(locale, "job.buttonZoomOut", { factor: expansion.factor })
          : t(locale, "job.actionPan", { direction: expansion.direction });
      return editOf(interaction, ctx, job, source, position, {
        prompt: canvasPrompt(basePromptOf(job), expansion),
        canvas,
        ...auto,
        action: { label, basePrompt: basePromptOf(job) },
      });
    }
  }
}
