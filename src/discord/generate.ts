// From a validated command to a running job: check everything that can be checked locally, answer
// mistakes ephemerally, otherwise defer at once and run the job behind the deferred reply.
import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type GuildTextBasedChannel,
  type ModalSubmitInteraction,
} from "discord.js";
import type { AppContext } from "../context.js";
import { runGeneration, type JobPhase } from "../jobs/generation.js";
import type { GenerationRequest, ModelDefinition } from "../models/types.js";
import { failureText } from "./failure-text.js";
import { inputImageProblems, type InputImage } from "./input-images.js";
import { progressText, quote } from "./progress-text.js";
import { newReference } from "./reference.js";
import { resultMessage } from "./result-message.js";
import { ThrottledEditor } from "./throttled-editor.js";

export type GenerationInteraction = ChatInputCommandInteraction | ModalSubmitInteraction;

export interface GenerationOrder {
  model: ModelDefinition;
  request: Omit<GenerationRequest, "imageUrls">;
  images: readonly InputImage[];
  private: boolean;
}

export async function refuse(interaction: GenerationInteraction, problems: readonly string[]): Promise<void> {
  const list = problems.map((problem) => `• ${problem}`).join("\n");
  await interaction.reply({ content: `Nothing was sent to the model. Please change this:\n${list}`.slice(0, 2000), flags: MessageFlags.Ephemeral });
}

/** Validates, defers, and starts the job; resolves once the interaction is acknowledged. */
export async function startGeneration(interaction: GenerationInteraction, order: GenerationOrder, ctx: AppContext): Promise<void> {
  const request: GenerationRequest = { ...order.request, ...(order.images.length ? { imageUrls: order.images.map((i) => i.url) } : {}) };
  const imageProblems = inputImageProblems(order.images);
  const built = order.model.buildInput(request);
  const problems = [...imageProblems, ...(built.ok ? [] : built.problems.map((p) => p.message))];
  if (problems.length || !built.ok) return refuse(interaction, problems);

  await interaction.deferReply(order.private ? { flags: MessageFlags.Ephemeral } : {});
  void followJob(interaction, order.model, request, built.input, ctx);
}

function channelIsNsfw(interaction: GenerationInteraction): boolean {
  const channel = interaction.channel as GuildTextBasedChannel | null;
  return Boolean(channel && "nsfw" in channel && channel.nsfw);
}

async function followJob(
  interaction: GenerationInteraction,
  model: ModelDefinition,
  request: GenerationRequest,
  input: Record<string, unknown>,
  ctx: AppContext,
): Promise<void> {
  const ref = newReference();
  const log = ctx.log.child({ job: ref });
  const header = `**${model.name}** · ${quote(request.prompt, 150)}`;
  const editor = new ThrottledEditor(
    async (content) => void (await interaction.editReply({ content })),
    ctx.config.PROGRESS_INTERVAL_MS,
    (error) => log.warn({ err: error }, "a progress edit failed"),
  );
  let phase: JobPhase = { phase: "queued" };
  const render = () => editor.show(progressText(header, phase, performance.now()));
  const ticker = setInterval(render, ctx.config.PROGRESS_INTERVAL_MS);
  render();
  try {
    const outcome = await runGeneration(
      { ref, model, input, uploadLimitBytes: interaction.attachmentSizeLimit, withholdNsfw: !channelIsNsfw(interaction) },
      { fal: ctx.fal, log: ctx.log, runTimes: ctx.runTimes, timeoutMs: ctx.config.JOB_TIMEOUT_MS, uploadInputs: ctx.config.IMAGE_INPUT === "upload" },
      (next) => {
        phase = next;
        render();
      },
    );
    clearInterval(ticker);
    await editor.close();
    if (outcome.ok) await interaction.editReply(resultMessage(model, request, outcome));
    else await interaction.editReply({ content: failureText(outcome.failure, ref), embeds: [], files: [] });
  } catch (error) {
    log.error({ err: error }, "delivering the result failed");
  } finally {
    clearInterval(ticker);
    await editor.close();
  }
}
