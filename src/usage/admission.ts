// Whether a member may run a job here and now, by the server's settings: each refusal says exactly why
// and what to do. Checks that need no totals run first; the limits run inside the ledger's transaction.
import { type GenerationRequest, type ModelDefinition, premiumModelIds } from "../models/index.js";
import { countOf } from "../wording.js";
import type { TodayTotals } from "../store/ledger.js";
import type { GuildSettings } from "../settings/index.js";

const premiumResolutions: ReadonlySet<string> = new Set(["2K", "4K"]);

export interface MemberFacts {
  channelId: string;
  roleIds: readonly string[];
  /** Members with Manage Server are never held back by the premium role gate. */
  canManageServer: boolean;
}

export interface JobAsk {
  model: ModelDefinition;
  request: GenerationRequest;
  /** Images the job will make if it succeeds. */
  images: number;
  usd: number;
}

const roleList = (ids: readonly string[]) => ids.map((id) => `<@&${id}>`).join(" or ");
const channelList = (ids: readonly string[]) => ids.slice(0, 5).map((id) => `<#${id}>`).join(", ");

export function nextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

const relative = (at: number) => `<t:${Math.ceil(at / 1000)}:R>`;

/** The premium parts of a request, in words, e.g. ["Nano Banana Pro", "the 4K resolution"]. */
export function premiumChoices(ask: JobAsk, settings: GuildSettings): string[] {
  const choices: string[] = [];
  if (premiumModelIds.has(ask.model.id)) choices.push(ask.model.name);
  if (ask.request.resolution && premiumResolutions.has(ask.request.resolution)) choices.push(`the ${ask.request.resolution} resolution`);
  if (ask.images > settings.premiumCountAbove) choices.push(`more than ${countOf(settings.premiumCountAbove, "image")} at once`);
  return choices;
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
export function permissionProblems(settings: GuildSettings, member: MemberFacts, ask: JobAsk): string[] {
  const problems: string[] = [];
  if (!channelAllowed(settings, member.channelId)) {
    problems.push(`The bot is not used in this channel on this server. Use ${channelList(settings.allowedChannelIds)} for this.`);
  }
  if (settings.enabledModels && !settings.enabledModels.includes(ask.model.id)) {
    problems.push(`${ask.model.name} is turned off on this server. Pick another model, or ask a server admin to enable it.`);
  }
  if (!mayUsePremium(settings, member)) {
    for (const choice of premiumChoices(ask, settings)) {
      problems.push(`${choice[0]!.toUpperCase()}${choice.slice(1)} needs the ${roleList(settings.premiumRoleIds)} role.`);
    }
  }
  return problems;
}

/** Cooldown, jobs in flight, the member's daily quota and the server's daily budget. */
export function limitProblems(settings: GuildSettings, totals: TodayTotals, ask: JobAsk, now: number): string[] {
  const problems: string[] = [];
  if (settings.cooldownSeconds > 0 && totals.memberLastJobAt !== undefined) {
    const readyAt = totals.memberLastJobAt + settings.cooldownSeconds * 1000;
    if (readyAt > now) problems.push(`Please wait a little: you can start another job ${relative(readyAt)}.`);
  }
  if (totals.memberInFlight >= settings.maxJobsInFlight) {
    problems.push(`You already have ${countOf(settings.maxJobsInFlight, "job")} running, the most this server allows. Wait for one to finish.`);
  }
  const resets = relative(nextUtcMidnight(now));
  if (settings.dailyImageQuota !== null) {
    const quota = settings.dailyImageQuota;
    const left = Math.max(0, quota - totals.memberImages);
    if (left === 0) problems.push(`You have used ${totals.memberImages} of your ${quota} images today; it resets ${resets}.`);
    else if (ask.images > left) {
      problems.push(`You have ${left} of your ${quota} images left today and asked for ${ask.images}; ask for fewer, or wait until it resets ${resets}.`);
    }
  }
  if (settings.dailyBudgetUsd !== null && totals.guildUsd + ask.usd > settings.dailyBudgetUsd + 1e-9) {
    problems.push(
      totals.guildUsd >= settings.dailyBudgetUsd
        ? `The server's daily budget is spent; it resets ${resets}.`
        : `This would go over what is left of the server's daily budget; try a cheaper model or fewer images, or wait until it resets ${resets}.`,
    );
  }
  return problems;
}
