import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { formatSpend } from "../../src/models/pricing.js";
import { chartTotals, renderUsageChart, usageChartSvg, type UsageChartData } from "../../src/usage/chart.js";

const title = "Spend in the last 30 days";

function month(spend: (i: number) => Record<string, number>): UsageChartData {
  const days = Array.from({ length: 30 }, (_, i) => ({
    day: new Date(Date.UTC(2026, 3, 10 + i)).toISOString().slice(0, 10),
    byModel: spend(i),
  }));
  return { days, title };
}

interface Segment {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  day: string;
  series: string;
}

function segments(svg: string): Segment[] {
  const re = /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#[0-9a-f]{6})" data-day="([^"]*)" data-series="([^"]*)"/g;
  return [...svg.matchAll(re)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    height: Number(m[4]),
    fill: m[5] ?? "",
    day: m[6] ?? "",
    series: m[7] ?? "",
  }));
}

function barHeights(svg: string): Map<string, number> {
  const heights = new Map<string, number>();
  for (const s of segments(svg)) heights.set(s.day, (heights.get(s.day) ?? 0) + s.height);
  return heights;
}

function legend(svg: string): Map<string, string> {
  return new Map([...svg.matchAll(/data-legend="([^"]*)">([^<]*)</g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
}

const sample = month((i): Record<string, number> => {
  if (i % 6 === 5) return {};
  return { "Nano Banana": 0.04 * ((i % 4) + 1), "Nano Banana Pro": i % 3 === 0 ? 0.15 * ((i % 5) + 1) : 0 };
});

describe("chartTotals", () => {
  it("sums exactly, without float drift", () => {
    const data = month((i): Record<string, number> => (i < 3 ? { A: [0.1, 0.2, 0.4][i] ?? 0 } : { B: 0.01 }));
    const totals = chartTotals(data);
    expect(totals.byModel.A).toBe(0.7);
    expect(totals.byModel.B).toBe(0.27);
    expect(totals.total).toBe(0.97);
  });

  it("totals each model across all days", () => {
    const totals = chartTotals(sample);
    const expected = { nano: 0, pro: 0 };
    for (const { byModel } of sample.days) {
      expected.nano += byModel["Nano Banana"] ?? 0;
      expected.pro += byModel["Nano Banana Pro"] ?? 0;
    }
    expect(totals.byModel["Nano Banana"]).toBeCloseTo(expected.nano, 9);
    expect(totals.byModel["Nano Banana Pro"]).toBeCloseTo(expected.pro, 9);
    expect(totals.total).toBeCloseTo(expected.nano + expected.pro, 9);
  });

  it("rejects negative or non-finite spend", () => {
    expect(() => chartTotals(month(() => ({ A: -1 })))).toThrow(RangeError);
    expect(() => chartTotals(month(() => ({ A: Number.NaN })))).toThrow(RangeError);
  });
});

describe("formatSpend", () => {
  it("shows two decimals, thousands separators, and <$0.01 only for nonzero amounts under a cent", () => {
    expect(formatSpend(0)).toBe("$0.00");
    expect(formatSpend(0.04)).toBe("$0.04");
    expect(formatSpend(12.5)).toBe("$12.50");
    expect(formatSpend(1234.5)).toBe("$1,234.50");
    expect(formatSpend(1.005)).toBe("$1.01");
    expect(formatSpend(0.1 + 0.2)).toBe("$0.30");
    expect(formatSpend(0.004)).toBe("<$0.01");
    expect(formatSpend(0.0000001)).toBe("$0.00");
  });
});

describe("usageChartSvg", () => {
  it("draws one bar per nonzero day, with heights proportional to the day's spend", () => {
    const svg = usageChartSvg(sample);
    const heights = barHeights(svg);
    const nonzero = sample.days.filter((d) => Object.values(d.byModel).some((v) => v > 0));
    expect([...heights.keys()]).toEqual(nonzero.map((d) => d.day));

    const ratios = nonzero.map((d) => {
      const usd = Object.values(d.byModel).reduce((a, b) => a + b, 0);
      return (heights.get(d.day) ?? 0) / usd;
    });
    for (const ratio of ratios) expect(ratio).toBeCloseTo(ratios[0] ?? 0, 1);
  });

  it("stacks each day by model, proportionally, with one stable colour per model", () => {
    const svg = usageChartSvg(sample);
    const segs = segments(svg);
    const colours = new Map<string, Set<string>>();
    for (const s of segs) colours.set(s.series, (colours.get(s.series) ?? new Set()).add(s.fill));
    expect(colours.get("Nano Banana")?.size).toBe(1);
    expect(colours.get("Nano Banana Pro")?.size).toBe(1);
    expect(colours.get("Nano Banana")).not.toEqual(colours.get("Nano Banana Pro"));

    const day0 = segs.filter((s) => s.day === sample.days[0]?.day);
    const nano = day0.find((s) => s.series === "Nano Banana");
    const pro = day0.find((s) => s.series === "Nano Banana Pro");
    expect((pro?.height ?? 0) / (nano?.height ?? 1)).toBeCloseTo(0.15 / 0.04, 3);
    // Stacked: one segment stands on the axis, the other directly on top of it.
    const [upper, lower] = [...day0].sort((a, b) => a.y - b.y);
    expect((lower?.y ?? 0) + (lower?.height ?? 0)).toBeCloseTo(436, 2);
    expect((lower?.y ?? 0) - (upper?.y ?? 0)).toBeCloseTo(upper?.height ?? -1, 2);

    // The same data always gives the same picture.
    expect(usageChartSvg(sample)).toBe(svg);
  });

  it("lists each model in the legend with its formatted total, and the period's total in the header", () => {
    const svg = usageChartSvg(sample);
    const totals = chartTotals(sample);
    const entries = legend(svg);
    expect([...entries.keys()].sort()).toEqual(Object.keys(totals.byModel).sort());
    for (const [model, usd] of Object.entries(totals.byModel)) expect(entries.get(model)).toBe(formatSpend(usd));
    expect(svg).toMatch(new RegExp(`data-total="${totals.total}">\\${formatSpend(totals.total)}<`));
    expect(svg).toContain(`>${title}<`);
  });

  it("labels the x axis about every five days, ending on the latest day", () => {
    const svg = usageChartSvg(sample);
    const labels = [...svg.matchAll(/text-anchor="middle">([A-Z][a-z]{2} \d{1,2})</g)].map((m) => m[1]);
    expect(labels).toEqual(["Apr 14", "Apr 19", "Apr 24", "Apr 29", "May 4", "May 9"]);
  });

  it("draws a few dollar gridlines covering the busiest day", () => {
    const svg = usageChartSvg(sample);
    const labels = [...svg.matchAll(/text-anchor="end">(\$[\d.,]+)</g)].map((m) => m[1] ?? "");
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.length).toBeLessThanOrEqual(7);
    expect(labels[0]).toMatch(/^\$0(\.00)?$/);
    const busiest = Math.max(...sample.days.map((d) => Object.values(d.byModel).reduce((a, b) => a + b, 0)));
    expect(Number((labels.at(-1) ?? "").replace(/[$,]/g, ""))).toBeGreaterThanOrEqual(busiest);
  });

  it("escapes every piece of text it draws", () => {
    const nasty = `<b>"Tom" & 'Jerry'</b>`;
    const svg = usageChartSvg({ ...month(() => ({ [nasty]: 1 })), title: `Spend <&> "here"` });
    expect(svg).not.toContain("<b>");
    expect(svg).not.toContain(`"Tom"`);
    expect(svg).toContain("&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;");
    expect(svg).toContain("Spend &lt;&amp;&gt; &quot;here&quot;");
    expect(legend(svg).get("&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;")).toBe("$30.00");
  });

  it("draws an empty chart with a note when nothing was spent", () => {
    const svg = usageChartSvg(month(() => ({ A: 0 })));
    expect(segments(svg)).toHaveLength(0);
    expect(svg).toContain("No spend in this period");
    expect(svg).toContain(">$0.00<");
  });

  it("keeps small days visible next to a single huge day", () => {
    const data = month((i): Record<string, number> => (i === 12 ? { Pro: 5000 } : i % 3 === 0 ? { Fast: 0.004 } : {}));
    const svg = usageChartSvg(data);
    const heights = barHeights(svg);
    const huge = heights.get(data.days[12]?.day ?? "") ?? 0;
    expect(huge).toBeGreaterThan(250);
    expect(huge).toBeLessThanOrEqual(340);
    const small = [...heights.entries()].filter(([day]) => day !== data.days[12]?.day);
    expect(small).toHaveLength(9);
    for (const [, height] of small) expect(height).toBeGreaterThanOrEqual(2);
    expect(svg).toContain(`data-peak="${data.days[12]?.day}">$5,000.00<`);
    expect(legend(svg).get("Fast")).toBe("$0.04");
  });

  it("folds models past the palette into one Other entry, keeping the total", () => {
    const models = Array.from({ length: 13 }, (_, k) => `Model ${String(k).padStart(2, "0")}`);
    const data = month(() => Object.fromEntries(models.map((m, k) => [m, (k + 1) * 0.01])));
    const svg = usageChartSvg(data);
    const entries = legend(svg);
    expect(entries.size).toBe(10);
    expect(entries.get("Model 12")).toBe("$3.90");
    // The four smallest (0.01..0.04 a day) become Other: 0.10 × 30.
    expect(entries.get("Other (4 models)")).toBe("$3.00");
    expect(new Set(segments(svg).map((s) => s.fill)).size).toBe(10);
  });
});

describe("renderUsageChart", () => {
  it("renders a non-blank PNG of about 1000×500 whose bars carry the models' colours", async () => {
    const png = await renderUsageChart(sample);
    const metadata = await sharp(png).metadata();
    expect(metadata).toMatchObject({ format: "png", width: 1000, height: 500 });

    const stats = await sharp(png).stats();
    for (const channel of stats.channels.slice(0, 3)) expect(channel.max - channel.min).toBeGreaterThan(100);

    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number): string => {
      const at = (Math.round(y) * info.width + Math.round(x)) * info.channels;
      return `#${[0, 1, 2].map((c) => (data[at + c] ?? 0).toString(16).padStart(2, "0")).join("")}`;
    };
    const tall = segments(usageChartSvg(sample)).filter((s) => s.height > 6);
    expect(tall.length).toBeGreaterThan(5);
    for (const s of tall) expect(pixel(s.x + s.width / 2, s.y + s.height / 2)).toBe(s.fill);
  });

  it("renders its text (a font is available)", async () => {
    // The title's first letters sit at x≈32..120, baseline y=46; text pixels are much lighter than the card.
    const png = await renderUsageChart(sample);
    const { data } = await sharp(png).extract({ left: 30, top: 24, width: 100, height: 26 }).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(Math.max(...data)).toBeGreaterThan(200);
  });

  it("renders the all-zero chart", async () => {
    const png = await renderUsageChart(month(() => ({})));
    expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 1000, height: 500 });
  });
});
