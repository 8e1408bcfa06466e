// The subcommands and options of /settings, and reading the one a member used back into a change.
import { ChannelType, type ChatInputCommandInteraction, type SlashCommandSubcommandsOnlyBuilder } from "discord.js";
import { localize, modelChoice, valueChoice } from "../i18n/index.js";
import type { Catalog } from "../models/index.js";
import type { GuildSettings } from "./schema.js";

export type SettingsChange =
  | { kind: "view" }
  | { kind: "reset" }
  | { kind: "set"; values: Partial<GuildSettings> }
  | { kind: "model"; modelId: string; enabled: boolean }
  | { kind: "channel"; channelId: string; allowed: boolean }
  | { kind: "premium-role"; roleId: string; required: boolean }
  | { kind: "contest-role"; roleId: string; required: boolean };

type Builder = SlashCommandSubcommandsOnlyBuilder;

/** Channels a member can run a slash command in and the bot can answer in. */
const channelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildVoice] as const;

export function addSettingsSubcommands(builder: Builder, catalog: Catalog): Builder {
  const modelChoices = (models: readonly { name: string; id: string }[]) => models.map((m) => modelChoice(m));
  return builder
    .addSubcommand((s) => localize(s, "view", "settings.view"))
    .addSubcommand((s) =>
      localize(s, "set", "settings.set")
        .addStringOption((o) => localize(o, "default_image_model", "settings.default_image_model").addChoices(...modelChoices(catalog.list("text-to-image"))))
        .addStringOption((o) => localize(o, "default_edit_model", "settings.default_edit_model").addChoices(...modelChoices(catalog.list("edit"))))
        .addIntegerOption((o) => localize(o, "daily_image_quota", "settings.daily_image_quota").setMinValue(0).setMaxValue(10_000))
        .addIntegerOption((o) => localize(o, "cooldown_seconds", "settings.cooldown_seconds").setMinValue(0).setMaxValue(86_400))
        .addIntegerOption((o) => localize(o, "max_jobs_in_flight", "settings.max_jobs_in_flight").setMinValue(1).setMaxValue(50))
        .addNumberOption((o) => localize(o, "daily_budget_usd", "settings.daily_budget_usd").setMinValue(0).setMaxValue(100_000))
        .addIntegerOption((o) => localize(o, "premium_count_above", "settings.premium_count_above").setMinValue(1).setMaxValue(4))
        .addStringOption((o) => localize(o, "nsfw_policy", "settings.nsfw_policy").addChoices(valueChoice("withhold"), valueChoice("spoiler")))
        .addBooleanOption((o) => localize(o, "private_by_default", "settings.private_by_default")),
    )
    .addSubcommand((s) =>
      localize(s, "model", "settings.model")
        .addStringOption((o) => localize(o, "model", "settings.model.model").setRequired(true).addChoices(...modelChoices(catalog.all())))
        .addBooleanOption((o) => localize(o, "enabled", "settings.model.enabled").setRequired(true)),
    )
    .addSubcommand((s) =>
      localize(s, "channel", "settings.channel")
        .addChannelOption((o) => localize(o, "channel", "settings.channel.channel").setRequired(true).addChannelTypes(...channelTypes))
        .addBooleanOption((o) => localize(o, "allowed", "settings.addOrRemove").setRequired(true)),
    )
    .addSubcommand((s) =>
      localize(s, "premium_role", "settings.premium_role")
        .addRoleOption((o) => localize(o, "role", "settings.role").setRequired(true))
        .addBooleanOption((o) => localize(o, "required", "settings.addOrRemove").setRequired(true)),
    )
    .addSubcommand((s) =>
      localize(s, "contest_role", "settings.contest_role")
        .addRoleOption((o) => localize(o, "role", "settings.role").setRequired(true))
        .addBooleanOption((o) => localize(o, "required", "settings.addOrRemove").setRequired(true)),
    )
    .addSubcommand((s) => localize(s, "reset", "settings.reset"));
}

/** Zero means "no limit" for the quota and the budget, which the settings store as null. */
const zeroIsNone = (value: number | null) => (value === null ? undefined : value === 0 ? null : value);

function readSet(interaction: ChatInputCommandInteraction): Partial<GuildSettings> {
  const o = interaction.options;
  const values: Partial<GuildSettings> = {
    defaultTextModel: o.getString("default_image_model") ?? undefined,
    defaultEditModel: o.getString("default_edit_model") ?? undefined,
    dailyImageQuota: zeroIsNone(o.getInteger("daily_image_quota")),
    cooldownSeconds: o.getInteger("cooldown_seconds") ?? undefined,
    maxJobsInFlight: o.getInteger("max_jobs_in_flight") ?? undefined,
    dailyBudgetUsd: zeroIsNone(o.getNumber("daily_budget_usd")),
    premiumCountAbove: o.getInteger("premium_count_above") ?? undefined,
    nsfwPolicy: (o.getString("nsfw_policy") as GuildSettings["nsfwPolicy"] | null) ?? undefined,
    privateByDefault: o.getBoolean("private_by_default") ?? undefined,
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

export function readSettingsChange(interaction: ChatInputCommandInteraction): SettingsChange {
  const o = interaction.options;
  switch (o.getSubcommand(true)) {
    case "set":
      return { kind: "set", values: readSet(interaction) };
    case "model":
      return { kind: "model", modelId: o.getString("model", true), enabled: o.getBoolean("enabled", true) };
    case "channel":
      return { kind: "channel", channelId: o.getChannel("channel", true).id, allowed: o.getBoolean("allowed", true) };
    case "premium_role":
      return { kind: "premium-role", roleId: o.getRole("role", true).id, required: o.getBoolean("required", true) };
    case "contest_role":
      return { kind: "contest-role", roleId: o.getRole("role", true).id, required: o.getBoolean("required", true) };
    case "reset":
      return { kind: "reset" };
    default:
      return { kind: "view" };
  }
}
