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

/** What the subcommands take from the app. */
export interface ContestCommandDeps extends GenerationDeps, ContestButtonDeps {
  contests: ContestRepository;
  contestEngine: ContestEngine;
}

type Ctx = ContestCommandDeps;

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
  const settings = await ctx.settings.get(interaction.guildId!);
  const read = readCreate(interaction, ctx.catalog, settings);
  if (!read.ok) return replyPrivately(interaction, `No contest was created. Please change this:\n${read.problems.map((p) => `• ${p}`).join("\n")}`);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const contest = await ctx.contests.create(read.contest);
  try {
    const channel = await sendableChannel(interaction.client, contest.channelId);
    const announcement = await channel.send({ embeds: [announcementEmbed(contest, ctx.catalog)] });
    await ctx.contests.setAnnouncementMessage(contest.id, announcement.id);
  } catch (error) {
    ctx.log.warn({ err: error, contest: contest.id }, "could not announce a contest");
    await ctx.contests.advance(contest.id, ["submission"], "cancelled");
    await interaction.editReply(`The bot cannot post in <#${contest.channelId}>, so no contest was started. Let it send messages and attach files there, then try again.`);
    return;
  }
  ctx.contestEngine.schedule.plan(contest);
  ctx.log.info({ contest: contest.id, guild: contest.guildId, by: interaction.user.id }, "contest created");
  await interaction.editReply(
    `Contest #${contest.id} **${quote(contest.theme, 200)}** is announced in <#${contest.channelId}>. Entries close ${stamp(contest.submissionEndsAt)}; voting ends ${stamp(contest.votingEndsAt)}.`,
  );
}

async function enter(interaction: ChatInputCommandInteraction, ctx: Ctx) {
  const contest = await pickContest(interaction, ctx, ["submission"]);
  const problem = await ctx.contestEngine.entries.enterProblem(contest ?? (await pickContest(interaction, ctx)), interaction.user.id);
  if (problem || !contest) return replyPrivately(interaction, problem ?? "There is no contest open for entries on this server right now.");
  const attachment = interaction.options.getAttachment("image");
  const kind: ModelKind = attachment ? "edit" : "text-to-image";
  const chosen = interaction.options.getString("model");
  let model = chosen ? ctx.catalog.get(chosen) : undefined;
  if (model && model.kind !== kind) {
    return replyPrivately(interaction, attachment ? `${model.name} makes images from text only; pick an edit model, or leave out the image.` : `${model.name} edits images; attach an image, or pick another model.`);
  }
  if (model) {
    const modelProblem = ctx.contestEngine.entries.modelProblem(contest, model.id);
    if (modelProblem) return replyPrivately(interaction, modelProblem);
  } else if (contest.allowedModels) {
    model = contest.allowedModels.map((id) => ctx.catalog.get(id)).find((m) => m?.kind === kind);
    if (!model) return replyPrivately(interaction, `None of this contest's models ${attachment ? "edits images; leave out the image" : "starts from text; attach an image to edit"}.`);
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
  const entryId = interaction.options.getInteger("entry");
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  const mine = contest ? await ctx.contests.entriesOf(contest.id, interaction.user.id) : [];
  const entry = entryId === null ? mine.at(-1) : mine.find((e) => e.id === entryId);
  if (!contest || !entry) return replyPrivately(interaction, entryId === null ? "You have no entry to withdraw." : `Entry #${entryId} is not one of your entries in this contest.`);
  if (contest.phase !== "submission") return replyPrivately(interaction, "Entries can be withdrawn only while the contest takes entries; voting has started.");
  const done = await ctx.contestEngine.entries.withdraw(entry, interaction.user.id);
  return replyPrivately(interaction, done ? `Entry #${entry.id} is withdrawn.` : `Entry #${entry.id} could not be withdrawn (entries are closed).`);
}

async function review(interaction: ChatInputCommandInteraction, ctx: Ctx): Promise<void> {
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  if (!contest) return replyPrivately(interaction, "There is no contest under way.");
  const pending = await ctx.contests.entries(contest.id, ["pending"]);
  if (!pending.length) return replyPrivately(interaction, `No entry of contest #${contest.id} is waiting for review.`);
  const shown = pending.slice(0, 5);
  await interaction.reply({
    content: `${pending.length} entr${pending.length === 1 ? "y is" : "ies are"} waiting for review${pending.length > 5 ? " (the first 5 are shown)" : ""}.`,
    embeds: shown.map((entry) => ({
      title: `Entry #${entry.id}`,
      description: `by <@${entry.userId}>\n${userText(entry.prompt, 1000)}`,
      image: { url: entry.imageUrl },
    })),
    components: shown.map((entry) => reviewRow(entry.id)),
    flags: MessageFlags.Ephemeral,
  });
}

async function status(interaction: ChatInputCommandInteraction, ctx: Ctx): Promise<void> {
  const contest = await pickContest(interaction, ctx);
  if (!contest) return replyPrivately(interaction, "This server has no contests yet.");
  const [shown, pending, mine, votesUsed] = await Promise.all([
    ctx.contests.entries(contest.id, ["approved"]),
    ctx.contests.entries(contest.id, ["pending"]),
    ctx.contests.entriesOf(contest.id, interaction.user.id),
    ctx.contests.votesBy(contest.id, interaction.user.id),
  ]);
  await interaction.reply({
    embeds: [statusEmbed(contest, ctx.catalog, { shown: shown.length, pending: pending.length, mine, votesUsed })],
    flags: MessageFlags.Ephemeral,
  });
}

async function end(interaction: ChatInputCommandInteraction, ctx: Ctx) {
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  if (!contest || (contest.phase !== "submission" && contest.phase !== "voting")) return replyPrivately(interaction, "There is no contest under way to end.");
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const done = await ctx.contestEngine.phases.finish(contest.id);
  await interaction.editReply(done ? `Contest #${contest.id} is over; the results are in <#${contest.channelId}>.` : `Contest #${contest.id} had already ended.`);
}

async function cancel(interaction: ChatInputCommandInteraction, ctx: Ctx) {
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  if (!contest || (contest.phase !== "submission" && contest.phase !== "voting")) return replyPrivately(interaction, "There is no contest under way to cancel.");
  const done = await ctx.contestEngine.phases.cancel(contest.id, interaction.user.id);
  return replyPrivately(interaction, done ? `Contest #${contest.id} is cancelled.` : `Contest #${contest.id} had already ended.`);
}

async function list(interaction: ChatInputCommandInteraction, ctx: Ctx) {
  return replyPrivately(interaction, listText(await ctx.contests.list(interaction.guildId!)));
}

export const contestSubcommands = { create, enter, withdraw, review, status, list, end, cancel } satisfies Record<
  string,
  (interaction: ChatInputCommandInteraction, ctx: Ctx) => Promise<void>
>;

export type ContestSubcommand = keyof typeof contestSubcommands;
