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

/** What the contest buttons take from the app. */
export interface ContestButtonDeps {
  log: Logger;
  contests: ContestRepository;
  contestEngine: ContestEngine;
  jobs: JobRepository;
  settings: SettingsRepository;
}

async function vote(interaction: ButtonInteraction, ctx: ContestButtonDeps, entryId: number) {
  const entry = await ctx.contests.entry(entryId);
  const contest = entry && (await ctx.contests.get(entry.contestId));
  if (!entry || !contest) return replyPrivately(interaction, "This entry is no longer in the bot's records.");
  if (contest.guildId !== interaction.guildId) return replyPrivately(interaction, "This entry is in a contest on another server, so this button does nothing here.");
  const result = await ctx.contests.toggleVote(entryId, interaction.user.id);
  const cap = contest.votesPerMember;
  const usage = (used: number) => (cap === null ? "" : ` You have used ${used} of your ${cap} vote${cap === 1 ? "" : "s"}.`);
  if (!result.ok) {
    switch (result.reason) {
      case "not-votable":
        return replyPrivately(interaction, `Entry #${entryId} is not in the vote (it was withdrawn or not approved).`);
      case "own-entry":
        return replyPrivately(interaction, "You cannot vote for your own entry.");
      case "cap":
        return replyPrivately(
          interaction,
          `You have used all ${cap} of your votes. To vote for entry #${entryId}, take one back first (press Vote again on that entry).`,
        );
      case "phase":
        return replyPrivately(
          interaction,
          contest.phase === "submission" ? `Voting has not started yet; it opens ${stamp(contest.submissionEndsAt, "R")}.` : `Voting is over: ${closedText(contest)}`,
        );
    }
  }
  ctx.log.info({ contest: contest.id, entry: entryId, user: interaction.user.id, voted: result.voted }, "contest vote");
  const text = result.voted
    ? `Your vote for entry #${entryId} is in.${usage(result.used)} Press Vote again to take it back.`
    : `Your vote for entry #${entryId} was taken back.${usage(result.used)}`;
  if (contest.hideCounts) return replyPrivately(interaction, text);
  await interaction.update({ components: [voteRow(entryId, result.count)] });
  await interaction.followUp({ content: text, flags: MessageFlags.Ephemeral });
}

async function submit(interaction: ButtonInteraction, ctx: ContestButtonDeps, contestId: number, ref: string | undefined) {
  const job = ref ? await ctx.jobs.getByRef(ref) : undefined;
  if (!job) return replyPrivately(interaction, "This result is no longer in the bot's records, so it cannot enter a contest.");
  if (job.guildId !== interaction.guildId) return replyPrivately(interaction, "This result was made on another server, so it cannot enter a contest here.");
  if (job.requesterId !== interaction.user.id) return replyPrivately(interaction, "Only the member who made this image can enter it in a contest.");
  const contest = await ctx.contests.get(contestId);
  if (!contest || contest.guildId !== interaction.guildId) return replyPrivately(interaction, "That contest is not on this server.");
  const problem = (await ctx.contestEngine.entries.enterProblem(contest, job.requesterId)) ?? ctx.contestEngine.entries.modelProblem(contest, job.modelId);
  if (problem) return replyPrivately(interaction, problem);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const outcome = await ctx.contestEngine.entries.enterJob(contest, job);
  await interaction.editReply(enteredText(outcome, contest.channelId));
}

async function review(interaction: ButtonInteraction, ctx: ContestButtonDeps, entryId: number, approve: boolean) {
  const settings = await ctx.settings.get(interaction.guildId ?? "");
  if (!canModerateContests(interaction, settings)) return replyPrivately(interaction, `Only ${moderatorWords(settings)} can review entries.`);
  const entry = await ctx.contests.entry(entryId);
  const contest = entry && (await ctx.contests.get(entry.contestId));
  if (!entry || !contest || contest.guildId !== interaction.guildId) return replyPrivately(interaction, "This entry is no longer in the bot's records.");
  if (entry.status !== "pending") return replyPrivately(interaction, `Entry #${entryId} was already ${entry.status}.`);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const done = await ctx.contestEngine.entries.decide(contest, entry, approve, interaction.user.id);
  await interaction.editReply(
    !done
      ? `Entry #${entryId} was already reviewed.`
      : approve
        ? `Entry #${entryId} is approved and shown in <#${contest.channelId}>.`
        : `Entry #${entryId} is rejected; its author was told.`,
  );
}

async function onButton(interaction: ButtonInteraction, ctx: ContestButtonDeps, [action, first, second]: readonly string[]): Promise<void> {
  const id = Number(first);
  switch (action as ContestAction) {
    case "vote":
      return vote(interaction, ctx, id);
    case "submit":
      return submit(interaction, ctx, id, second);
    case "approve":
    case "reject":
      return review(interaction, ctx, id, action === "approve");
    default:
      return replyPrivately(interaction, "This button is from an older version of the bot.");
  }
}

export const contestButtons: ButtonHandler<ContestButtonDeps>[] = [{ prefix: CONTEST_BUTTON_PREFIX, handle: onButton }];
