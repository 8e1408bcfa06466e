// The subcommands and options of /settings, and reading the one a member used back into a change.
import { ChannelType, type ChatInputCommandInteraction, type SlashCommandSubcommandsOnlyBuilder } from "discord.js";
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
  const modelChoices = (models: readonly { name: string; id: string }[]) => models.map((m) => ({ name: m.name, value: m.id }));
  return builder
    .addSubcommand((s) => s.setName("view").setDescription("Show this server's settings"))
    .addSubcommand((s) =>
      s
        .setName("set")
        .setDescription("Change one or more settings; the ones you leave out stay as they are")
        .addStringOption((o) =>
          o.setName("default_image_model").setDescription("Model /imagine uses when none is chosen").addChoices(...modelChoices(catalog.list("text-to-image"))),
        )
        .addStringOption((o) =>
          o.setName("default_edit_model").setDescription("Model /edit uses when none is chosen").addChoices(...modelChoices(catalog.list("edit"))),
        )
        .addIntegerOption((o) =>
          o.setName("daily_image_quota").setDescription("Images one member may make per day (UTC); 0 = no limit").setMinValue(0).setMaxValue(10_000),
        )
        .addIntegerOption((o) =>
          o.setName("cooldown_seconds").setDescription("Seconds a member waits between two jobs; 0 = none").setMinValue(0).setMaxValue(86_400),
        )
        .addIntegerOption((o) =>
          o.setName("max_jobs_in_flight").setDescription("Jobs one member may have running at once").setMinValue(1).setMaxValue(50),
        )
        .addNumberOption((o) =>
          o.setName("daily_budget_usd").setDescription("What the whole server may spend per day (UTC), in USD; 0 = no limit").setMinValue(0).setMaxValue(100_000),
        )
        .addIntegerOption((o) =>
          o.setName("premium_count_above").setDescription("More images than this at once is a premium choice").setMinValue(1).setMaxValue(4),
        )
        .addStringOption((o) =>
          o
            .setName("nsfw_policy")
            .setDescription("Images the model flagged, outside channels marked NSFW")
            .addChoices({ name: "withhold them", value: "withhold" }, { name: "post them behind a spoiler", value: "spoiler" }),
        )
        .addBooleanOption((o) => o.setName("private_by_default").setDescription("Show results only to the member who asked, unless they choose otherwise")),
    )
    .addSubcommand((s) =>
      s
        .setName("model")
        .setDescription("Turn one model on or off on this server")
        .addStringOption((o) => o.setName("model").setDescription("Which model").setRequired(true).addChoices(...modelChoices(catalog.all())))
        .addBooleanOption((o) => o.setName("enabled").setDescription("On (true) or off (false)").setRequired(true)),
    )
    .addSubcommand((s) =>
      s
        .setName("channel")
        .setDescription("Add a channel to, or remove it from, the channels where the bot may be used")
        .addChannelOption((o) => o.setName("channel").setDescription("Which channel").setRequired(true).addChannelTypes(...channelTypes))
        .addBooleanOption((o) => o.setName("allowed").setDescription("Add (true) or remove (false)").setRequired(true)),
    )
    .addSubcommand((s) =>
      s
        .setName("premium_role")
        .setDescription("Add or remove a role that unlocks premium choices (Nano Banana Pro, 2K/4K, many images)")
        .addRoleOption((o) => o.setName("role").setDescription("Which role").setRequired(true))
        .addBooleanOption((o) => o.setName("required").setDescription("Add (true) or remove (false)").setRequired(true)),
    )
    .addSubcommand((s) =>
      s
        .setName("contest_role")
        .setDescription("Add or remove a role whose members may run prompt contests (/contest)")
        .addRoleOption((o) => o.setName("role").setDescription("Which role").setRequired(true))
        .addBooleanOption((o) => o.setName("required").setDescription("Add (true) or remove (false)").setRequired(true)),
    )
    .addSubcommand((s) => s.setName("reset").setDescription("Put every setting back to the bot's defaults"));
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
