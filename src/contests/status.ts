// /contest status and /contest list in words.
import { EmbedBuilder } from "discord.js";
import { quote } from "../wording.js";
import type { Catalog } from "../models/index.js";
import type { ContestRecord, EntryRecord } from "../store/contests.js";
import type { Translate } from "../i18n/index.js";
import { deadlines, rulesText, stamp } from "./messages.js";

export function phaseLine(contest: ContestRecord, say: Translate): string {
  switch (contest.phase) {
    case "submission":
      return say("contests.phaseSubmission", { until: stamp(contest.submissionEndsAt), relative: stamp(contest.submissionEndsAt, "R") });
    case "voting":
      return say("contests.phaseVoting", { until: stamp(contest.votingEndsAt), relative: stamp(contest.votingEndsAt, "R") });
    case "results":
      return say("contests.phaseResults", { since: stamp(contest.endedAt ?? contest.votingEndsAt) });
    case "cancelled":
      return say("contests.phaseCancelled");
  }
}

export function statusEmbed(
  contest: ContestRecord,
  catalog: Catalog,
  facts: { shown: number; pending: number; mine: readonly EntryRecord[]; votesUsed: number },
  say: Translate,
): EmbedBuilder {
  const votes = contest.votesPerMember === null ? `${facts.votesUsed}` : say("contests.votesOf", { used: facts.votesUsed, max: contest.votesPerMember });
  const entries = contest.approval ? say("contests.entriesWithReview", { shown: facts.shown, pending: facts.pending }) : `${facts.shown}`;
  const mine = facts.mine.map((e) => say("contests.entryStatus", { id: e.id, status: e.status })).join(", ");
  return new EmbedBuilder()
    .setColor(0xf0b232)
    .setTitle(say("contests.statusTitle", { id: contest.id, theme: quote(contest.theme, 200) }))
    .setDescription(
      [phaseLine(contest, say), say("contests.statusIn", { channel: contest.channelId }), "", say("contests.rulesHeading"), rulesText(contest, catalog, say)].join("\n"),
    )
    .addFields(
      ...deadlines(contest, say),
      { name: say("contests.entries"), value: entries, inline: true },
      { name: say("contests.yourEntries"), value: mine || say("contests.none"), inline: true },
      { name: say("contests.yourVotes"), value: votes, inline: true },
    );
}

export function listText(contests: readonly ContestRecord[], say: Translate): string {
  if (!contests.length) return say("contests.noContestsYet");
  return contests.map((c) => `**#${c.id}** ${quote(c.theme, 80)} — ${phaseLine(c, say)} · <#${c.channelId}>`).join("\n").slice(0, 2000);
}
