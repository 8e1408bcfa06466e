// The /usage chart: a server's daily spend stacked by model, drawn as SVG and rendered to PNG with sharp.
import { loadSharp } from "../media/sharp.js";
import { formatSpend, withThousands } from "../models/index.js";
import { fallbackLocale, translator, type SupportedLocale, type Translate } from "../i18n/index.js";

export interface UsageChartData {
  /** One entry per UTC day, oldest first, zero-filled by the caller. */
  days: { day: string; byModel: Record<string, number> }[];
  currency?: "USD";
  title: string;
}

export interface ChartTotals {
  total: number;
  byModel: Record<string, number>;
}

const WIDTH = 1000;
const HEIGHT = 500;
const FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

// An opaque Discord-dark card, so the chart reads the same on the light theme.
const COLORS = {
  card: "#2b2d31",
  grid: "#3f4147",
  axis: "#6d6f78",
  text: "#f2f3f5",
  muted: "#b5bac1",
  other: "#80848e",
};

const PALETTE = [
  "#5865f2",
  "#f0b232",
  "#23a55a",
  "#eb459e",
  "#00a8fc",
  "#f23f43",
  "#a78bfa",
  "#1abc9c",
  "#e67e22",
  "#c7ccd1",
];

const PLOT = { left: 84, right: 632, top: 104, bottom: 436 };
const LEGEND = { left: 664, right: 968, top: 104, rowHeight: 30 };
const MAX_TITLE = 44;
const MAX_LEGEND_NAME = 27;
const MIN_BAR_HEIGHT = 2;

// Sums are kept in integer micro-dollars so 0.1 + 0.2 totals exactly 0.3.
const MICROS = 1_000_000;

function toMicros(usd: number, day: string, model: string): number {
  if (!Number.isFinite(usd) || usd < 0) {
    throw new RangeError(`usage chart: spend for ${model} on ${day} must be a finite, non-negative number (got ${usd})`);
  }
  return Math.round(usd * MICROS);
}

interface MicroTotals {
  total: number;
  byModel: Map<string, number>;
  byDay: Map<string, number>[];
}

function microTotals(data: UsageChartData): MicroTotals {
  const byModel = new Map<string, number>();
  const byDay: Map<string, number>[] = [];
  let total = 0;
  for (const { day, byModel: spend } of data.days) {
    const dayMicros = new Map<string, number>();
    for (const [model, usd] of Object.entries(spend)) {
      const micros = toMicros(usd, day, model);
      dayMicros.set(model, (dayMicros.get(model) ?? 0) + micros);
      byModel.set(model, (byModel.get(model) ?? 0) + micros);
      total += micros;
    }
    byDay.push(dayMicros);
  }
  return { total, byModel, byDay };
}

/** The exact figures the chart draws, for the command to print alongside it; round only for display. */
export function chartTotals(data: UsageChartData): ChartTotals {
  const { total, byModel } = microTotals(data);
  const out: Record<string, number> = {};
  for (const [model, micros] of byModel) out[model] = micros / MICROS;
  return { total: total / MICROS, byModel: out };
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

interface Series {
  label: string;
  color: string;
  models: string[];
  micros: number;
}

// Models are ranked by 30-day spend (ties by name) and coloured by rank, biggest at the bottom of each bar.
// Past the palette's size the smallest ones share an "Other" series so no two series look alike.
function buildSeries(byModel: Map<string, number>, say: Translate): Series[] {
  const ranked = [...byModel.entries()]
    .filter(([, micros]) => micros > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  const own = ranked.length <= PALETTE.length ? ranked : ranked.slice(0, PALETTE.length - 1);
  const series: Series[] = own.map(([model, micros], i) => ({
    label: model,
    color: PALETTE[i] ?? COLORS.other,
    models: [model],
    micros,
  }));
  const rest = ranked.slice(own.length);
  if (rest.length > 0) {
    series.push({
      label: say("usage.chartOther", { count: rest.length }),
      color: COLORS.other,
      models: rest.map(([model]) => model),
      micros: rest.reduce((sum, [, micros]) => sum + micros, 0),
    });
  }
  return series;
}

// A step of 1, 2, 2.5 or 5 × 10^n giving about four gridlines; never under a cent so labels stay at 2 decimals.
function niceScale(maxUsd: number): { step: number; top: number } {
  if (maxUsd <= 0) return { step: 0.25, top: 1 };
  const raw = maxUsd / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factors = magnitude >= 0.1 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  const factor = factors.find((f) => f * magnitude >= raw * (1 - 1e-9)) ?? 10;
  const step = Math.max(0.01, factor * magnitude);
  return { step, top: Math.ceil(maxUsd / step - 1e-9) * step };
}

function axisLabel(usd: number, wholeDollars: boolean): string {
  if (wholeDollars) return `$${withThousands(Math.round(usd))}`;
  return formatSpend(usd);
}

/** "Jan 5" ("Jan 5, 2026" with the year) in the reader's language, for a YYYY-MM-DD day. */
function dayLabel(day: string, locale: SupportedLocale, withYear = false): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const format = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" });
  return format.format(new Date(`${day}T00:00:00Z`));
}

function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function text(x: number, y: number, content: string, attrs: string): string {
  return `<text x="${px(x)}" y="${px(y)}" ${attrs}>${escapeXml(content)}</text>`;
}

/** A stacked bar chart of daily spend by model, with a legend of 30-day totals by model; its words in `locale`. */
export function usageChartSvg(data: UsageChartData, locale: SupportedLocale = fallbackLocale): string {
  const say = translator(locale);
  const totals = microTotals(data);
  const series = buildSeries(totals.byModel, say);
  const dayTotals = totals.byDay.map((spend) => [...spend.values()].reduce((a, b) => a + b, 0));
  const maxDayUsd = Math.max(0, ...dayTotals) / MICROS;
  const { step, top } = niceScale(maxDayUsd);
  const plotHeight = PLOT.bottom - PLOT.top;
  const plotWidth = PLOT.right - PLOT.left;
  const yOf = (usd: number): number => PLOT.bottom - (usd / top) * plotHeight;

  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" rx="16" fill="${COLORS.card}"/>`);

  // Header: title and date range on the left, the period's total on the right.
  const first = data.days[0]?.day;
  const last = data.days[data.days.length - 1]?.day;
  parts.push(text(32, 46, truncate(data.title, MAX_TITLE), `font-size="24" font-weight="bold" fill="${COLORS.text}"`));
  if (first && last) {
    const range = first === last ? dayLabel(first, locale, true) : say("usage.chartRange", { from: dayLabel(first, locale), to: dayLabel(last, locale, true) });
    parts.push(text(32, 72, range, `font-size="14" fill="${COLORS.muted}"`));
  }
  parts.push(text(LEGEND.right, 32, say("usage.total"), `font-size="13" fill="${COLORS.muted}" text-anchor="end"`));
  parts.push(
    text(LEGEND.right, 66, formatSpend(totals.total / MICROS), `font-size="30" font-weight="bold" fill="${COLORS.text}" text-anchor="end" data-total="${totals.total / MICROS}"`),
  );

  // Gridlines and y-axis labels.
  const ticks = Math.round(top / step);
  const wholeDollars = Number.isInteger(Math.round(step * 100) / 100);
  for (let i = 0; i <= ticks; i++) {
    const usd = i * step;
    const y = yOf(usd);
    const stroke = i === 0 ? COLORS.axis : COLORS.grid;
    parts.push(`<line x1="${PLOT.left}" y1="${px(y)}" x2="${PLOT.right}" y2="${px(y)}" stroke="${stroke}" stroke-width="1"/>`);
    parts.push(text(PLOT.left - 10, y + 4.5, axisLabel(usd, wholeDollars), `font-size="13" fill="${COLORS.muted}" text-anchor="end"`));
  }

  // Bars: one per day, a segment per series, clipped to round the top corners only.
  const slot = data.days.length > 0 ? plotWidth / data.days.length : plotWidth;
  const barWidth = Math.max(2, Math.min(28, slot * 0.66));
  const clips: string[] = [];
  const bars: string[] = [];
  data.days.forEach(({ day }, i) => {
    const spend = totals.byDay[i] ?? new Map<string, number>();
    const dayMicros = dayTotals[i] ?? 0;
    const x = PLOT.left + slot * i + (slot - barWidth) / 2;
    if (dayMicros > 0) {
      const exact = (dayMicros / MICROS / top) * plotHeight;
      // A day too small to see next to a huge one still gets a sliver, so "some spend" never reads as none.
      const scale = exact < MIN_BAR_HEIGHT ? MIN_BAR_HEIGHT / exact : 1;
      const barTop = PLOT.bottom - exact * scale;
      clips.push(
        `<clipPath id="bar-${i}"><rect x="${px(x)}" y="${px(barTop)}" width="${px(barWidth)}" height="${px(PLOT.bottom - barTop + 4)}" rx="3"/></clipPath>`,
      );
      const segments: string[] = [];
      let y = PLOT.bottom;
      for (const s of series) {
        const micros = s.models.reduce((sum, model) => sum + (spend.get(model) ?? 0), 0);
        if (micros === 0) continue;
        const height = (micros / MICROS / top) * plotHeight * scale;
        y -= height;
        segments.push(
          `<rect x="${px(x)}" y="${y.toFixed(3)}" width="${px(barWidth)}" height="${height.toFixed(3)}" fill="${s.color}" data-day="${escapeXml(day)}" data-series="${escapeXml(s.label)}" data-usd="${micros / MICROS}"/>`,
        );
      }
      bars.push(`<g clip-path="url(#bar-${i})">${segments.join("")}</g>`);
    }
    const fromEnd = data.days.length - 1 - i;
    if (fromEnd % 5 === 0) {
      const cx = PLOT.left + slot * i + slot / 2;
      parts.push(`<line x1="${px(cx)}" y1="${PLOT.bottom}" x2="${px(cx)}" y2="${PLOT.bottom + 5}" stroke="${COLORS.axis}" stroke-width="1"/>`);
      parts.push(text(cx, PLOT.bottom + 22, dayLabel(day, locale), `font-size="13" fill="${COLORS.muted}" text-anchor="middle"`));
    }
  });
  parts.push(...bars);

  // The busiest day's figure above its bar, so a single huge day still reads at a glance.
  const peak = dayTotals.indexOf(Math.max(...dayTotals));
  if (peak >= 0 && totals.total > 0) {
    const label = formatSpend((dayTotals[peak] ?? 0) / MICROS);
    const halfWidth = label.length * 3.8;
    const cx = PLOT.left + slot * peak + slot / 2;
    const x = Math.min(Math.max(cx, PLOT.left + halfWidth), PLOT.right - halfWidth);
    const barTop = Math.min(yOf(maxDayUsd), PLOT.bottom - MIN_BAR_HEIGHT);
    parts.push(text(x, barTop - 7, label, `font-size="12" font-weight="bold" fill="${COLORS.text}" text-anchor="middle" data-peak="${escapeXml(data.days[peak]?.day ?? "")}"`));
  }

  if (totals.total === 0) {
    const cy = (PLOT.top + PLOT.bottom) / 2;
    parts.push(`<rect x="${px((PLOT.left + PLOT.right) / 2 - 130)}" y="${px(cy - 20)}" width="260" height="34" rx="17" fill="${COLORS.card}"/>`);
    parts.push(
      text((PLOT.left + PLOT.right) / 2, cy, say("usage.chartNoSpend"), `font-size="18" fill="${COLORS.muted}" text-anchor="middle"`),
    );
  }

  // Legend: each series with its total for the period.
  parts.push(text(LEGEND.left, LEGEND.top - 6, say("usage.byModel"), `font-size="13" fill="${COLORS.muted}"`));
  if (series.length === 0) {
    parts.push(text(LEGEND.left, LEGEND.top + 24, say("usage.chartNoModels"), `font-size="14" fill="${COLORS.muted}"`));
  }
  series.forEach((s, i) => {
    const y = LEGEND.top + 14 + i * LEGEND.rowHeight;
    parts.push(`<rect x="${LEGEND.left}" y="${y}" width="12" height="12" rx="3" fill="${s.color}"/>`);
    parts.push(text(LEGEND.left + 20, y + 11, truncate(s.label, MAX_LEGEND_NAME), `font-size="14" fill="${COLORS.text}"`));
    parts.push(
      text(LEGEND.right, y + 11, formatSpend(s.micros / MICROS), `font-size="14" font-weight="bold" fill="${COLORS.text}" text-anchor="end" data-legend="${escapeXml(s.label)}"`),
    );
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT}">`,
    `<defs>${clips.join("")}</defs>`,
    ...parts,
    `</svg>`,
  ].join("\n");
}

/** The chart as a PNG, ready to attach. */
export async function renderUsageChart(data: UsageChartData, locale: SupportedLocale = fallbackLocale): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(usageChartSvg(data, locale))).png().toBuffer();
}
