// /contest status and /contest list in words.
import { EmbedBuilder } from "discord.js";
import { quote } from "../wording.js";
import type { Catalog } from "../models/index.js";
import type { ContestRecord, EntryRecord } from "../store/contests.js";
import { deadlines, rulesText, stamp } from "./messages.js";

const phaseWords: Record<ContestRecord["phase"], string> = {
  submission: "Taking entries",
  voting: "Voting",
  results: "Over",
  cancelled: "Cancelled",
};

export function phaseLine(contest: ContestRecord): string {
  switch (contest.phase) {
    case "submission":
      return `${phaseWords.submission} until ${stamp(contest.submissionEndsAt)} (${stamp(contest.submissionEndsAt, "R")})`;
    case "voting":
      return `${phaseWords.voting} until ${stamp(contest.votingEndsAt)} (${stamp(contest.votingEndsAt, "R")})`;
    case "results":
      return `${phaseWords.results} since ${stamp(contest.endedAt ?? contest.votingEndsAt)}`;
    case "cancelled":
      return phaseWords.cancelled;
  }
}

export function statusEmbed(
  contest: ContestRecord,
  catalog: Catalog,
  facts: { shown: number; pending: number; mine: readonly EntryRecord[]; votesUsed: number },
): EmbedBuilder {
  const votes = contest.votesPerMember === null ? `${facts.votesUsed}` : `${facts.votesUsed} of ${contest.votesPerMember}`;
  return new EmbedBuilder()
    .setColor(0xf0b232)
    .setTitle(`Contest #${contest.id}: ${quote(contest.theme, 200)}`)
    .setDescription(`${phaseLine(contest)}\nIn <#${contest.channelId}>\n\n**Rules**\n${rulesText(contest, catalog)}`)
    .addFields(
      ...deadlines(contest),
      { name: "Entries", value: `${facts.shown}${contest.approval ? ` shown, ${facts.pending} waiting for review` : ""}`, inline: true },
      { name: "Your entries", value: facts.mine.length ? facts.mine.map((e) => `#${e.id} (${e.status})`).join(", ") : "None", inline: true },
      { name: "Your votes", value: votes, inline: true },
    );
}

export function listText(contests: readonly ContestRecord[]): string {
  if (!contests.length) return "This server has no contests yet. Moderators start one with `/contest create`.";
  return contests.map((c) => `**#${c.id}** ${quote(c.theme, 80)} — ${phaseLine(c)} · <#${c.channelId}>`).join("\n").slice(0, 2000);
}
