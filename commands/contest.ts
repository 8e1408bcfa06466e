// /contest: prompt contests — moderators create, end and cancel them and review entries; members enter,
// withdraw, and look at the status. Voting happens on the entries' buttons (src/contests/buttons.ts).
import {
  ChannelType,
  MessageFlags,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type SlashCommandIntegerOption,
} from "discord.js";
import { announcementEmbed, canModerateContests, contestButtons, listText, moderatorWords, readCreate, reviewRow, sendableChannel, stamp, statusEmbed } from "../src/contests/index.js";
import type { AppContext } from "../src/context.js";
import { fromAttachment, startGeneration } from "../src/generation/index.js";
import { quote } from "../src/wording.js";
import { catalog, type ModelKind } from "../src/models/index.js";
import type { ContestRecord } from "../src/store/contests.js";

const contestOption = (o: SlashCommandIntegerOption) =>
  o.setName("contest").setDescription("Contest number (default: the newest one that fits)").setMinValue(1);

export const data = new SlashCommandBuilder()
  .setName("contest")
  .setDescription("Prompt contests: enter, vote, see results")
  .setContexts(0)
  .setIntegrationTypes(0)
  .addSubcommand((s) =>
    s
      .setName("create")
      .setDescription("Start a contest (Manage Server or a contest role)")
      .addStringOption((o) => o.setName("theme").setDescription("What entries should show").setRequired(true).setMaxLength(200))
      .addChannelOption((o) =>
        o.setName("channel").setDescription("Where entries and results are posted").setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addStringOption((o) => o.setName("submission").setDescription("How long entries are taken (30m, 2h, 3d) or until when (Unix time, ISO date)").setRequired(true))
      .addStringOption((o) => o.setName("voting").setDescription("How long voting lasts after that (1d) or until when").setRequired(true))
      .addIntegerOption((o) => o.setName("entries_per_member").setDescription("Entries one member may have; default 1").setMinValue(1).setMaxValue(10))
      .addIntegerOption((o) => o.setName("votes_per_member").setDescription("Votes one member may give; default one per entry").setMinValue(1).setMaxValue(100))
      .addStringOption((o) => o.setName("models").setDescription("Models allowed, comma-separated (default: all the server allows)").setMaxLength(500))
      .addBooleanOption((o) => o.setName("approval").setDescription("Entries need a moderator's approval before they are shown"))
      .addBooleanOption((o) => o.setName("hide_counts").setDescription("Hide vote counts until the results (default yes)")),
  )
  .addSubcommand((s) =>
    s
      .setName("enter")
      .setDescription("Make an image for the contest; it enters when it is done")
      .addStringOption((o) => o.setName("prompt").setDescription("What to make").setRequired(true).setMaxLength(5000))
      .addAttachmentOption((o) => o.setName("image").setDescription("An image to edit instead of starting from text"))
      .addStringOption((o) =>
        o.setName("model").setDescription("Which model (the contest may allow only some)").addChoices(...catalog.all().map((m) => ({ name: m.name, value: m.id }))),
      )
      .addIntegerOption(contestOption),
  )
  .addSubcommand((s) =>
    s
      .setName("withdraw")
      .setDescription("Take your entry out of a contest (while entries are open)")
      .addIntegerOption((o) => o.setName("entry").setDescription("Entry number (default: your latest)").setMinValue(1))
      .addIntegerOption(contestOption),
  )
  .addSubcommand((s) => s.setName("review").setDescription("Approve or reject entries waiting for review (moderators)").addIntegerOption(contestOption))
  .addSubcommand((s) => s.setName("status").setDescription("Phase, deadlines, rules, your entries and votes").addIntegerOption(contestOption))
  .addSubcommand((s) => s.setName("list").setDescription("This server's contests"))
  .addSubcommand((s) => s.setName("end").setDescription("End a contest now and post the results (moderators)").addIntegerOption(contestOption))
  .addSubcommand((s) => s.setName("cancel").setDescription("Cancel a contest without results (moderators)").addIntegerOption(contestOption))
  .toJSON();

export const buttons = contestButtons;

async function tell(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  await interaction.reply({ content: content.slice(0, 2000), flags: MessageFlags.Ephemeral });
}

/** The contest a subcommand is about: the one named, or the newest in one of `phases`. */
async function pickContest(interaction: ChatInputCommandInteraction, ctx: AppContext, phases?: readonly ContestRecord["phase"][]) {
  const id = interaction.options.getInteger("contest");
  if (id !== null) {
    const contest = await ctx.contests.get(id);
    return contest?.guildId === interaction.guildId ? contest : undefined;
  }
  const all = await ctx.contests.list(interaction.guildId!, { limit: 50 });
  return all.find((c) => !phases || phases.includes(c.phase));
}

async function create(interaction: ChatInputCommandInteraction, ctx: AppContext) {
  const settings = await ctx.settings.get(interaction.guildId!);
  const read = readCreate(interaction, ctx.catalog, settings);
  if (!read.ok) return tell(interaction, `No contest was created. Please change this:\n${read.problems.map((p) => `• ${p}`).join("\n")}`);
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

async function enter(interaction: ChatInputCommandInteraction, ctx: AppContext) {
  const contest = await pickContest(interaction, ctx, ["submission"]);
  const problem = await ctx.contestEngine.entries.enterProblem(contest ?? (await pickContest(interaction, ctx)), interaction.user.id);
  if (problem || !contest) return tell(interaction, problem ?? "There is no contest open for entries on this server right now.");
  const attachment = interaction.options.getAttachment("image");
  const kind: ModelKind = attachment ? "edit" : "text-to-image";
  const chosen = interaction.options.getString("model");
  let model = chosen ? ctx.catalog.get(chosen) : undefined;
  if (model && model.kind !== kind) {
    return tell(interaction, attachment ? `${model.name} makes images from text only; pick an edit model, or leave out the image.` : `${model.name} edits images; attach an image, or pick another model.`);
  }
  if (model) {
    const modelProblem = ctx.contestEngine.entries.modelProblem(contest, model.id);
    if (modelProblem) return tell(interaction, modelProblem);
  } else if (contest.allowedModels) {
    model = contest.allowedModels.map((id) => ctx.catalog.get(id)).find((m) => m?.kind === kind);
    if (!model) return tell(interaction, `None of this contest's models ${attachment ? "edits images; leave out the image" : "starts from text; attach an image to edit"}.`);
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

async function withdraw(interaction: ChatInputCommandInteraction, ctx: AppContext) {
  const entryId = interaction.options.getInteger("entry");
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  const mine = contest ? await ctx.contests.entriesOf(contest.id, interaction.user.id) : [];
  const entry = entryId === null ? mine.at(-1) : mine.find((e) => e.id === entryId);
  if (!contest || !entry) return tell(interaction, entryId === null ? "You have no entry to withdraw." : `Entry #${entryId} is not one of your entries in this contest.`);
  if (contest.phase !== "submission") return tell(interaction, "Entries can be withdrawn only while the contest takes entries; voting has started.");
  const done = await ctx.contestEngine.entries.withdraw(entry, interaction.user.id);
  return tell(interaction, done ? `Entry #${entry.id} is withdrawn.` : `Entry #${entry.id} could not be withdrawn (entries are closed).`);
}

async function review(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  if (!contest) return tell(interaction, "There is no contest under way.");
  const pending = await ctx.contests.entries(contest.id, ["pending"]);
  if (!pending.length) return tell(interaction, `No entry of contest #${contest.id} is waiting for review.`);
  const shown = pending.slice(0, 5);
  await interaction.reply({
    content: `${pending.length} entr${pending.length === 1 ? "y is" : "ies are"} waiting for review${pending.length > 5 ? " (the first 5 are shown)" : ""}.`,
    embeds: shown.map((entry) => ({
      title: `Entry #${entry.id}`,
      description: `by <@${entry.userId}>\n${quote(entry.prompt, 1000)}`,
      image: { url: entry.imageUrl },
    })),
    components: shown.map((entry) => reviewRow(entry.id)),
    flags: MessageFlags.Ephemeral,
  });
}

async function status(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  const contest = await pickContest(interaction, ctx);
  if (!contest) return tell(interaction, "This server has no contests yet.");
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

async function end(interaction: ChatInputCommandInteraction, ctx: AppContext) {
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  if (!contest || (contest.phase !== "submission" && contest.phase !== "voting")) return tell(interaction, "There is no contest under way to end.");
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const done = await ctx.contestEngine.phases.finish(contest.id);
  await interaction.editReply(done ? `Contest #${contest.id} is over; the results are in <#${contest.channelId}>.` : `Contest #${contest.id} had already ended.`);
}

async function cancel(interaction: ChatInputCommandInteraction, ctx: AppContext) {
  const contest = await pickContest(interaction, ctx, ["submission", "voting"]);
  if (!contest || (contest.phase !== "submission" && contest.phase !== "voting")) return tell(interaction, "There is no contest under way to cancel.");
  const done = await ctx.contestEngine.phases.cancel(contest.id, interaction.user.id);
  return tell(interaction, done ? `Contest #${contest.id} is cancelled.` : `Contest #${contest.id} had already ended.`);
}

const moderatorOnly = new Set(["create", "review", "end", "cancel"]);

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.guildId) return void (await tell(interaction, "Contests belong to a server; use `/contest` in one."));
  const sub = interaction.options.getSubcommand(true);
  if (moderatorOnly.has(sub)) {
    const settings = await ctx.settings.get(interaction.guildId);
    if (!canModerateContests(interaction, settings)) {
      return void (await tell(interaction, `Only ${moderatorWords(settings)} can ${sub === "review" ? "review entries" : `${sub} contests`}.`));
    }
  }
  switch (sub) {
    case "create":
      return create(interaction, ctx);
    case "enter":
      return enter(interaction, ctx);
    case "withdraw":
      return withdraw(interaction, ctx);
    case "review":
      return review(interaction, ctx);
    case "status":
      return status(interaction, ctx);
    case "list":
      return void (await tell(interaction, listText(await ctx.contests.list(interaction.guildId))));
    case "end":
      return end(interaction, ctx);
    case "cancel":
      return cancel(interaction, ctx);
  }
}
