// What contests say in Discord: the announcement, an entry, the review card, the vote button, the results.
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, ComponentType, EmbedBuilder, type APIButtonComponent } from "discord.js";
import { makeCustomId } from "../discord/custom-id.js";
import { userText } from "../discord/user-text.js";
import { quote } from "../wording.js";
import { fallbackLocale, translator, type Translate } from "../i18n/index.js";
import type { Catalog } from "../models/index.js";
import type { ContestRecord, EntryRecord } from "../store/contests.js";
import type { RankedEntry } from "./leaderboard.js";

export const CONTEST_BUTTON_PREFIX = "contest:1";
export type ContestAction = "vote" | "submit" | "approve" | "reject" | "withdraw";

export const contestButtonId = (action: ContestAction, ...args: (string | number)[]) =>
  makeCustomId(CONTEST_BUTTON_PREFIX, action, ...args.map(String));

const colour = 0xf0b232;
const english = translator(fallbackLocale);
export const stamp = (at: number, style: "F" | "R" | "f" = "F") => `<t:${Math.floor(at / 1000)}:${style}>`;

export function modelNames(contest: ContestRecord, catalog: Catalog, say: Translate = english): string {
  if (!contest.allowedModels) return say("contests.anyModel");
  return contest.allowedModels.map((id) => catalog.get(id)?.name ?? id).join(", ");
}

export function rulesText(contest: ContestRecord, catalog: Catalog, say: Translate = english): string {
  return [
    say("contests.rulesEntries", { count: contest.entriesPerMember }),
    contest.votesPerMember === null ? say("contests.rulesVotesAny") : say("contests.rulesVotes", { count: contest.votesPerMember }),
    say("contests.rulesModels", { models: modelNames(contest, catalog, say) }),
    ...(contest.approval ? [say("contests.rulesApproval")] : []),
    say(contest.hideCounts ? "contests.rulesCountsHidden" : "contests.rulesCountsShown"),
  ].join("\n");
}

export function deadlines(contest: ContestRecord, say: Translate = english) {
  return [
    { name: say("contests.submissionsClose"), value: `${stamp(contest.submissionEndsAt)} (${stamp(contest.submissionEndsAt, "R")})`, inline: true },
    { name: say("contests.votingEnds"), value: `${stamp(contest.votingEndsAt)} (${stamp(contest.votingEndsAt, "R")})`, inline: true },
  ];
}

/** The announcement in the contest channel, in the server's language. */
export function announcementEmbed(contest: ContestRecord, catalog: Catalog, say: Translate = english): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(colour)
    .setTitle(say("contests.announcementTitle", { theme: quote(contest.theme, 200) }))
    .setDescription(
      [say("contests.announcementBody", { theme: quote(contest.theme, 500) }), "", say("contests.rulesHeading"), rulesText(contest, catalog, say)].join("\n"),
    )
    .addFields(deadlines(contest, say))
    .setFooter({ text: say("contests.contestFooter", { id: contest.id }) });
}

export function entryEmbed(contest: ContestRecord, entry: EntryRecord, catalog: Catalog, fileName: string, say: Translate = english): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(colour)
    .setTitle(say("contests.entryTitle", { id: entry.id, theme: quote(contest.theme, 200) }))
    .setDescription(say("contests.entryBy", { user: entry.userId }))
    .addFields(
      { name: say("contests.prompt"), value: userText(entry.prompt, 1000) },
      { name: say("contests.model"), value: catalog.get(entry.modelId)?.name ?? entry.modelId, inline: true },
    )
    .setImage(`attachment://${fileName}`)
    .setFooter({ text: say("contests.contestFooter", { id: contest.id }) });
}

export function voteRow(entryId: number, count?: number, say: Translate = english) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(contestButtonId("vote", entryId))
      .setLabel(count === undefined ? say("contests.vote") : say("contests.voteCount", { count }))
      .setEmoji("⭐")
      .setStyle(ButtonStyle.Primary),
  );
}

export function reviewRow(entryId: number, say: Translate = english) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(contestButtonId("approve", entryId)).setLabel(say("contests.approve", { id: entryId })).setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(contestButtonId("reject", entryId)).setLabel(say("contests.reject", { id: entryId })).setStyle(ButtonStyle.Danger),
  );
}

/** Under results while a contest takes entries: the API's own object, like the result's other buttons. */
export function submitButton(contestId: number, jobRef: string, say: Translate = english): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id: contestButtonId("submit", contestId, jobRef),
    label: say("contests.submit"),
    emoji: { name: "🏆" },
    style: ButtonStyle.Success,
  };
}

const medals = ["🥇", "🥈", "🥉"];

export function leaderboardLines(ranked: readonly RankedEntry[], limit = 15, say: Translate = english): string[] {
  const lines = ranked.slice(0, limit).map(({ entry, votes, place }) => {
    const badge = medals[place - 1] && votes > 0 ? medals[place - 1] : `**${place}.**`;
    return say("contests.leaderLine", { badge, user: entry.userId, id: entry.id, votes });
  });
  if (ranked.length > limit) lines.push(say("contests.andMore", { count: ranked.length - limit }));
  return lines;
}

export function resultsContent(contest: ContestRecord, winners: readonly RankedEntry[], say: Translate = english): string {
  const theme = quote(contest.theme, 200);
  if (!winners.length) return say("contests.overNoWinner", { theme });
  const [first] = winners;
  const rest = winners.slice(1).map((w) => `${medals[w.place - 1]} <@${w.entry.userId}>`);
  return [
    say("contests.overWinner", { theme, user: first!.entry.userId }),
    ...(rest.length ? [say("contests.podium", { names: rest.join(", ") })] : []),
  ].join("\n");
}

export function resultsEmbed(contest: ContestRecord, ranked: readonly RankedEntry[], withCollage: boolean, say: Translate = english): EmbedBuilder {
  const embed = new EmbedBuilder()
    .setColor(colour)
    .setTitle(say("contests.resultsTitle", { theme: quote(contest.theme, 200) }))
    .setDescription((ranked.length ? leaderboardLines(ranked, 15, say).join("\n") : say("contests.noEntries")).slice(0, 4000))
    .setFooter({ text: say("contests.resultsFooter", { id: contest.id }) });
  if (withCollage) embed.setImage("attachment://contest-results.png");
  return embed;
}
