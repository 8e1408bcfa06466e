// The contest buttons: Vote (toggles the member's vote), Submit to contest (under a member's own result),
// Approve / Reject (moderators' review list). All are looked up in the store, so they work after restarts.
import { MessageFlags, type ButtonInteraction } from "discord.js";
import type { JobRepository } from "../generation/index.js";
import type { Logger } from "../log.js";
import type { SettingsRepository } from "../settings/index.js";
import type { ContestRepository } from "../store/contests.js";
import type { ContestEngine } from "./engine.js";
import type { ButtonHandler } from "../discord/command.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { canModerateContests, moderatorWords } from "./permissions.js";
import { closedText, enteredText } from "./entries.js";
import { CONTEST_BUTTON_PREFIX, stamp, voteRow, type ContestAction } from "./messages.js";
import { serverTranslator } from "./locale.js";
import { resolveLocale, translator, type SupportedLocale } from "../i18n/index.js";

/** What the contest buttons take from the app. */
export interface ContestButtonDeps {
  log: Logger;
  contests: ContestRepository;
  contestEngine: ContestEngine;
  jobs: JobRepository;
  settings: SettingsRepository;
}

async function vote(interaction: ButtonInteraction, ctx: ContestButtonDeps, entryId: number, locale: SupportedLocale) {
  const say = translator(locale);
  const entry = await ctx.contests.entry(entryId);
  const contest = entry && (await ctx.contests.get(entry.contestId));
  if (!entry || !contest) return replyPrivately(interaction, say("contests.entryGone"));
  if (contest.guildId !== interaction.guildId) return replyPrivately(interaction, say("contests.entryOtherServer"));
  const result = await ctx.contests.toggleVote(entryId, interaction.user.id);
  const cap = contest.votesPerMember;
  const usage = (used: number) => (cap === null ? "" : say("contests.votesUsed", { used, cap }));
  if (!result.ok) {
    switch (result.reason) {
      case "not-votable":
        return replyPrivately(interaction, say("contests.notVotable", { id: entryId }));
      case "own-entry":
        return replyPrivately(interaction, say("contests.ownEntry"));
      case "cap":
        return replyPrivately(interaction, say("contests.voteCap", { cap: cap ?? 0, id: entryId }));
      case "phase":
        return replyPrivately(
          interaction,
          contest.phase === "submission"
            ? say("contests.votingNotStarted", { relative: stamp(contest.submissionEndsAt, "R") })
            : say("contests.votingOver", { closed: closedText(contest, say) }),
        );
    }
  }
  ctx.log.info({ contest: contest.id, entry: entryId, user: interaction.user.id, voted: result.voted }, "contest vote");
  const text = say(result.voted ? "contests.voted" : "contests.unvoted", { id: entryId, usage: usage(result.used) });
  if (contest.hideCounts) return replyPrivately(interaction, text);
  // The button stays in the channel: its label in the server's language, as it was posted.
  await interaction.update({ components: [voteRow(entryId, result.count, serverTranslator(interaction.client, contest))] });
  await interaction.followUp({ content: text, flags: MessageFlags.Ephemeral });
}

async function submit(interaction: ButtonInteraction, ctx: ContestButtonDeps, contestId: number, ref: string | undefined, locale: SupportedLocale) {
  const say = translator(locale);
  const job = ref ? await ctx.jobs.getByRef(ref) : undefined;
  if (!job) return replyPrivately(interaction, say("contests.resultGone"));
  if (job.guildId !== interaction.guildId) return replyPrivately(interaction, say("contests.resultOtherServer"));
  if (job.requesterId !== interaction.user.id) return replyPrivately(interaction, say("contests.notYourResult"));
  const contest = await ctx.contests.get(contestId);
  if (!contest || contest.guildId !== interaction.guildId) return replyPrivately(interaction, say("contests.contestNotHere"));
  const { entries } = ctx.contestEngine;
  const problem = (await entries.enterProblem(contest, job.requesterId, say)) ?? entries.modelProblem(contest, job.modelId, say);
  if (problem) return replyPrivately(interaction, problem);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const outcome = await entries.enterJob(contest, job, job.result, say);
  await interaction.editReply(enteredText(outcome, contest.channelId, say));
}

async function review(interaction: ButtonInteraction, ctx: ContestButtonDeps, entryId: number, approve: boolean, locale: SupportedLocale) {
  const say = translator(locale);
  const settings = await ctx.settings.get(interaction.guildId ?? "");
  if (!canModerateContests(interaction, settings)) return replyPrivately(interaction, say("contests.onlyReviewers", { who: moderatorWords(settings, locale) }));
  const entry = await ctx.contests.entry(entryId);
  const contest = entry && (await ctx.contests.get(entry.contestId));
  if (!entry || !contest || contest.guildId !== interaction.guildId) return replyPrivately(interaction, say("contests.entryGone"));
  if (entry.status !== "pending") return replyPrivately(interaction, say("contests.alreadyDecided", { id: entryId, status: entry.status }));
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const done = await ctx.contestEngine.entries.decide(contest, entry, approve, interaction.user.id);
  await interaction.editReply(
    !done
      ? say("contests.alreadyReviewed", { id: entryId })
      : approve
        ? say("contests.approvedShown", { id: entryId, channel: contest.channelId })
        : say("contests.rejectedTold", { id: entryId }),
  );
}

async function onButton(interaction: ButtonInteraction, ctx: ContestButtonDeps, [action, first, second]: readonly string[]): Promise<void> {
  const id = Number(first);
  const locale = resolveLocale(interaction.locale);
  switch (action as ContestAction) {
    case "vote":
      return vote(interaction, ctx, id, locale);
    case "submit":
      return submit(interaction, ctx, id, second, locale);
    case "approve":
    case "reject":
      return review(interaction, ctx, id, action === "approve", locale);
    default:
      return replyPrivately(interaction, translator(locale)("contests.oldButton"));
  }
}

export const contestButtons: ButtonHandler<ContestButtonDeps>[] = [{ prefix: CONTEST_BUTTON_PREFIX, handle: onButton }];
