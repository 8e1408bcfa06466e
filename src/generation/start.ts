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
import {
  limitProblems,
  ownInstallLimitWords,
  permissionProblems,
  serverLimitWords,
  userInstallSettings,
  type JobAsk,
  type MemberFacts,
} from "../usage/index.js";
import { memberSpendKey, utcDay } from "../store/ledger.js";
import { installPlace, type InstallPlace } from "../discord/install-place.js";
import { resolveLocale, t, type SupportedLocale } from "../i18n/index.js";
import { inputImageProblems } from "./input-images.js";
import { cutoutCost, cutoutModelFor } from "./cutout.js";
import type { JobRecord, NewJob } from "./job.js";
import { personalise, type OpenOrder } from "./personal.js";
import { canManageServer, memberRoleIds } from "../discord/manage-server.js";
import { newReference } from "../discord/reference.js";
import { replyPrivately } from "../discord/reply-privately.js";

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
export function refusalText(locale: SupportedLocale, problems: readonly string[]): string {
  return t(locale, "generation.refused", { problems: problems.map((problem) => `• ${problem}`).join("\n") });
}

export async function refuse(interaction: GenerationInteraction, problems: readonly string[]): Promise<void> {
  await replyPrivately(interaction, refusalText(resolveLocale(interaction.locale), problems));
}

export const restartingText = (locale: SupportedLocale) => t(locale, "generation.restarting");

export async function tellRestarting(interaction: GenerationInteraction): Promise<void> {
  await replyPrivately(interaction, restartingText(resolveLocale(interaction.locale)));
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
  /** The language the job's reply speaks all its life. */
  locale: SupportedLocale;
  /** The interaction the job's reply is reached through while its token lasts (a message's has none: expired at 0). */
  via: Pick<NewJob, "applicationId" | "interactionId" | "interactionToken" | "tokenExpiresAt">;
  refuse(problems: readonly string[]): Promise<void>;
  tellRestarting(): Promise<void>;
  /**
   * Which installs reach the place (an interaction tells; a member's message comes only where the bot is): without a
   * server's install no server settings apply, and the operator's user-install limits do.
   */
  install?: InstallPlace;
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
    // The member who asked (for a button, the one who pressed it).
    locale: resolveLocale(interaction.locale),
    via: {
      applicationId: interaction.applicationId,
      interactionId: interaction.id,
      interactionToken: interaction.token,
      tokenExpiresAt: tokenExpiresAtOf(interaction),
    },
    install: installPlace(interaction),
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
  // No server installed the bot here (the member's own install, in DMs, group DMs or another server): the operator's
  // limits apply, per member, and the spend is counted against the member.
  const own = origin.install?.serverId === null ? origin.install : undefined;
  const { guildId } = origin;
  if (!own && guildId === null) return origin.refuse([t(origin.locale, "generation.buttonsInServer")]);
  const settings = own || guildId === null ? userInstallSettings(ctx.userInstall) : await ctx.settings.get(guildId);
  const personal = await personalise(order, settings, origin.member, origin.userId, ctx, origin.locale);
  if (!personal.ok) return origin.refuse(personal.problems);
  const { model, images } = personal;
  // Where Discord makes every reply private, the job is recorded as private (and its reply says why).
  const isPrivate = personal.private || Boolean(own?.forcedPrivate);
  const request: GenerationRequest = { ...personal.request, ...(images.length ? { imageUrls: images.map((i) => i.url) } : {}) };
  const built = model.buildInput(request, origin.locale);
  const problems = [...inputImageProblems(images, origin.locale), ...(built.ok ? [] : built.problems.map((p) => p.message))];
  if (problems.length || !built.ok) return origin.refuse(problems);

  // A vision model answers in words: it makes no image to count against the daily quota.
  // An asset without its background adds the background removal's price, and the server must allow that model too.
  const cutout = cutoutModelFor(ctx.catalog, model, request);
  const usd = model.estimateCost(built.input).usd + cutoutCost(cutout);
  const ask: JobAsk = { model, request, images: model.kind === "vision" ? 0 : (request.count ?? 1), usd };
  const words = own ? ownInstallLimitWords : serverLimitWords;
  const denied = [...new Set([...permissionProblems(settings, origin.member, ask, words), ...(cutout ? permissionProblems(settings, origin.member, { ...ask, model: cutout }, words) : [])])];
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
    locale: origin.locale,
    costEstimate: ask.usd,
    nsfwPolicy: settings.nsfwPolicy,
    ...(order.parentJobId !== undefined ? { parentJobId: order.parentJobId } : {}),
    ...(order.contestId !== undefined ? { contestId: order.contestId } : {}),
    ...(own?.tokenOnly ? { tokenOnly: true } : {}),
    ...(own?.forcedPrivate ? { replyNote: t(origin.locale, "install.forcedPrivate") } : {}),
  };
  // The job is recorded (with its cost reserved) before the acknowledgement, so no acknowledged request is ever without its job.
  const admitted = await ctx.ledger.admit<GenerationRequest, NormalizedOutput>({
    job,
    guildId: own || guildId === null ? memberSpendKey(origin.userId) : guildId,
    images: ask.images,
    usd: ask.usd,
    day: utcDay(now),
    decide: (totals) => limitProblems(settings, totals, ask, now, origin.locale, words),
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
