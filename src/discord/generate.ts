// From a command (or a button) to a running job: check everything that can be checked locally and answer
// mistakes ephemerally; otherwise record the job, defer at once, and hand the job to the runner.
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type GuildTextBasedChannel,
  type ModalSubmitInteraction,
} from "discord.js";
import type { AppContext } from "../context.js";
import type { GenerationRequest, ModelDefinition } from "../models/types.js";
import { inputImageProblems, type InputImage } from "./input-images.js";
import { newReference } from "./reference.js";

export type GenerationInteraction = ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction;

export interface GenerationOrder {
  model: ModelDefinition;
  request: Omit<GenerationRequest, "imageUrls">;
  images: readonly InputImage[];
  private: boolean;
  /** The job this one was made from (re-roll, edit of a result, retry). */
  parentJobId?: number;
}

/** Discord's interaction tokens live 15 minutes. */
const interactionTokenLifetimeMs = 15 * 60 * 1000;

export async function refuse(interaction: GenerationInteraction, problems: readonly string[]): Promise<void> {
  const list = problems.map((problem) => `• ${problem}`).join("\n");
  await interaction.reply({ content: `Nothing was sent to the model. Please change this:\n${list}`.slice(0, 2000), flags: MessageFlags.Ephemeral });
}

export async function tellRestarting(interaction: GenerationInteraction): Promise<void> {
  await interaction.reply({
    content: "The bot is restarting right now, so it cannot take new work. Please try again in a minute.",
    flags: MessageFlags.Ephemeral,
  });
}

function channelIsNsfw(interaction: GenerationInteraction): boolean {
  const channel = interaction.channel as GuildTextBasedChannel | null;
  return Boolean(channel && "nsfw" in channel && channel.nsfw);
}

/** Validates, records, defers, and starts the job; resolves once the interaction is acknowledged. */
export async function startGeneration(interaction: GenerationInteraction, order: GenerationOrder, ctx: AppContext): Promise<void> {
  if (!ctx.runner.accepting) return tellRestarting(interaction);
  const request: GenerationRequest = { ...order.request, ...(order.images.length ? { imageUrls: order.images.map((i) => i.url) } : {}) };
  const imageProblems = inputImageProblems(order.images);
  const built = order.model.buildInput(request);
  const problems = [...imageProblems, ...(built.ok ? [] : built.problems.map((p) => p.message))];
  if (problems.length || !built.ok) return refuse(interaction, problems);

  // The job is recorded before the defer, so no acknowledged interaction is ever without its job.
  const job = await ctx.jobs.create({
    ref: newReference(),
    modelId: order.model.id,
    endpoint: order.model.endpoint,
    request,
    input: built.input,
    requesterId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId ?? "",
    applicationId: interaction.applicationId,
    interactionId: interaction.id,
    interactionToken: interaction.token,
    tokenExpiresAt: interaction.createdTimestamp + interactionTokenLifetimeMs,
    ephemeral: order.private,
    channelNsfw: channelIsNsfw(interaction),
    uploadLimit: interaction.attachmentSizeLimit,
    costEstimate: order.model.estimateCost(built.input).usd,
    ...(order.parentJobId !== undefined ? { parentJobId: order.parentJobId } : {}),
  });
  try {
    const response = await interaction.deferReply({ ...(order.private ? { flags: MessageFlags.Ephemeral } : {}), withResponse: true });
    const messageId = response.resource?.message?.id ?? null;
    if (messageId) await ctx.jobs.setReplyMessageId(job.id, messageId);
    ctx.runner.start({ ...job, replyMessageId: messageId });
  } catch (error) {
    await ctx.jobs.markFailed(job.id, { kind: "unknown", message: "the interaction could not be acknowledged" });
    throw error;
  }
}
