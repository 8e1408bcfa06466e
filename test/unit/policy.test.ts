import { describe, expect, it } from "vitest";
import { sampleJob } from "./job-fixture.js";
import { memoryDb } from "./memory-db.js";
import { limitProblems, nextUtcMidnight, permissionProblems, type JobAsk } from "../../src/usage/admission.js";
import { guildSettingsSchema, type GuildSettings } from "../../src/settings/schema.js";
import { catalog } from "../../src/models/index.js";
import { statementsOf } from "../../src/store/database.js";
import { createGenerationJobs } from "../../src/generation/job.js";
import { createLedgerRepository, utcDay } from "../../src/store/ledger.js";
import { createGuildSettings } from "../../src/settings/store.js";
import { createLogger } from "../../src/log.js";

const quiet = createLogger({ level: "silent", secrets: [] });

const settings = (patch: Partial<GuildSettings> = {}) => guildSettingsSchema.parse(patch);
const ask = (modelId: string, patch: Partial<JobAsk> = {}): JobAsk => ({
  model: catalog.require(modelId),
  request: { prompt: "p" },
  images: 1,
  usd: 0.039,
  ...patch,
});
const member = { channelId: "300000000000000001", roleIds: [] as string[], canManageServer: false };
const noUse = { memberImages: 0, guildUsd: 0, memberInFlight: 0, memberLastJobAt: undefined };
const now = Date.UTC(2026, 10, 22, 12, 0, 0);

describe("permission checks", () => {
  it("pass by default", () => {
    expect(permissionProblems(settings(), member, ask("nano-banana-pro", { images: 4 }))).toEqual([]);
  });

  it("send members to the allowed channels", () => {
    const problems = permissionProblems(settings({ allowedChannelIds: ["300000000000000009"] }), member, ask("nano-banana"));
    expect(problems).toEqual(["The bot is not used in this channel on this server. Use <#300000000000000009> for this."]);
  });

  it("refuse a model the server turned off", () => {
    expect(permissionProblems(settings({ enabledModels: ["nano-banana"] }), member, ask("nano-banana-2"))[0]).toMatch(
      /^Nano Banana 2 is turned off on this server/,
    );
  });

  it("gate premium choices behind the role, except for members with the role or Manage Server", () => {
    const gated = settings({ premiumRoleIds: ["400000000000000001"], premiumCountAbove: 2 });
    const premium = ask("nano-banana-pro", { request: { prompt: "p", resolution: "4K" }, images: 3 });
    expect(permissionProblems(gated, member, premium)).toEqual([
      "Nano Banana Pro needs the <@&400000000000000001> role.",
      "The 4K resolution needs the <@&400000000000000001> role.",
      "More than 2 images at once needs the <@&400000000000000001> role.",
    ]);
    expect(permissionProblems(gated, { ...member, roleIds: ["400000000000000001"] }, premium)).toEqual([]);
    expect(permissionProblems(gated, { ...member, canManageServer: true }, premium)).toEqual([]);
    expect(permissionProblems(gated, member, ask("nano-banana"))).toEqual([]);
    const single = settings({ premiumRoleIds: ["400000000000000001"], premiumCountAbove: 1 });
    expect(permissionProblems(single, member, ask("nano-banana", { images: 2 }))).toEqual([
      "More than 1 image at once needs the <@&400000000000000001> role.",
    ]);
  });
});

describe("limit checks", () => {
  const resets = `<t:${nextUtcMidnight(now) / 1000}:R>`;

  it("enforce the cooldown with the time it ends", () => {
    const problems = limitProblems(settings({ cooldownSeconds: 60 }), { ...noUse, memberLastJobAt: now - 10_000 }, ask("nano-banana"), now);
    expect(problems).toEqual([`Please wait a little: you can start another job <t:${(now + 50_000) / 1000}:R>.`]);
    expect(limitProblems(settings({ cooldownSeconds: 60 }), { ...noUse, memberLastJobAt: now - 60_000 }, ask("nano-banana"), now)).toEqual([]);
  });

  it("cap the jobs in flight", () => {
    expect(limitProblems(settings({ maxJobsInFlight: 2 }), { ...noUse, memberInFlight: 2 }, ask("nano-banana"), now)[0]).toMatch(
      /^You already have 2 jobs running/,
    );
  });

  it("count the daily quota, including a request larger than what is left", () => {
    const quota = settings({ dailyImageQuota: 20 });
    expect(limitProblems(quota, { ...noUse, memberImages: 20 }, ask("nano-banana"), now)).toEqual([
      `You have used 20 of your 20 images today; it resets ${resets}.`,
    ]);
    expect(limitProblems(quota, { ...noUse, memberImages: 18 }, ask("nano-banana", { images: 4 }), now)[0]).toMatch(
      /^You have 2 of your 20 images left today and asked for 4/,
    );
    expect(limitProblems(quota, { ...noUse, memberImages: 16 }, ask("nano-banana", { images: 4 }), now)).toEqual([]);
  });

  it("hold the server to its daily budget", () => {
    const budget = settings({ dailyBudgetUsd: 1 });
    expect(limitProblems(budget, { ...noUse, guildUsd: 1 }, ask("nano-banana"), now)).toEqual([
      `The server's daily budget is spent; it resets ${resets}.`,
    ]);
    expect(limitProblems(budget, { ...noUse, guildUsd: 0.9 }, ask("nano-banana-pro", { usd: 0.15 }), now)[0]).toMatch(/would go over/);
    expect(limitProblems(budget, { ...noUse, guildUsd: 0.961 }, ask("nano-banana"), now)).toEqual([]);
  });
});

describe("the ledger", () => {
  const memory = memoryDb();

  const job = (ref: string, requesterId = "100000000000000001") => sampleJob(ref, { requesterId, costEstimate: 0.1 });

  it("admits exactly as many of 50 simultaneous jobs as the budget fits", async () => {
    const db = memory();
    const ledger = createLedgerRepository(db, () => now);
    const budget = settings({ dailyBudgetUsd: 1 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ledger.admit({
          job: job(`J${String(i).padStart(5, "0")}`, `10000000000000000${i % 10}`),
          guildId: "200000000000000001",
          images: 1,
          usd: 0.1,
          day: utcDay(now),
          decide: (totals) => limitProblems(budget, totals, ask("nano-banana", { usd: 0.1 }), now),
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect((await createGenerationJobs(db).unfinished()).length).toBe(10);
    const totals = await ledger.today("200000000000000001", "100000000000000001", utcDay(now));
    expect(totals.guildUsd).toBeCloseTo(1, 9);
  });

  it("settles completed jobs with the real figures and releases failed ones", async () => {
    const db = memory();
    const ledger = createLedgerRepository(db, () => now);
    const jobs = createGenerationJobs(db, () => now);
    const admit = (ref: string) =>
      ledger.admit({ job: job(ref), guildId: "200000000000000001", images: 4, usd: 0.156, day: utcDay(now), decide: () => [] });
    const a = await admit("AAAAAA");
    const b = await admit("BBBBBB");
    if (!a.ok || !b.ok) throw new Error("expected admission");
    await jobs.markSubmitted(a.job.id, "req-a", {});
    expect(await jobs.markCompleted(a.job.id, { images: [] }, 0.078, 2)).toBe(true);
    expect(await jobs.markFailed(b.job.id, { kind: "unknown" })).toBe(true);
    expect(await jobs.markCompleted(b.job.id, { images: [] }, 1, 4)).toBe(false);
    expect(await ledger.today("200000000000000001", "100000000000000001", utcDay(now))).toMatchObject({ memberImages: 2, guildUsd: 0.078 });
    expect(await ledger.spendSince("200000000000000001", "2026-11-01")).toEqual([
      { day: "2026-11-22", modelId: "nano-banana", userId: "100000000000000001", images: 2, usd: 0.078 },
    ]);
  });

  it("counts a member's jobs in flight and their latest job, not other members' or finished ones", async () => {
    const db = memory();
    let at = now - 50_000;
    const ledger = createLedgerRepository(db, () => (at += 1000));
    const jobs = createGenerationJobs(db, () => at);
    const admit = (ref: string, requesterId: string) =>
      ledger.admit({ job: job(ref, requesterId), guildId: "200000000000000001", images: 1, usd: 0.1, day: utcDay(now), decide: () => [] });
    const member = "100000000000000001";
    const done = await admit("AAAAAA", member);
    await admit("BBBBBB", member);
    const last = await admit("CCCCCC", member);
    await admit("DDDDDD", "100000000000000002");
    if (!done.ok || !last.ok) throw new Error("expected admission");
    await jobs.markFailed(done.job.id, { kind: "unknown" });
    expect(await ledger.today("200000000000000001", member, utcDay(now))).toEqual({
      memberImages: 2,
      guildUsd: expect.closeTo(0.3, 9) as number,
      memberInFlight: 2,
      memberLastJobAt: last.job.createdAt,
    });
    expect(await ledger.today("200000000000000001", "100000000000000009", utcDay(now))).toMatchObject({
      memberImages: 0,
      memberInFlight: 0,
      memberLastJobAt: undefined,
    });
  });
});

describe("settings", () => {
  const memory = memoryDb();

  it("read defaults for a new server and keep what was saved", async () => {
    const db = memory();
    const repo = createGuildSettings(db, quiet);
    expect(await repo.get("200000000000000001")).toEqual(guildSettingsSchema.parse({}));
    await repo.save("200000000000000001", settings({ dailyImageQuota: 5, nsfwPolicy: "spoiler" }), "1");
    expect(await repo.get("200000000000000001")).toMatchObject({ dailyImageQuota: 5, nsfwPolicy: "spoiler", cooldownSeconds: 0 });
    await expect(repo.save("200000000000000001", { ...settings(), cooldownSeconds: -1 }, "1")).rejects.toThrow();
  });

  it("read a server once for a burst of its first commands, and again after a read failed", async () => {
    const db = memory();
    const raw = statementsOf(db);
    const repo = createGuildSettings(db, quiet);
    await raw.run("alter table guild_settings rename to settings_away");
    await expect(repo.get("200000000000000001")).rejects.toThrow(/no such table|does not exist/);
    await raw.run("alter table settings_away rename to guild_settings");
    const burst = await Promise.all(Array.from({ length: 20 }, () => repo.get("200000000000000001")));
    // Every read parses a new object: one object means one read.
    expect(new Set(burst).size).toBe(1);
    expect(burst[0]).toEqual(guildSettingsSchema.parse({}));
  });

  it("preload the given servers in one go, without overriding what was saved meanwhile", async () => {
    const db = memory();
    const raw = statementsOf(db);
    const repo = createGuildSettings(db, quiet);
    const store = (guildId: string, json: string) =>
      raw.run(
        `insert into guild_settings (guild_id, settings_json, updated_by, updated_at) values (@guildId, @json, '1', 0)
         on conflict (guild_id) do update set settings_json = excluded.settings_json`,
        { guildId, json },
      );
    await store("200000000000000001", JSON.stringify(settings({ dailyImageQuota: 7 })));
    await store("200000000000000003", JSON.stringify(settings({ dailyImageQuota: 3 })));
    await store("200000000000000004", "{not json");
    await repo.save("200000000000000003", settings({ dailyImageQuota: 30 }), "1");

    await repo.preload(["200000000000000004", "200000000000000001", "200000000000000002", "200000000000000003", "200000000000000001"]);
    // Changed behind the bot's back: what the preload read is what the commands see.
    await store("200000000000000001", JSON.stringify(settings({ dailyImageQuota: 70 })));
    await store("200000000000000002", JSON.stringify(settings({ dailyImageQuota: 20 })));
    expect((await repo.get("200000000000000001")).dailyImageQuota).toBe(7);
    expect(await repo.get("200000000000000002")).toEqual(settings());
    expect((await repo.get("200000000000000003")).dailyImageQuota).toBe(30);
    // A row that no longer parses spoils nothing for the others; it never lifts a limit (see store-settings.test.ts).
    expect(await repo.get("200000000000000004")).toMatchObject({ dailyImageQuota: 0, dailyBudgetUsd: 0 });
  });
});
