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
import { localize, modelChoice } from "../src/i18n/index.js";
import { replyPrivately } from "../src/discord/reply-privately.js";
import { catalog } from "../src/models/index.js";
import { resolveLocale, t } from "../src/i18n/index.js";

const contestOption = (o: SlashCommandIntegerOption) => localize(o, "contest", "contest.contest").setMinValue(1);

export const data = localize(new SlashCommandBuilder(), "contest", "contest")
  .setContexts(0)
  .setIntegrationTypes(0)
  .addSubcommand((s) =>
    localize(s, "create", "contest.create")
      .addStringOption((o) => localize(o, "theme", "contest.create.theme").setRequired(true).setMaxLength(200))
      .addChannelOption((o) =>
        localize(o, "channel", "contest.create.channel").setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addStringOption((o) => localize(o, "submission", "contest.create.submission").setRequired(true))
      .addStringOption((o) => localize(o, "voting", "contest.create.voting").setRequired(true))
      .addIntegerOption((o) => localize(o, "entries_per_member", "contest.create.entries_per_member").setMinValue(1).setMaxValue(10))
      .addIntegerOption((o) => localize(o, "votes_per_member", "contest.create.votes_per_member").setMinValue(1).setMaxValue(100))
      .addStringOption((o) => localize(o, "models", "contest.create.models").setMaxLength(500))
      .addBooleanOption((o) => localize(o, "approval", "contest.create.approval"))
      .addBooleanOption((o) => localize(o, "hide_counts", "contest.create.hide_counts")),
  )
  .addSubcommand((s) =>
    localize(s, "enter", "contest.enter")
      .addStringOption((o) => localize(o, "prompt", "contest.enter.prompt").setRequired(true).setMaxLength(5000))
      .addAttachmentOption((o) => localize(o, "image", "contest.enter.image"))
      .addStringOption((o) => localize(o, "model", "contest.enter.model").addChoices(...contestModels(catalog).map((m) => modelChoice(m))))
      .addIntegerOption(contestOption),
  )
  .addSubcommand((s) =>
    localize(s, "withdraw", "contest.withdraw")
      .addIntegerOption((o) => localize(o, "entry", "contest.withdraw.entry").setMinValue(1))
      .addIntegerOption(contestOption),
  )
  .addSubcommand((s) => localize(s, "review", "contest.review").addIntegerOption(contestOption))
  .addSubcommand((s) => localize(s, "status", "contest.status").addIntegerOption(contestOption))
  .addSubcommand((s) => localize(s, "list", "contest.list"))
  .addSubcommand((s) => localize(s, "end", "contest.end").addIntegerOption(contestOption))
  .addSubcommand((s) => localize(s, "cancel", "contest.cancel").addIntegerOption(contestOption))
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
