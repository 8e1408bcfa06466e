// /contest: prompt contests — moderators create, end and cancel them and review entries; members enter,
// withdraw, and look at the status. Voting happens on the entries' buttons (src/contests/buttons.ts).
import {
  ChannelType,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type SlashCommandIntegerOption,
} from "discord.js";
import {
  canModerateContests,
  contestButtons,
  contestModels,
  contestSubcommands,
  moderatorWords,
  type ContestSubcommand,
} from "../src/contests/index.js";
import type { AppContext } from "../src/context.js";
import { replyPrivately } from "../src/discord/reply-privately.js";
import { catalog } from "../src/models/index.js";
import { resolveLocale, t } from "../src/i18n/index.js";

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
        o.setName("model").setDescription("Which model (the contest may allow only some)").addChoices(...contestModels(catalog).map((m) => ({ name: m.name, value: m.id }))),
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

const moderatorOnly = new Set(["create", "review", "end", "cancel"]);

function isSubcommand(name: string): name is ContestSubcommand {
  return Object.hasOwn(contestSubcommands, name);
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<void> {
  const locale = resolveLocale(interaction.locale);
  if (!interaction.guildId) return replyPrivately(interaction, t(locale, "contests.serverOnly"));
  const sub = interaction.options.getSubcommand(true);
  if (moderatorOnly.has(sub)) {
    const settings = await ctx.settings.get(interaction.guildId);
    if (!canModerateContests(interaction, settings)) {
      return replyPrivately(interaction, t(locale, "contests.onlyModerators", { who: moderatorWords(settings, locale), action: sub }));
    }
  }
  if (isSubcommand(sub)) await contestSubcommands[sub](interaction, ctx);
}
