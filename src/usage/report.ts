// A server's spend over the last days, from the ledger's rows: the chart's data, its totals and the top members.
import type { SpendRow } from "../store/ledger.js";
import { chartTotals, type ChartTotals, type UsageChartData } from "./chart.js";

export interface MemberSpend {
  userId: string;
  usd: number;
  images: number;
}

export interface UsageReport {
  chart: UsageChartData;
  /** The figures the chart draws; the text must print these, not sums of its own. */
  totals: ChartTotals;
  /** The last day's spend (today, when `days` ends today). */
  lastDayUsd: number;
  /** Biggest spenders first. */
  topMembers: MemberSpend[];
}

const DAY_MS = 86_400_000;

/** The `count` UTC days ending with `today` (YYYY-MM-DD), oldest first. */
export function lastDays(today: string, count: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

// Integer micro-dollars, as the chart sums, so a member's total is exact too.
const micros = (usd: number) => Math.round(usd * 1_000_000);

/** The exact sum of the rows' spend. */
export function sumSpend(rows: readonly SpendRow[]): number {
  return rows.reduce((sum, row) => sum + micros(row.usd), 0) / 1_000_000;
}

function topMembers(rows: readonly SpendRow[], limit: number): MemberSpend[] {
  const byMember = new Map<string, { micros: number; images: number }>();
  for (const row of rows) {
    const sum = byMember.get(row.userId) ?? { micros: 0, images: 0 };
    byMember.set(row.userId, { micros: sum.micros + micros(row.usd), images: sum.images + row.images });
  }
  return [...byMember.entries()]
    .map(([userId, sum]) => ({ userId, usd: sum.micros / 1_000_000, images: sum.images }))
    .sort((a, b) => b.usd - a.usd || b.images - a.images || (a.userId < b.userId ? -1 : 1))
    .slice(0, limit);
}

/** `modelName` labels the chart's series (a model's display name; several ids may not share one). */
export function usageReport(
  rows: readonly SpendRow[],
  days: readonly string[],
  modelName: (modelId: string) => string,
  title: string,
  topCount = 5,
): UsageReport {
  const inRange = rows.filter((row) => days.includes(row.day));
  const chart: UsageChartData = {
    title,
    days: days.map((day) => {
      const sums = new Map<string, number>();
      for (const row of inRange) {
        if (row.day !== day) continue;
        const name = modelName(row.modelId);
        sums.set(name, (sums.get(name) ?? 0) + micros(row.usd));
      }
      return { day, byModel: Object.fromEntries([...sums].map(([name, sum]) => [name, sum / 1_000_000])) };
    }),
  };
  const last = chart.days[chart.days.length - 1];
  return {
    chart,
    totals: chartTotals(chart),
    lastDayUsd: last ? chartTotals({ title, days: [last] }).total : 0,
    topMembers: topMembers(inRange, topCount),
  };
}
