// The pure parts of /settings and /usage: applying a change, checking the whole, and the 30-day report.
import { describe, expect, it } from "vitest";
import { applySettingsChange } from "../../src/settings/change.js";
import { settingsProblems } from "../../src/settings/check.js";
import { describeChanges, formatDuration } from "../../src/settings/embed.js";
import { catalog } from "../../src/models/index.js";
import { defaultGuildSettings } from "../../src/settings/schema.js";
import { lastDays, sumSpend, usageReport } from "../../src/usage/report.js";

const guildId = "100000000000000001";

describe("applySettingsChange and settingsProblems", () => {
  it("keeps 'every model' as null, and goes back to null once every model is on again", () => {
    const off = applySettingsChange(defaultGuildSettings, { kind: "model", modelId: "firered-edit", enabled: false }, catalog, guildId);
    expect(off.settings.enabledModels).toEqual(catalog.all().map((m) => m.id).filter((id) => id !== "firered-edit"));
    const on = applySettingsChange(off.settings, { kind: "model", modelId: "firered-edit", enabled: true }, catalog, guildId);
    expect(on.settings.enabledModels).toBeNull();
  });

  it("refuses a default that is off, and the last model of a kind", () => {
    const off = { ...defaultGuildSettings, enabledModels: ["nano-banana-2", "nano-banana-edit"] };
    expect(settingsProblems(off, catalog)).toEqual([expect.stringMatching(/^Nano Banana is the default for \/imagine/)]);
    expect(settingsProblems({ ...off, defaultTextModel: "nano-banana-2" }, catalog)).toEqual([]);
    expect(settingsProblems({ ...off, enabledModels: ["nano-banana-edit"] }, catalog)).toEqual(["At least one model for /imagine must stay on."]);
    expect(settingsProblems({ ...defaultGuildSettings, defaultEditModel: "nano-banana" }, catalog)[0]).toMatch(/not a model for \/edit/);
  });

  it("puts the schema's limits in plain words", () => {
    const channels = Array.from({ length: 26 }, (_, i) => String(200000000000000000n + BigInt(i)));
    expect(settingsProblems({ ...defaultGuildSettings, allowedChannelIds: channels }, catalog)).toEqual(["At most 25 channels can be on the list."]);
  });

  it("says what changed, setting by setting", () => {
    const after = { ...defaultGuildSettings, dailyImageQuota: 20, cooldownSeconds: 3725 };
    expect(describeChanges(defaultGuildSettings, after, catalog)).toEqual([
      "Daily images per member: No limit → 20",
      "Cooldown: None → 1 hour 2 minutes 5 seconds",
    ]);
    expect(formatDuration(60)).toBe("1 minute");
  });
});

describe("usageReport", () => {
  it("covers 30 UTC days across a month end, today last", () => {
    const days = lastDays("2026-03-02", 30);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe("2026-02-01");
    expect(days.at(-1)).toBe("2026-03-02");
  });

  it("totals exactly, labels by model name, leaves out days outside the window, and ranks members", () => {
    const rows = [
      { day: "2026-03-02", modelId: "nano-banana", userId: "a", images: 1, usd: 0.1 },
      { day: "2026-03-02", modelId: "nano-banana", userId: "b", images: 2, usd: 0.2 },
      { day: "2026-02-01", modelId: "nano-banana-pro", userId: "a", images: 1, usd: 0.15 },
      { day: "2026-01-31", modelId: "nano-banana-pro", userId: "b", images: 9, usd: 9 },
    ];
    const report = usageReport(rows, lastDays("2026-03-02", 30), (id) => catalog.require(id).name, "t");
    expect(report.totals).toEqual({ total: 0.45, byModel: { "Nano Banana": 0.3, "Nano Banana Pro": 0.15 } });
    expect(report.lastDayUsd).toBe(0.3);
    expect(report.topMembers).toEqual([
      { userId: "a", usd: 0.25, images: 2 },
      { userId: "b", usd: 0.2, images: 2 },
    ]);
    expect(sumSpend(rows.slice(0, 2))).toBe(0.3);
  });
});
