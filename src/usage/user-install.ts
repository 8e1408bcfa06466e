// A member's own install of the app (DMs, group DMs, servers that did not add the bot): no server's settings apply
// there, so the operator's limits (environment, see config.ts) do, per member, with spend counted against the member.
import { defaultGuildSettings, type GuildSettings } from "../settings/index.js";
import type { LimitWords } from "./admission.js";

export interface UserInstallLimits {
  /** Images one member may make per UTC day. */
  dailyImages: number;
  /** USD one member may spend per UTC day. */
  dailyBudgetUsd: number;
  /** Jobs one member may have unfinished at once. */
  maxJobs: number;
  /** Model ids members may use; null: every model. */
  models: readonly string[] | null;
}

/**
 * The limits as the settings every model choice reads (defaults, the enabled models): no channels, roles or premium
 * gate apply to a member's own install; the operator's models, quota and budget do.
 */
export function userInstallSettings(limits: UserInstallLimits): GuildSettings {
  return {
    ...defaultGuildSettings,
    enabledModels: limits.models ? [...limits.models] : null,
    dailyImageQuota: limits.dailyImages,
    dailyBudgetUsd: limits.dailyBudgetUsd,
    maxJobsInFlight: limits.maxJobs,
    cooldownSeconds: 0,
  };
}

/** The refusals' words where the operator's limits apply: they speak of the member's own install, not a server. */
export const ownInstallLimitWords: LimitWords = {
  modelOff: "install.modelOff",
  inFlight: "install.inFlight",
  quotaUsed: "install.imagesUsed",
  quotaLeft: "install.imagesLeft",
  budgetSpent: "install.budgetSpent",
  budgetOver: "install.budgetOver",
};
