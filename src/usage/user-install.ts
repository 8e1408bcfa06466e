// A member's own install of the app (DMs, group DMs, servers that did not add the bot): no server's settings apply
// there, so the operator's limits (environment, see config.ts) do, per member, with spend counted against the member.
import type { ModelDefinition } from "../models/index.js";
import { defaultGuildSettings, type GuildSettings } from "../settings/index.js";
import type { TodayTotals } from "../store/ledger.js";
import type { Translate } from "../i18n/index.js";
import { nextUtcMidnight, type JobAsk } from "./admission.js";

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

const relative = (at: number) => `<t:${Math.ceil(at / 1000)}:R>`;

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

/** The model the member asked for, where the operator allows it. */
export function userInstallModelProblems(limits: UserInstallLimits, model: ModelDefinition, say: Translate): string[] {
  return limits.models && !limits.models.includes(model.id) ? [say("install.modelOff", { model: model.name })] : [];
}

/** Jobs in flight, the member's daily images and their daily budget; `totals` are the member's own (memberSpendKey). */
export function userInstallLimitProblems(limits: UserInstallLimits, totals: TodayTotals, ask: JobAsk, now: number, say: Translate): string[] {
  const problems: string[] = [];
  const resets = relative(nextUtcMidnight(now));
  if (totals.memberInFlight >= limits.maxJobs) problems.push(say("install.inFlight", { count: limits.maxJobs }));
  const left = Math.max(0, limits.dailyImages - totals.memberImages);
  if (ask.images > 0 && left === 0) problems.push(say("install.imagesUsed", { used: totals.memberImages, quota: limits.dailyImages, resets }));
  else if (ask.images > left) problems.push(say("install.imagesLeft", { left, quota: limits.dailyImages, asked: ask.images, resets }));
  if (totals.guildUsd + ask.usd > limits.dailyBudgetUsd + 1e-9) {
    problems.push(
      totals.guildUsd >= limits.dailyBudgetUsd
        ? say("install.budgetSpent", { resets })
        : say("install.budgetOver", { left: Math.max(0, limits.dailyBudgetUsd - totals.guildUsd), resets }),
    );
  }
  return problems;
}
