// What /usage shows: a member's own day, and for admins the server's last 30 days next to the chart.
import { EmbedBuilder } from "discord.js";
import { nextUtcMidnight } from "./admission.js";
import type { GuildSettings } from "../settings/index.js";
import { formatSpend } from "../models/index.js";
import type { UsageReport } from "./report.js";
import type { TodayTotals } from "../store/ledger.js";
import { countOf } from "../wording.js";

export const usageChartFile = "usage-30d.png";

const relative = (at: number) => `<t:${Math.ceil(at / 1000)}:R>`;

function imagesToday(settings: GuildSettings, used: number): string {
  if (settings.dailyImageQuota === null) return `${used} (no daily limit on this server)`;
  const left = Math.max(0, settings.dailyImageQuota - used);
  return `${used} of ${settings.dailyImageQuota} used · ${left} left`;
}

export function memberUsageEmbed(settings: GuildSettings, totals: TodayTotals, spentUsd: number, now: number): EmbedBuilder {
  const fields = [
    { name: "Images today", value: imagesToday(settings, totals.memberImages), inline: true },
    { name: "Spent today", value: formatSpend(spentUsd), inline: true },
    { name: "Jobs running", value: `${totals.memberInFlight} of ${settings.maxJobsInFlight} at once`, inline: true },
  ];
  const readyAt = totals.memberLastJobAt === undefined ? 0 : totals.memberLastJobAt + settings.cooldownSeconds * 1000;
  if (readyAt > now) fields.push({ name: "Next job", value: `possible ${relative(readyAt)}`, inline: true });
  fields.push({ name: "Resets", value: `${relative(nextUtcMidnight(now))} (midnight UTC)`, inline: true });
  return new EmbedBuilder().setTitle("Your usage today").addFields(fields);
}

function todayLine(report: UsageReport, settings: GuildSettings): string {
  const spent = formatSpend(report.lastDayUsd);
  if (settings.dailyBudgetUsd === null) return `${spent} (no daily budget)`;
  const left = Math.max(0, settings.dailyBudgetUsd - report.lastDayUsd);
  return `${spent} of ${formatSpend(settings.dailyBudgetUsd)} · ${formatSpend(left)} left`;
}

export function serverUsageEmbed(report: UsageReport, settings: GuildSettings): EmbedBuilder {
  const days = report.chart.days;
  const byModel = Object.entries(report.totals.byModel)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([name, usd]) => `${name}: ${formatSpend(usd)}`);
  const members = report.topMembers.map((m, i) => `${i + 1}. <@${m.userId}>: ${formatSpend(m.usd)} · ${countOf(m.images, "image")}`);
  return new EmbedBuilder()
    .setTitle("Server spend, last 30 days")
    .setDescription(`${days[0]?.day ?? ""} to ${days[days.length - 1]?.day ?? ""} (UTC), today included.`)
    .addFields(
      { name: "Total", value: formatSpend(report.totals.total), inline: true },
      { name: "Today", value: todayLine(report, settings), inline: true },
      { name: "By model", value: (byModel.join("\n") || "Nothing yet").slice(0, 1024) },
      { name: "Top members", value: (members.join("\n") || "Nobody yet").slice(0, 1024) },
    )
    .setImage(`attachment://${usageChartFile}`)
    .setFooter({ text: "Jobs still running count at their estimate until they finish; failed jobs cost nothing." });
}
