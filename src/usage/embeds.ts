// What /usage shows, in the member's language: their own day, and for admins the server's last 30 days next to the chart.
import { EmbedBuilder } from "discord.js";
import { nextUtcMidnight } from "./admission.js";
import type { GuildSettings } from "../settings/index.js";
import { formatSpend } from "../models/index.js";
import type { UsageReport } from "./report.js";
import type { TodayTotals } from "../store/ledger.js";
import { translator, type SupportedLocale, type Translate } from "../i18n/index.js";

export const usageChartFile = "usage-30d.png";

const relative = (at: number) => `<t:${Math.ceil(at / 1000)}:R>`;

function imagesToday(say: Translate, settings: GuildSettings, used: number): string {
  if (settings.dailyImageQuota === null) return say("usage.imagesNoLimit", { used });
  const left = Math.max(0, settings.dailyImageQuota - used);
  return say("usage.imagesOfQuota", { used, quota: settings.dailyImageQuota, left });
}

/**
 * The member's day. `ownBudget`: the daily budget is the member's own (a member's own install, the operator's limits),
 * so their spend is shown against it; a server's budget is the server's, shown to admins only.
 */
export function memberUsageEmbed(
  settings: GuildSettings,
  totals: TodayTotals,
  spentUsd: number,
  now: number,
  locale: SupportedLocale,
  ownBudget = false,
): EmbedBuilder {
  const say = translator(locale);
  const budget = ownBudget ? settings.dailyBudgetUsd : null;
  const spent = budget === null ? formatSpend(spentUsd) : say("usage.spentOfBudget", { spent: spentUsd, budget });
  const fields = [
    { name: say("usage.imagesToday"), value: imagesToday(say, settings, totals.memberImages), inline: true },
    { name: say("usage.spentToday"), value: spent, inline: true },
    { name: say("usage.jobsRunning"), value: say("usage.jobsRunningValue", { running: totals.memberInFlight, max: settings.maxJobsInFlight }), inline: true },
  ];
  const readyAt = totals.memberLastJobAt === undefined ? 0 : totals.memberLastJobAt + settings.cooldownSeconds * 1000;
  if (readyAt > now) fields.push({ name: say("usage.nextJob"), value: say("usage.nextJobValue", { when: relative(readyAt) }), inline: true });
  fields.push({ name: say("usage.resets"), value: say("usage.resetsValue", { when: relative(nextUtcMidnight(now)) }), inline: true });
  return new EmbedBuilder().setTitle(say("usage.memberTitle")).addFields(fields);
}

function todayLine(say: Translate, report: UsageReport, settings: GuildSettings): string {
  const spent = formatSpend(report.lastDayUsd);
  if (settings.dailyBudgetUsd === null) return say("usage.todayNoBudget", { spent });
  const left = Math.max(0, settings.dailyBudgetUsd - report.lastDayUsd);
  return say("usage.todayOfBudget", { spent, budget: formatSpend(settings.dailyBudgetUsd), left: formatSpend(left) });
}

export function serverUsageEmbed(report: UsageReport, settings: GuildSettings, locale: SupportedLocale): EmbedBuilder {
  const say = translator(locale);
  const days = report.chart.days;
  const byModel = Object.entries(report.totals.byModel)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([name, usd]) => `${name}: ${formatSpend(usd)}`);
  const members = report.topMembers.map((m, i) => say("usage.topMember", { rank: i + 1, user: m.userId, spent: formatSpend(m.usd), images: m.images }));
  return new EmbedBuilder()
    .setTitle(say("usage.serverTitle"))
    .setDescription(say("usage.serverRange", { from: days[0]?.day ?? "", to: days[days.length - 1]?.day ?? "" }))
    .addFields(
      { name: say("usage.total"), value: formatSpend(report.totals.total), inline: true },
      { name: say("usage.today"), value: todayLine(say, report, settings), inline: true },
      { name: say("usage.byModel"), value: (byModel.join("\n") || say("usage.nothingYet")).slice(0, 1024) },
      { name: say("usage.topMembers"), value: (members.join("\n") || say("usage.nobodyYet")).slice(0, 1024) },
    )
    .setImage(`attachment://${usageChartFile}`)
    .setFooter({ text: say("usage.serverFooter") });
}
