// A server's policy for the bot, with the defaults a server gets before anyone changes anything.
import { z } from "zod";

const snowflake = z.string().regex(/^\d{17,20}$/);

export const guildSettingsSchema = z.object({
  /** Model ids members may use; null means every model in the catalog. */
  enabledModels: z.array(z.string()).nullable().default(null),
  /** Default models for /imagine and /edit; null means the catalog's defaults. */
  defaultTextModel: z.string().nullable().default(null),
  defaultEditModel: z.string().nullable().default(null),
  /** Images one member may make per UTC day; null means no limit. */
  dailyImageQuota: z.number().int().min(0).max(10_000).nullable().default(null),
  /** Seconds a member waits between two jobs. */
  cooldownSeconds: z.number().int().min(0).max(86_400).default(0),
  /** Jobs one member may have unfinished at once. */
  maxJobsInFlight: z.number().int().min(1).max(50).default(3),
  /** What the whole server may spend per UTC day, in USD; null means no limit. */
  dailyBudgetUsd: z.number().min(0).max(100_000).nullable().default(null),
  /** Channels where the bot may be used; empty means everywhere. */
  allowedChannelIds: z.array(snowflake).max(25).default([]),
  /** Roles that unlock premium choices (Nano Banana Pro, 2K/4K, counts above the threshold); empty means everyone. */
  premiumRoleIds: z.array(snowflake).max(25).default([]),
  /** Roles whose members may run prompt contests (besides members with Manage Server). */
  contestModeratorRoleIds: z.array(snowflake).max(25).default([]),
  /** Counts above this are premium. */
  premiumCountAbove: z.number().int().min(1).max(4).default(2),
  /** Flagged images outside NSFW channels: withheld, or posted behind a spoiler. */
  nsfwPolicy: z.enum(["withhold", "spoiler"]).default("withhold"),
  /** Replies only the requester sees, unless they choose otherwise. */
  privateByDefault: z.boolean().default(false),
});

export type GuildSettings = z.infer<typeof guildSettingsSchema>;

export const defaultGuildSettings: GuildSettings = guildSettingsSchema.parse({});
