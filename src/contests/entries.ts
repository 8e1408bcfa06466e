// Entries: a finished job's image enters a contest (within its cap and models), is posted in the contest
// channel with the image re-uploaded, waits for review when the contest asks for it, and can be withdrawn.
import { AttachmentBuilder, InteractionWebhook, MessageFlags, type Client, type SendableChannels } from "discord.js";
import { fitToLimit } from "../media/fit.js";
import type { NormalizedOutput } from "../models/index.js";
import type { ContestRecord, EntryRecord } from "../store/contests.js";
import { shownPrompt, type JobRecord } from "../generation/index.js";
import type { ContestDeps } from "./deps.js";
import { tokenUsable } from "../discord/reply-target.js";
import { extensionOf } from "../media/download.js";
import { deliveredAttachmentUrl, firstDownload } from "./entry-image.js";
import { entryEmbed, modelNames, stamp, voteRow } from "./messages.js";
import { serverTranslator } from "./locale.js";
import { fallbackLocale, translator, type Translate } from "../i18n/index.js";

const english = translator(fallbackLocale);

/** The upload limit when the entry's job (and so the limit its interaction reported) is not known. */
const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;

export type EnterOutcome = { ok: true; entry: EntryRecord; posted: boolean } | { ok: false; problem: string };

/**
 * The channel to post in. The process running the contests' phases (the leader, see leader.ts) may not run the shard of
 * the contest's server: its channel then comes over REST without its server (discord.js's `allowUnknownGuild`, not
 * cached), which is all sending and editing messages need.
 */
export async function sendableChannel(client: Client, channelId: string): Promise<SendableChannels> {
  const channel = await client.channels.fetch(channelId, { allowUnknownGuild: true });
  if (!channel?.isSendable()) throw new Error(`channel ${channelId} cannot take messages`);
  return channel;
}

export class ContestEntries {
  constructor(private readonly deps: ContestDeps) {}

  /** Why this member cannot enter now, in their words; undefined when they can (the cap is checked again on insert). */
  async enterProblem(contest: ContestRecord | undefined, userId: string, say: Translate = english): Promise<string | undefined> {
    if (!contest) return say("contests.noOpenContest");
    if (contest.phase !== "submission") return closedText(contest, say);
    const mine = await this.deps.contests.entriesOf(contest.id, userId);
    if (mine.length >= contest.entriesPerMember) return capText(contest, say);
    return undefined;
  }

  modelProblem(contest: ContestRecord, modelId: string, say: Translate = english): string | undefined {
    if (!contest.allowedModels || contest.allowedModels.includes(modelId)) return undefined;
    const model = this.deps.catalog.get(modelId)?.name ?? modelId;
    return say("contests.modelNotAllowed", { models: modelNames(contest, this.deps.catalog, say), model });
  }

  /**
   * Enters the job's first unflagged image for its requester. A flagged image never enters, even from an NSFW
   * channel: the entry is posted in the contest channel, not where the job ran.
   */
  async enterJob(contest: ContestRecord, job: JobRecord, output: NormalizedOutput | null = job.result, say: Translate = english): Promise<EnterOutcome> {
    const index = output?.images.findIndex((image) => !image.nsfw) ?? -1;
    const image = output?.images[index];
    if (!image) return { ok: false, problem: say(output?.images.length ? "contests.flagged" : "contests.noImage") };
    const modelProblem = this.modelProblem(contest, job.modelId, say);
    if (modelProblem) return { ok: false, problem: modelProblem };
    const added = await this.deps.contests.addEntry(
      {
        contestId: contest.id,
        userId: job.requesterId,
        jobId: job.id,
        imageIndex: index,
        modelId: job.modelId,
        // What the member saw: an action's label and their words, not the bot's instruction to the edit model.
        prompt: shownPrompt(job.request),
        imageUrl: image.url,
      },
      contest.approval ? "pending" : "approved",
    );
    if (!added.ok) {
      const current = added.contest ?? contest;
      if (added.reason === "duplicate") return { ok: false, problem: say("contests.duplicate") };
      return { ok: false, problem: added.reason === "cap" ? capText(current, say) : closedText(current, say) };
    }
    this.deps.log.info({ contest: contest.id, entry: added.entry.id, user: job.requesterId, job: job.ref }, "contest entry added");
    if (added.entry.status !== "approved") return { ok: true, entry: added.entry, posted: false };
    const posted = await this.post(contest, added.entry, false).then(
      () => true,
      (error: unknown) => {
        this.deps.log.warn({ err: error, contest: contest.id, entry: added.entry.id }, "could not post a contest entry; it is posted when voting opens");
        return false;
      },
    );
    return { ok: true, entry: added.entry, posted };
  }

  /** Posts the entry in the contest channel with its image re-uploaded; with a Vote button during voting. */
  async post(contest: ContestRecord, entry: EntryRecord, withVote: boolean, count?: number): Promise<void> {
    const job = entry.jobId !== null ? await this.deps.jobs.get(entry.jobId) : undefined;
    // The delivered reply's copy is looked up only when fal's link no longer works.
    const image = await firstDownload(this.deps.download, [entry.imageUrl]).catch(async (error: unknown) => {
      const fromReply = await deliveredAttachmentUrl(this.deps.client, job, entry.imageIndex);
      if (!fromReply) throw error;
      return firstDownload(this.deps.download, [fromReply]);
    });
    // Re-encoded or scaled down when over Discord's per-file limit (the job's interaction reported it).
    const file = await fitToLimit(
      { bytes: image.bytes, contentType: image.contentType, fileName: `entry-${entry.id}.${extensionOf(image.contentType)}` },
      job && job.uploadLimit > 0 ? job.uploadLimit : DEFAULT_UPLOAD_LIMIT,
    );
    const say = serverTranslator(this.deps.client, contest);
    const channel = await sendableChannel(this.deps.client, contest.channelId);
    const message = await channel.send({
      embeds: [entryEmbed(contest, entry, this.deps.catalog, file.fileName, say)],
      files: [new AttachmentBuilder(file.bytes, { name: file.fileName, description: entry.prompt.slice(0, 1000) })],
      components: withVote ? [voteRow(entry.id, count, say)] : [],
    });
    await this.deps.contests.setEntryMessage(entry.id, message.id, message.attachments.first()?.url);
    this.deps.log.info({ contest: contest.id, entry: entry.id, message: message.id }, "contest entry posted");
  }

  /**
   * A /contest enter job was delivered: its image enters, and the member is told privately how that went, in the
   * language the job kept for them.
   */
  async fromDeliveredJob(job: JobRecord, output: NormalizedOutput): Promise<void> {
    if (job.contestId === undefined) return;
    const say = translator(job.locale);
    const contest = await this.deps.contests.get(job.contestId);
    const outcome: EnterOutcome = contest ? await this.enterJob(contest, job, output, say) : { ok: false, problem: say("contests.contestGone") };
    await this.tellRequester(job, enteredText(outcome, contest?.channelId, say));
  }

  /** pending → approved (posted) or rejected (the author is told in a direct message). */
  async decide(contest: ContestRecord, entry: EntryRecord, approve: boolean, by: string): Promise<boolean> {
    if (!(await this.deps.contests.decide(entry.id, approve ? "approved" : "rejected", by))) return false;
    this.deps.log.info({ contest: contest.id, entry: entry.id, by, approve }, "contest entry reviewed");
    if (approve) {
      if (contest.phase === "submission" || contest.phase === "voting") {
        await this.post(contest, entry, contest.phase === "voting", contest.hideCounts ? undefined : 0);
      }
      return true;
    }
    try {
      const user = await this.deps.client.users.fetch(entry.userId);
      // A direct message: the member's language is not known here, so the server's.
      const say = serverTranslator(this.deps.client, contest);
      const again = contest.phase === "submission" ? "yes" : "no";
      await user.send({
        content: say("contests.rejectedDm", { id: entry.id, theme: contest.theme.slice(0, 200), again, until: stamp(contest.submissionEndsAt) }),
      });
    } catch (error) {
      this.deps.log.warn({ err: error, entry: entry.id }, "could not tell a member their contest entry was rejected");
    }
    return true;
  }

  /** The member's own entry leaves the contest (submission phase only); its message is removed. */
  async withdraw(entry: EntryRecord, userId: string): Promise<boolean> {
    if (!(await this.deps.contests.withdraw(entry.id, userId))) return false;
    const contest = await this.deps.contests.get(entry.contestId);
    if (entry.messageId && contest) {
      try {
        const channel = await sendableChannel(this.deps.client, contest.channelId);
        await channel.messages.delete(entry.messageId);
      } catch (error) {
        this.deps.log.warn({ err: error, entry: entry.id }, "could not remove a withdrawn entry's message");
      }
    }
    this.deps.log.info({ contest: entry.contestId, entry: entry.id, user: userId }, "contest entry withdrawn");
    return true;
  }

  private async tellRequester(job: JobRecord, content: string): Promise<void> {
    const { client } = this.deps;
    try {
      if (tokenUsable(job)) {
        // Ready from the first ClientReady until the client is destroyed (at shutdown).
        if (!client.isReady()) throw new Error("the Discord client is not ready");
        const webhook = new InteractionWebhook(client, job.applicationId, job.interactionToken);
        await webhook.send({ content, flags: MessageFlags.Ephemeral });
      } else {
        await (await client.users.fetch(job.requesterId)).send({ content });
      }
    } catch (error) {
      this.deps.log.warn({ err: error, job: job.ref }, "could not tell the member about their contest entry");
    }
  }
}

export function closedText(contest: ContestRecord, say: Translate): string {
  const theme = contest.theme.slice(0, 100);
  switch (contest.phase) {
    case "voting":
      return say("contests.closedVoting", { theme, closed: stamp(contest.submissionEndsAt, "R"), until: stamp(contest.votingEndsAt) });
    case "results":
      return say("contests.closedResults", { theme });
    case "cancelled":
      return say("contests.closedCancelled", { theme });
    default:
      return say("contests.notTakingEntries");
  }
}

export function capText(contest: ContestRecord, say: Translate): string {
  return say("contests.cap", { count: contest.entriesPerMember });
}

/** What a member is told after entering, whichever way they entered. */
export function enteredText(outcome: EnterOutcome, channelId: string | undefined, say: Translate): string {
  if (!outcome.ok) return say("contests.enterFailed", { problem: outcome.problem });
  if (outcome.entry.status === "pending") return say("contests.enteredPending", { id: outcome.entry.id });
  return say("contests.entered", { id: outcome.entry.id, channel: outcome.posted && channelId ? channelId : "none" });
}
