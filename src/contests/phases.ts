// The phase changes: voting opens (each shown entry gets its Vote button), the results are posted (leaderboard,
// winners mentioned, collage), or the contest is cancelled. Each begins with its guarded UPDATE, so it runs once.
import { AttachmentBuilder, type SendableChannels } from "discord.js";
import type { ContestRecord, EntryRecord } from "../store/contests.js";
import { renderCollage } from "./collage.js";
import type { ContestDeps } from "./deps.js";
import { sendableChannel, type ContestEntries } from "./entries.js";
import { firstDownload } from "./entry-image.js";
import { rankEntries, winnersOf, type RankedEntry } from "./leaderboard.js";
import { resultsContent, resultsEmbed, stamp, voteRow } from "./messages.js";
import { serverTranslator } from "./locale.js";

export class ContestPhases {
  constructor(
    private readonly deps: ContestDeps,
    private readonly entries: ContestEntries,
  ) {}

  /**
   * submission → voting, then the Vote buttons and the announcement. False when another run (or a moderator)
   * already moved the contest on. `retry`: the phase already changed but the announcement was never posted
   * (Discord failed, or the bot stopped in between), so do it now.
   */
  async openVoting(contestId: number, { retry = false }: { retry?: boolean } = {}): Promise<boolean> {
    const { contests, log } = this.deps;
    const claimed = await contests.advance(contestId, ["submission"], "voting");
    const contest = await contests.get(contestId);
    if (!contest) return false;
    if (!claimed && !(retry && contest.phase === "voting" && contest.votingAnnouncedAt === null)) return false;
    const shown = await contests.entries(contestId, ["approved"]);
    const count = contest.hideCounts ? undefined : 0;
    const say = serverTranslator(this.deps.client, contest);
    const channel = await sendableChannel(this.deps.client, contest.channelId);
    for (const entry of shown) {
      try {
        if (entry.messageId) await channel.messages.edit(entry.messageId, { components: [voteRow(entry.id, count, say)] });
        else await this.entries.post(contest, entry, true, count);
      } catch (error) {
        log.warn({ err: error, contest: contestId, entry: entry.id }, "could not put a Vote button on an entry");
      }
    }
    const theme = contest.theme.slice(0, 200);
    const relative = stamp(contest.votingEndsAt, "R");
    await channel.send({
      content: shown.length
        ? say("contests.votingOpen", { theme, until: stamp(contest.votingEndsAt), relative })
        : say("contests.votingNoEntries", { theme, relative }),
    });
    await contests.setVotingAnnounced(contestId);
    log.info({ contest: contestId, entries: shown.length }, "contest voting opened");
    return true;
  }

  /**
   * submission/voting → results, then the results message. `retry`: the phase already changed but the message was
   * never posted (the bot stopped in between), so post it now.
   */
  async finish(contestId: number, { retry = false }: { retry?: boolean } = {}): Promise<boolean> {
    const { contests, log } = this.deps;
    const claimed = await contests.advance(contestId, ["submission", "voting"], "results");
    const contest = await contests.get(contestId);
    if (!contest) return false;
    if (!claimed && !(retry && contest.phase === "results" && !contest.resultsMessageId)) return false;
    const shown = await contests.entries(contestId, ["approved"]);
    const ranked = rankEntries(shown, await contests.voteCounts(contestId));
    const winners = winnersOf(ranked);
    await this.closeVoting(contest, shown);
    const collage = ranked.length ? await this.collage(contest, ranked.slice(0, 4)) : undefined;
    const say = serverTranslator(this.deps.client, contest);
    const channel = await sendableChannel(this.deps.client, contest.channelId);
    const description = say("contests.collageAlt", { theme: contest.theme.slice(0, 200) });
    const message = await channel.send({
      content: resultsContent(contest, winners, say),
      embeds: [resultsEmbed(contest, ranked, Boolean(collage), say)],
      files: collage ? [new AttachmentBuilder(collage, { name: "contest-results.png", description })] : [],
      allowedMentions: { parse: [], users: [...new Set(winners.map((w) => w.entry.userId))] },
    });
    await contests.setResultsMessage(contestId, message.id);
    log.info(
      { contest: contestId, entries: ranked.length, winner: winners[0]?.entry.userId, winningEntry: winners[0]?.entry.id, votes: winners[0]?.votes },
      "contest results posted",
    );
    return true;
  }

  /** submission/voting → cancelled, with a note in the contest channel. */
  async cancel(contestId: number, by: string): Promise<boolean> {
    const { contests, log } = this.deps;
    if (!(await contests.advance(contestId, ["submission", "voting"], "cancelled"))) return false;
    const contest = (await contests.get(contestId))!;
    await this.closeVoting(contest, await contests.entries(contestId, ["approved"]));
    try {
      const channel = await sendableChannel(this.deps.client, contest.channelId);
      const say = serverTranslator(this.deps.client, contest);
      await channel.send({ content: say("contests.cancelledPost", { theme: contest.theme.slice(0, 200) }) });
    } catch (error) {
      log.warn({ err: error, contest: contestId }, "could not announce a cancelled contest");
    }
    log.info({ contest: contestId, by }, "contest cancelled");
    return true;
  }

  /** Takes the Vote buttons off the entries (best effort: a deleted message is simply skipped). */
  private async closeVoting(contest: ContestRecord, entries: readonly EntryRecord[]): Promise<void> {
    const withMessage = entries.filter((entry) => entry.messageId);
    if (!withMessage.length) return;
    try {
      const channel = await sendableChannel(this.deps.client, contest.channelId);
      for (const entry of withMessage) {
        await channel.messages.edit(entry.messageId!, { components: [] }).catch((error: unknown) =>
          this.deps.log.debug({ err: error, entry: entry.id }, "could not take the Vote button off an entry"),
        );
      }
    } catch (error) {
      this.deps.log.warn({ err: error, contest: contest.id }, "could not close voting on the entry messages");
    }
  }

  private async collage(contest: ContestRecord, top: readonly RankedEntry[]): Promise<Buffer | undefined> {
    const channel = await sendableChannel(this.deps.client, contest.channelId).catch(() => undefined);
    const tiles = await Promise.all(
      top.map(async ({ entry, votes, place }) => ({
        bytes: await firstDownload(this.deps.download, await this.imageSources(channel, entry)).then(
          (image) => image.bytes,
          () => undefined,
        ),
        votes,
        place,
      })),
    );
    try {
      return await renderCollage(tiles, serverTranslator(this.deps.client, contest));
    } catch (error) {
      this.deps.log.warn({ err: error }, "could not render the contest collage");
      return undefined;
    }
  }

  /**
   * Where an entry's image can be fetched now: its message's attachment as Discord links it today (the link stored
   * when it was posted is signed and expires after about a day), then the stored link.
   */
  private async imageSources(channel: SendableChannels | undefined, entry: EntryRecord): Promise<string[]> {
    if (!channel || !entry.messageId) return [entry.imageUrl];
    const current = await channel.messages.fetch({ message: entry.messageId, force: true }).then(
      (message) => message.attachments.first()?.url,
      (error: unknown) => this.deps.log.debug({ err: error, entry: entry.id }, "could not fetch an entry's message for the collage"),
    );
    return current ? [current, entry.imageUrl] : [entry.imageUrl];
  }
}
