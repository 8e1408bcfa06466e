// From a command (or a button) to a running job: check everything that can be checked locally and answer
// mistakes ephemerally; otherwise admit the job under the server's policy (which records it and reserves
// its cost in one transaction), defer at once, and hand the job to the runner. A member's message (reply to
// edit) goes the same way through its own JobOrigin (message-origin.ts).
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type Message,
  type ModalSubmitInteraction,
} from "discord.js";
import type { GenerationDeps } from "./deps.js";
import type { GenerationRequest, ModelDefinition, NormalizedOutput } from "../models/index.js";
import { limitProblems, permissionProblems, type JobAsk, type MemberFacts } from "../usage/index.js";
import { utcDay } from "../store/ledger.js";
import { inputImageProblems } from "./input-images.js";
import type { JobRecord, NewJob } from "./job.js";
import { personalise, type OpenOrder } from "./personal.js";
import { canManageServer, memberRoleIds } from "../discord/manage-server.js";
import { newReference } from "../discord/reference.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { resolveLocale } from "../i18n/index.js";

export type GenerationInteraction =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ModalSubmitInteraction
  | ButtonInteraction;

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

/** What a refusal says, wherever it is shown. */
export function refusalText(problems: readonly string[]): string {
  const list = problems.map((problem) => `• ${problem}`).join("\n");
  return `Nothing was sent to the model. Please change this:\n${list}`;
}

export async function refuse(interaction: GenerationInteraction, problems: readonly string[]): Promise<void> {
  await replyPrivately(interaction, refusalText(problems));
}

export const restartingText = "The bot is restarting right now, so it cannot take new work. Please try again in a minute.";

export async function tellRestarting(interaction: GenerationInteraction): Promise<void> {
  await replyPrivately(interaction, restartingText);
}

/**
 * Where a job comes from and how to answer there: an interaction (commands, buttons, forms) or a member's message
 * (a reply to a result, see reply-to-edit.ts). Admission is the same for every origin.
 */
export interface JobOrigin {
  userId: string;
  /** Null outside a server. */
  guildId: string | null;
  member: MemberFacts;
  channelNsfw: boolean;
  /** The largest file the result may upload there. */
  uploadLimit: number;
  /** The interaction the job's reply is reached through while its token lasts (a message's has none: expired at 0). */
  via: Pick<NewJob, "applicationId" | "interactionId" | "interactionToken" | "tokenExpiresAt">;
  refuse(problems: readonly string[]): Promise<void>;
  tellRestarting(): Promise<void>;
  /** Acknowledges the admitted job where the member asked; resolves with its reply's message id when known. */
  acknowledge(job: JobRecord, model: ModelDefinition, isPrivate: boolean): Promise<string | null>;
}

function interactionOrigin(interaction: GenerationInteraction): JobOrigin {
  return {
    userId: interaction.user.id,
    guildId: interaction.inGuild() ? interaction.guildId : null,
    member: memberFacts(interaction),
    channelNsfw: channelIsNsfw(interaction),
    uploadLimit: interaction.attachmentSizeLimit,
    via: {
      applicationId: interaction.applicationId,
      interactionId: interaction.id,
      interactionToken: interaction.token,
      tokenExpiresAt: tokenExpiresAtOf(interaction),
    },
    refuse: (problems) => refuse(interaction, problems),
    tellRestarting: () => tellRestarting(interaction),
    async acknowledge(_job, _model, isPrivate) {
      const response = await interaction.deferReply({ ...(isPrivate ? { flags: MessageFlags.Ephemeral } : {}), withResponse: true });
      return response.resource?.message?.id ?? null;
    },
  };
}

export function channelIsNsfw({ channel }: Pick<GenerationInteraction | Message, "channel">): boolean {
  return Boolean(channel && "nsfw" in channel && channel.nsfw);
}

/** Where the member is and what they may do here, as the server's policy reads it. */
export function memberFacts(interaction: GenerationInteraction): MemberFacts {
  return {
    channelId: interaction.channelId ?? "",
    roleIds: memberRoleIds(interaction),
    canManageServer: canManageServer(interaction),
    locale: resolveLocale(interaction.locale),
  };
}

/** Validates, admits, defers, and starts the job; resolves once the interaction is acknowledged. */
export async function startGeneration(interaction: GenerationInteraction, order: GenerationOrder, ctx: GenerationDeps): Promise<void> {
  await startJob(interactionOrigin(interaction), order, ctx);
}

/** Validates, admits, acknowledges where the member asked (see JobOrigin), and starts the job. */
export async function startJob(origin: JobOrigin, order: GenerationOrder, ctx: GenerationDeps): Promise<void> {
  const acknowledged = ctx.runner.acknowledging();
  try {
    await admitAndAcknowledge(origin, order, ctx);
  } finally {
    acknowledged();
  }
}

async function admitAndAcknowledge(origin: JobOrigin, order: GenerationOrder, ctx: GenerationDeps): Promise<void> {
  if (!ctx.runner.accepting) return origin.tellRestarting();
  // Every command is server-only; a button under a result sent by direct message is not, and there the
  // server's limits and budget could not apply.
  const { guildId } = origin;
  if (guildId === null) return origin.refuse(["Use the buttons in the server where the image was made: its limits apply there."]);
  const settings = await ctx.settings.get(guildId);
  const personal = await personalise(order, settings, origin.member, origin.userId, ctx);
  if (!personal.ok) return origin.refuse(personal.problems);
  const { model, images, private: isPrivate } = personal;
  const request: GenerationRequest = { ...personal.request, ...(images.length ? { imageUrls: images.map((i) => i.url) } : {}) };
  const built = model.buildInput(request);
  const problems = [...inputImageProblems(images), ...(built.ok ? [] : built.problems.map((p) => p.message))];
  if (problems.length || !built.ok) return origin.refuse(problems);

  // A vision model answers in words: it makes no image to count against the daily quota.
  const ask: JobAsk = { model, request, images: model.kind === "vision" ? 0 : (request.count ?? 1), usd: model.estimateCost(built.input).usd };
  const denied = permissionProblems(settings, origin.member, ask);
  if (denied.length) return origin.refuse(denied);

  const now = Date.now();
  const job = {
    ref: newReference(),
    modelId: model.id,
    endpoint: model.endpoint,
    request,
    input: built.input,
    requesterId: origin.userId,
    guildId,
    channelId: origin.member.channelId,
    ...origin.via,
    ephemeral: isPrivate,
    channelNsfw: origin.channelNsfw,
    uploadLimit: origin.uploadLimit,
    costEstimate: ask.usd,
    nsfwPolicy: settings.nsfwPolicy,
    ...(order.parentJobId !== undefined ? { parentJobId: order.parentJobId } : {}),
    ...(order.contestId !== undefined ? { contestId: order.contestId } : {}),
  };
  // The job is recorded (with its cost reserved) before the acknowledgement, so no acknowledged request is ever without its job.
  const admitted = await ctx.ledger.admit<GenerationRequest, NormalizedOutput>({
    job,
    guildId,
    images: ask.images,
    usd: ask.usd,
    day: utcDay(now),
    decide: (totals) => limitProblems(settings, totals, ask, now, origin.member.locale),
  });
  if (!admitted.ok) return origin.refuse(admitted.problems);
  try {
    const replyMessageId = await origin.acknowledge(admitted.job, model, isPrivate);
    // The runner records the message id with the submission (one write fewer while interactions pour in).
    ctx.runner.start({ ...admitted.job, replyMessageId });
  } catch (error) {
    await ctx.jobs.markFailed(admitted.job.id, { kind: "unknown", message: "the request could not be acknowledged" });
    throw error;
  }
}
