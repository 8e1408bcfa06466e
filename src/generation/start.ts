// From a command (or a button) to a running job: check everything that can be checked locally and answer
// mistakes ephemerally; otherwise admit the job under the server's policy (which records it and reserves
// its cost in one transaction), defer at once, and hand the job to the runner.
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from "discord.js";
import type { GenerationDeps } from "./deps.js";
import type { GenerationRequest, NormalizedOutput } from "../models/index.js";
import { limitProblems, permissionProblems, type JobAsk, type MemberFacts } from "../usage/index.js";
import { utcDay } from "../store/ledger.js";
import { inputImageProblems } from "./input-images.js";
import { personalise, type OpenOrder } from "./personal.js";
import { canManageServer, memberRoleIds } from "../discord/manage-server.js";
import { newReference } from "../discord/reference.js";
import { replyPrivately } from "../discord/reply-privately.js";

export type GenerationInteraction = ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction;

export interface GenerationOrder extends OpenOrder {
  /** The job this one was made from (re-roll, edit of a result, retry). */
  parentJobId?: number;
  /** /contest enter: the contest the result enters once delivered. */
  contestId?: number;
}

/** Discord's interaction tokens live 15 minutes. */
const interactionTokenLifetimeMs = 15 * 60 * 1000;

/** When the interaction's token stops working. */
export function tokenExpiresAtOf(interaction: GenerationInteraction): number {
  return interaction.createdTimestamp + interactionTokenLifetimeMs;
}

export async function refuse(interaction: GenerationInteraction, problems: readonly string[]): Promise<void> {
  const list = problems.map((problem) => `• ${problem}`).join("\n");
  await replyPrivately(interaction, `Nothing was sent to the model. Please change this:\n${list}`);
}

export async function tellRestarting(interaction: GenerationInteraction): Promise<void> {
  await replyPrivately(interaction, "The bot is restarting right now, so it cannot take new work. Please try again in a minute.");
}

function channelIsNsfw(interaction: GenerationInteraction): boolean {
  const { channel } = interaction;
  return Boolean(channel && "nsfw" in channel && channel.nsfw);
}

/** Where the member is and what they may do here, as the server's policy reads it. */
export function memberFacts(interaction: GenerationInteraction): MemberFacts {
  return {
    channelId: interaction.channelId ?? "",
    roleIds: memberRoleIds(interaction),
    canManageServer: canManageServer(interaction),
  };
}

/** Validates, admits, defers, and starts the job; resolves once the interaction is acknowledged. */
export async function startGeneration(interaction: GenerationInteraction, order: GenerationOrder, ctx: GenerationDeps): Promise<void> {
  const acknowledged = ctx.runner.acknowledging();
  try {
    await admitAndDefer(interaction, order, ctx);
  } finally {
    acknowledged();
  }
}

async function admitAndDefer(interaction: GenerationInteraction, order: GenerationOrder, ctx: GenerationDeps): Promise<void> {
  if (!ctx.runner.accepting) return tellRestarting(interaction);
  // Every command is server-only; a button under a result sent by direct message is not, and there the
  // server's limits and budget could not apply.
  if (!interaction.inGuild()) return refuse(interaction, ["Use the buttons in the server where the image was made: its limits apply there."]);
  const settings = await ctx.settings.get(interaction.guildId);
  const member = memberFacts(interaction);
  const personal = await personalise(order, settings, member, interaction.user.id, ctx);
  if (!personal.ok) return refuse(interaction, personal.problems);
  const { model, images, private: isPrivate } = personal;
  const request: GenerationRequest = { ...personal.request, ...(images.length ? { imageUrls: images.map((i) => i.url) } : {}) };
  const built = model.buildInput(request);
  const problems = [...inputImageProblems(images), ...(built.ok ? [] : built.problems.map((p) => p.message))];
  if (problems.length || !built.ok) return refuse(interaction, problems);

  const ask: JobAsk = { model, request, images: request.count ?? 1, usd: model.estimateCost(built.input).usd };
  const denied = permissionProblems(settings, member, ask);
  if (denied.length) return refuse(interaction, denied);

  const now = Date.now();
  const job = {
    ref: newReference(),
    modelId: model.id,
    endpoint: model.endpoint,
    request,
    input: built.input,
    requesterId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId ?? "",
    applicationId: interaction.applicationId,
    interactionId: interaction.id,
    interactionToken: interaction.token,
    tokenExpiresAt: tokenExpiresAtOf(interaction),
    ephemeral: isPrivate,
    channelNsfw: channelIsNsfw(interaction),
    uploadLimit: interaction.attachmentSizeLimit,
    costEstimate: ask.usd,
    nsfwPolicy: settings.nsfwPolicy,
    ...(order.parentJobId !== undefined ? { parentJobId: order.parentJobId } : {}),
    ...(order.contestId !== undefined ? { contestId: order.contestId } : {}),
  };
  // The job is recorded (with its cost reserved) before the defer, so no acknowledged interaction is ever without its job.
  const admitted = await ctx.ledger.admit<GenerationRequest, NormalizedOutput>({
    job,
    guildId: interaction.guildId,
    images: ask.images,
    usd: ask.usd,
    day: utcDay(now),
    decide: (totals) => limitProblems(settings, totals, ask, now),
  });
  if (!admitted.ok) return refuse(interaction, admitted.problems);
  try {
    const response = await interaction.deferReply({ ...(isPrivate ? { flags: MessageFlags.Ephemeral } : {}), withResponse: true });
    // The runner records the message id with the submission (one write fewer while interactions pour in).
    ctx.runner.start({ ...admitted.job, replyMessageId: response.resource?.message?.id ?? null });
  } catch (error) {
    await ctx.jobs.markFailed(admitted.job.id, { kind: "unknown", message: "the interaction could not be acknowledged" });
    throw error;
  }
}
