// What contests say in Discord: the announcement, an entry, the review card, the vote button, the results.
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, ComponentType, EmbedBuilder, type APIButtonComponent } from "discord.js";
import { makeCustomId } from "../discord/custom-id.js";
import { userText } from "../discord/user-text.js";
import { countOf, quote } from "../wording.js";
import type { Catalog } from "../models/index.js";
import type { ContestRecord, EntryRecord } from "../store/contests.js";
import type { RankedEntry } from "./leaderboard.js";

export const CONTEST_BUTTON_PREFIX = "contest:1";
export type ContestAction = "vote" | "submit" | "approve" | "reject" | "withdraw";

export const contestButtonId = (action: ContestAction, ...args: (string | number)[]) =>
  makeCustomId(CONTEST_BUTTON_PREFIX, action, ...args.map(String));

const colour = 0xf0b232;
export const stamp = (at: number, style: "F" | "R" | "f" = "F") => `<t:${Math.floor(at / 1000)}:${style}>`;

export function modelNames(contest: ContestRecord, catalog: Catalog): string {
  if (!contest.allowedModels) return "any model the server allows";
  return contest.allowedModels.map((id) => catalog.get(id)?.name ?? id).join(", ");
}

export function rulesText(contest: ContestRecord, catalog: Catalog): string {
  return [
    `• ${countOf(contest.entriesPerMember, "entry", "entries")} per member`,
    contest.votesPerMember === null
      ? "• Vote for as many entries as you like (one vote per entry, not your own)"
      : `• ${countOf(contest.votesPerMember, "vote")} per member (one per entry, not your own)`,
    `• Models: ${modelNames(contest, catalog)}`,
    ...(contest.approval ? ["• Entries are reviewed by a moderator before they are shown"] : []),
    contest.hideCounts ? "• Vote counts stay hidden until the results" : "• Vote counts are shown as votes come in",
  ].join("\n");
}

export function deadlines(contest: ContestRecord) {
  return [
    { name: "Submissions close", value: `${stamp(contest.submissionEndsAt)} (${stamp(contest.submissionEndsAt, "R")})`, inline: true },
    { name: "Voting ends", value: `${stamp(contest.votingEndsAt)} (${stamp(contest.votingEndsAt, "R")})`, inline: true },
  ];
}

export function announcementEmbed(contest: ContestRecord, catalog: Catalog): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(colour)
    .setTitle(`🏆 Prompt contest: ${quote(contest.theme, 200)}`)
    .setDescription(
      [
        `Make an image on the theme **${quote(contest.theme, 500)}** and enter it with \`/contest enter\` (or the **Submit to contest** button under one of your results).`,
        "",
        "**Rules**",
        rulesText(contest, catalog),
      ].join("\n"),
    )
    .addFields(deadlines(contest))
    .setFooter({ text: `Contest #${contest.id}` });
}

export function entryEmbed(contest: ContestRecord, entry: EntryRecord, catalog: Catalog, fileName: string): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(colour)
    .setTitle(`Entry #${entry.id} · ${quote(contest.theme, 200)}`)
    .setDescription(`by <@${entry.userId}>`)
    .addFields(
      { name: "Prompt", value: userText(entry.prompt, 1000) },
      { name: "Model", value: catalog.get(entry.modelId)?.name ?? entry.modelId, inline: true },
    )
    .setImage(`attachment://${fileName}`)
    .setFooter({ text: `Contest #${contest.id}` });
}

export function voteRow(entryId: number, count?: number) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(contestButtonId("vote", entryId))
      .setLabel(count === undefined ? "Vote" : `Vote · ${count}`)
      .setEmoji("⭐")
      .setStyle(ButtonStyle.Primary),
  );
}

export function reviewRow(entryId: number) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(contestButtonId("approve", entryId)).setLabel(`Approve #${entryId}`).setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(contestButtonId("reject", entryId)).setLabel(`Reject #${entryId}`).setStyle(ButtonStyle.Danger),
  );
}

/** Under results while a contest takes entries: the API's own object, like the result's other buttons. */
export function submitButton(contestId: number, jobRef: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id: contestButtonId("submit", contestId, jobRef),
    label: "Submit to contest",
    emoji: { name: "🏆" },
    style: ButtonStyle.Success,
  };
}

const medals = ["🥇", "🥈", "🥉"];

export function leaderboardLines(ranked: readonly RankedEntry[], limit = 15): string[] {
  const lines = ranked.slice(0, limit).map(({ entry, votes, place }) => {
    const badge = medals[place - 1] && votes > 0 ? medals[place - 1] : `**${place}.**`;
    return `${badge} <@${entry.userId}> — entry #${entry.id}, ${countOf(votes, "vote")}`;
  });
  if (ranked.length > limit) lines.push(`…and ${ranked.length - limit} more`);
  return lines;
}

export function resultsContent(contest: ContestRecord, winners: readonly RankedEntry[]): string {
  const theme = quote(contest.theme, 200);
  if (!winners.length) return `🏁 The contest **${theme}** is over. No entry received a vote, so there is no winner this time.`;
  const [first] = winners;
  const rest = winners.slice(1).map((w) => `${medals[w.place - 1]} <@${w.entry.userId}>`);
  return [`🏁 The contest **${theme}** is over! 🥇 Congratulations <@${first!.entry.userId}>!`, ...(rest.length ? [`Also on the podium: ${rest.join(", ")}`] : [])].join("\n");
}

export function resultsEmbed(contest: ContestRecord, ranked: readonly RankedEntry[], withCollage: boolean): EmbedBuilder {
  const embed = new EmbedBuilder()
    .setColor(colour)
    .setTitle(`Results · ${quote(contest.theme, 200)}`)
    .setDescription((ranked.length ? leaderboardLines(ranked).join("\n") : "No entries took part.").slice(0, 4000))
    .setFooter({ text: `Contest #${contest.id} · ties go to the earlier entry` });
  if (withCollage) embed.setImage("attachment://contest-results.png");
  return embed;
}
