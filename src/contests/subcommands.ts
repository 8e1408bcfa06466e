// /contest's subcommands: create, enter, withdraw, review, status, list, end and cancel. commands/contest.ts
// defines the command and checks who may run the moderators' ones.
import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { startGeneration, fromAttachment, type GenerationDeps } from "../generation/index.js";
import type { ModelKind } from "../models/index.js";
import type { ContestRecord, ContestRepository } from "../store/contests.js";
import { replyPrivately } from "../discord/reply-privately.js";
import { userText } from "../discord/user-text.js";
import { quote } from "../wording.js";
import type { ContestButtonDeps } from "./buttons.js";
import { readCreate } from "./create.js";
import type { ContestEngine } from "./engine.js";
import { sendableChannel } from "./entries.js";
import { announcementEmbed, reviewRow, stamp } from "./messages.js";
import { listText, statusEmbed } from "./status.js";
import { resolveLocale, translator, type Translate } from "../i18n/index.js";

/** What the subcommands take from the app. */
export interface ContestCommandDeps extends GenerationDeps, ContestButtonDeps {
  contests: ContestRepository;
  contestEngine: ContestEngine;
}

type Ctx = ContestCommandDeps;

/** The member's words for a reply to them. */
const memberSay = (interaction: ChatInputCommandInteraction): Translate => translator(resolveLocale(interaction.locale));

/** The contest a subcommand is about: the one named, or the newest in one of `phases`. */
async function pickContest(interaction: ChatInputCommandInteraction, ctx: Ctx, phases?: readonly ContestRecord["phase"][]) {
  const id = interaction.options.getInteger("contest");
  if (id !== null) {
    const contest = await ctx.contests.get(id);
    return contest?.guildId === interaction.guildId ? contest : undefined;
  }
  const all = await ctx.contests.list(interaction.guildId!, { limit: 50 });
  return all.find((c) => !phases || phases.includes(c.phase));
}

async function create(interaction: ChatInputCommandInteraction, ctx: Ctx) {
  const say = memberSay(interaction);
  const settings = await ctx.settings.get(interaction.guildId!);
  const read = readCreate(interaction, ctx.catalog, settings, Date.now(), say);
  if (!read.ok) return replyPrivately(interaction, say("contests.notCreated", { problems: read.problems.map((p) => `• ${p}`).join("\n") }));
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const contest = await ctx.contests.create(read.contest);
  try {
    const channel = await sendableChannel(interaction.client, contest.channelId);
    // Posted in the channel for everyone: in the server's language, as the contest keeps it.
    const serverSay = translator(resolveLocale(contest.locale));
    const announcement = await channel.send({ embeds: [announcementEmbed(contest, ctx.catalog, serverSay)] });
    await ctx.contests.setAnnouncementMessage(contest.id, announcement.id);
  } catch (error) {
    ctx.log.warn({ err: error, contest: contest.id }, "could not announce a contest");
    await ctx.contests.advance(contest.id, ["submission"], "cancelled");
    await interaction.editReply(say("contests.cannotPost", { channel: contest.channelId }));
    return;
  }
  ctx.contestEngine.schedule.plan(contest);
  ctx.log.info({ contest: contest.id, guild: contest.guildId, by: interaction.user.id }, "contest created");
  await interaction.editReply(
    say("contests.created", {
      id: contest.id,
      theme: quote(contest.theme, 200),
      channel: contest.channelId,
      closes: stamp(contest.submissionEndsAt),
      ends: stamp(contest.votingEndsAt),
    }),
  );
}

async function enter(interaction: ChatInputCommandInteraction, ctx: Ctx) {
  const say = memberSay(interaction);
  const contest = await pickContest(interaction, ctx, ["submission"]);
  const problem = await ctx.contestEngine.entries.enterProblem(contest ?? (await pickContest(interaction, ctx)), interaction.user.id, say);
  if (problem || !contest) return replyPrivately(interaction, problem ?? say("contests.noOpenContest"));
  const attachment = interaction.options.getAttachment("image");
  const kind: ModelKind = attachment ? "edit" : "text-to-image";
  const chosen = interaction.options.getString("model");
  let model = chosen ? ctx.catalog.get(chosen) : undefined;
  if (model && model.kind !== kind) {
    return replyPrivately(interaction, say(attachment ? "contests.textOnlyModel" : "contests.editOnlyModel", { model: model.name }));
  }
  if (model) {
    const modelProblem = ctx.contestEngine.entries.modelProblem(contest, model.id, say);
    if (modelProblem) return replyPrivately(interaction, modelProblem);
  } else if (contest.allowedModels) {
    model = contest.allowedModels.map((id) => ctx.catalog.get(id)).find((m) => m?.kind === kind);
    if (!model) return replyPrivately(interaction, say(attachment ? "contests.noEditModel" : "contests.noTextModel"));
  }
  await startGeneration(
    interaction,
    {
      kind,
      ...(model ? { model } : {}),
      request: { prompt: interaction.options.getString("prompt", true) },
      images: attachment ? [fromAttachment("image", attachment)] : [],
      private: false,
      contestId: contest.id,
    },
    ctx,
  );
}

async function withdraw(interaction: ChatInputCommandInteraction, ctx: Ctx) {
  const say = memberSay(interaction);
  const entryId = interaction.options.getInteger("entry");
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  const mine = contest ? await ctx.contests.entriesOf(contest.id, interaction.user.id) : [];
  const entry = entryId === null ? mine.at(-1) : mine.find((e) => e.id === entryId);
  if (!contest || !entry) {
    return replyPrivately(interaction, entryId === null ? say("contests.noEntryToWithdraw") : say("contests.notYourEntry", { id: entryId }));
  }
  if (contest.phase !== "submission") return replyPrivately(interaction, say("contests.withdrawTooLate"));
  const done = await ctx.contestEngine.entries.withdraw(entry, interaction.user.id);
  return replyPrivately(interaction, say(done ? "contests.withdrawn" : "contests.notWithdrawn", { id: entry.id }));
}

async function review(interaction: ChatInputCommandInteraction, ctx: Ctx): Promise<void> {
  const say = memberSay(interaction);
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  if (!contest) return replyPrivately(interaction, say("contests.noContestUnderway"));
  const pending = await ctx.contests.entries(contest.id, ["pending"]);
  if (!pending.length) return replyPrivately(interaction, say("contests.noPending", { id: contest.id }));
  const shown = pending.slice(0, 5);
  await interaction.reply({
    content: say("contests.pendingCount", { count: pending.length, more: pending.length > 5 ? "yes" : "no" }),
    embeds: shown.map((entry) => ({
      title: say("contests.entryNumber", { id: entry.id }),
      description: `${say("contests.entryBy", { user: entry.userId })}\n${userText(entry.prompt, 1000)}`,
      image: { url: entry.imageUrl },
    })),
    components: shown.map((entry) => reviewRow(entry.id, say)),
    flags: MessageFlags.Ephemeral,
  });
}

async function status(interaction: ChatInputCommandInteraction, ctx: Ctx): Promise<void> {
  const say = memberSay(interaction);
  const contest = await pickContest(interaction, ctx);
  if (!contest) return replyPrivately(interaction, say("contests.noContests"));
  const [shown, pending, mine, votesUsed] = await Promise.all([
    ctx.contests.entries(contest.id, ["approved"]),
    ctx.contests.entries(contest.id, ["pending"]),
    ctx.contests.entriesOf(contest.id, interaction.user.id),
    ctx.contests.votesBy(contest.id, interaction.user.id),
  ]);
  await interaction.reply({
    embeds: [statusEmbed(contest, ctx.catalog, { shown: shown.length, pending: pending.length, mine, votesUsed }, say)],
    flags: MessageFlags.Ephemeral,
  });
}

async function end(interaction: ChatInputCommandInteraction, ctx: Ctx) {
  const say = memberSay(interaction);
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  if (!contest || (contest.phase !== "submission" && contest.phase !== "voting")) return replyPrivately(interaction, say("contests.noneToEnd"));
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const done = await ctx.contestEngine.phases.finish(contest.id);
  await interaction.editReply(done ? say("contests.ended", { id: contest.id, channel: contest.channelId }) : say("contests.alreadyEnded", { id: contest.id }));
}

async function cancel(interaction: ChatInputCommandInteraction, ctx: Ctx) {
  const say = memberSay(interaction);
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  if (!contest || (contest.phase !== "submission" && contest.phase !== "voting")) return replyPrivately(interaction, say("contests.noneToCancel"));
  const done = await ctx.contestEngine.phases.cancel(contest.id, interaction.user.id);
  return replyPrivately(interaction, say(done ? "contests.cancelled" : "contests.alreadyEnded", { id: contest.id }));
}

async function list(interaction: ChatInputCommandInteraction, ctx: Ctx) {
  return replyPrivately(interaction, listText(await ctx.contests.list(interaction.guildId!), memberSay(interaction)));
}

export const contestSubcommands = { create, enter, withdraw, review, status, list, end, cancel } satisfies Record<
  string,
  (interaction: ChatInputCommandInteraction, ctx: Ctx) => Promise<void>
>;

export type ContestSubcommand = keyof typeof contestSubcommands;
