// Whether a member may run a job here and now, by the server's settings: each refusal says exactly why
// and what to do. Checks that need no totals run first; the limits run inside the ledger's transaction.
import { type GenerationRequest, type ModelDefinition, premiumModelIds } from "../models/index.js";
import { fallbackLocale, listOr, t, type MessageKey, type SupportedLocale } from "../i18n/index.js";
import type { TodayTotals } from "../store/ledger.js";
import type { GuildSettings } from "../settings/index.js";

const premiumResolutions: ReadonlySet<string> = new Set(["2K", "4K"]);

export interface MemberFacts {
  channelId: string;
  roleIds: readonly string[];
  /** Members with Manage Server are never held back by the premium role gate. */
  canManageServer: boolean;
  /** The member's language, for the refusals' words (English when not known). */
  locale?: SupportedLocale;
}

/** The words of the refusals the limits give: a server's, or a member's own install's (the operator's limits). */
export interface LimitWords {
  modelOff: MessageKey;
  inFlight: MessageKey;
  quotaUsed: MessageKey;
  quotaLeft: MessageKey;
  budgetSpent: MessageKey;
  budgetOver: MessageKey;
}

export const serverLimitWords: LimitWords = {
  modelOff: "usage.modelOff",
  inFlight: "usage.inFlight",
  quotaUsed: "usage.quotaUsed",
  quotaLeft: "usage.quotaLeft",
  budgetSpent: "usage.budgetSpent",
  budgetOver: "usage.budgetOver",
};

export interface JobAsk {
  model: ModelDefinition;
  request: GenerationRequest;
  /** Images the job will make if it succeeds. */
  images: number;
  usd: number;
}

const roleList = (locale: SupportedLocale, ids: readonly string[]) => listOr(locale, ids.map((id) => `<@&${id}>`));
const channelList = (ids: readonly string[]) => ids.slice(0, 5).map((id) => `<#${id}>`).join(", ");

export function nextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

const relative = (at: number) => `<t:${Math.ceil(at / 1000)}:R>`;

/** The premium parts of a request, each as the refusal that names it, e.g. "The 4K resolution needs the @Pro role.". */
function premiumRefusals(ask: JobAsk, settings: GuildSettings, locale: SupportedLocale): string[] {
  const roles = roleList(locale, settings.premiumRoleIds);
  const refusals: string[] = [];
  if (premiumModelIds.has(ask.model.id)) refusals.push(t(locale, "usage.premiumModel", { model: ask.model.name, roles }));
  if (ask.request.resolution && premiumResolutions.has(ask.request.resolution)) {
    refusals.push(t(locale, "usage.premiumResolution", { resolution: ask.request.resolution, roles }));
  }
  if (ask.images > settings.premiumCountAbove) refusals.push(t(locale, "usage.premiumCount", { count: settings.premiumCountAbove, roles }));
  return refusals;
}

/** Whether the premium role gate lets this member through: no premium roles set, Manage Server, or one of the roles. */
export function mayUsePremium(settings: GuildSettings, member: MemberFacts): boolean {
  return settings.premiumRoleIds.length === 0 || member.canManageServer || member.roleIds.some((id) => settings.premiumRoleIds.includes(id));
}

export function isPremiumResolution(resolution: string): boolean {
  return premiumResolutions.has(resolution);
}

/** Whether the server lets the bot's jobs run in this channel (every channel when it lists none). */
export function channelAllowed(settings: GuildSettings, channelId: string): boolean {
  return !settings.allowedChannelIds.length || settings.allowedChannelIds.includes(channelId);
}

/** Channel, enabled models and the premium role gate. */
export function permissionProblems(settings: GuildSettings, member: MemberFacts, ask: JobAsk, words = serverLimitWords): string[] {
  const locale = member.locale ?? fallbackLocale;
  const problems: string[] = [];
  if (!channelAllowed(settings, member.channelId)) {
    problems.push(t(locale, "usage.channelNotAllowed", { channels: channelList(settings.allowedChannelIds) }));
  }
  if (settings.enabledModels && !settings.enabledModels.includes(ask.model.id)) {
    problems.push(t(locale, words.modelOff, { model: ask.model.name }));
  }
  if (!mayUsePremium(settings, member)) problems.push(...premiumRefusals(ask, settings, locale));
  return problems;
}

/** Cooldown, jobs in flight, the member's daily quota and the server's daily budget, in the member's language. */
export function limitProblems(
  settings: GuildSettings,
  totals: TodayTotals,
  ask: JobAsk,
  now: number,
  locale: SupportedLocale = fallbackLocale,
  words = serverLimitWords,
): string[] {
  const problems: string[] = [];
  if (settings.cooldownSeconds > 0 && totals.memberLastJobAt !== undefined) {
    const readyAt = totals.memberLastJobAt + settings.cooldownSeconds * 1000;
    if (readyAt > now) problems.push(t(locale, "usage.cooldown", { when: relative(readyAt) }));
  }
  if (totals.memberInFlight >= settings.maxJobsInFlight) {
    problems.push(t(locale, words.inFlight, { max: settings.maxJobsInFlight }));
  }
  const resets = relative(nextUtcMidnight(now));
  if (settings.dailyImageQuota !== null) {
    const quota = settings.dailyImageQuota;
    const left = Math.max(0, quota - totals.memberImages);
    if (left === 0) problems.push(t(locale, words.quotaUsed, { used: totals.memberImages, quota, resets }));
    else if (ask.images > left) problems.push(t(locale, words.quotaLeft, { left, quota, asked: ask.images, resets }));
  }
  if (settings.dailyBudgetUsd !== null && totals.guildUsd + ask.usd > settings.dailyBudgetUsd + 1e-9) {
    problems.push(
      t(locale, totals.guildUsd >= settings.dailyBudgetUsd ? words.budgetSpent : words.budgetOver, {
        left: Math.max(0, settings.dailyBudgetUsd - totals.guildUsd),
        resets,
      }),
    );
  }
  return problems;
}
