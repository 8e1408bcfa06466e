// A server's stored settings row, in a real SQLite file: a row that no longer fits keeps every field that does,
// says which did not, and never lifts a limit; updates of one server run one after another.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { guildSettingsSchema } from "../../src/settings/schema.js";
import { createGuildSettings } from "../../src/settings/store.js";
import { openDatabase, statementsOf, type Db } from "../../src/store/database.js";
import { freshTarget, testDialect } from "./memory-db.js";

const guild = "200000000000000001";
let folder: string;
let db: Db;
let logged: { msg: string; fields?: string[]; guild?: string }[];

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), "falcord-settings-"));
  // A file, not memory, on SQLite: closing it must remove its folder's log too (the checkpoint worker's connection).
  db = await openDatabase(testDialect === "sqlite" ? join(folder, "falcord.sqlite") : await freshTarget());
  logged = [];
});
afterEach(async () => {
  await db.destroy();
  rmSync(folder, { recursive: true, force: true });
});

function repository() {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) logged.push(JSON.parse(line) as (typeof logged)[number]);
      done();
    },
  });
  return createGuildSettings(db, createLogger({ level: "warn", secrets: [], pretty: false }, stream));
}

function storeRow(json: string) {
  return statementsOf(db).run(
    `insert into guild_settings (guild_id, settings_json, updated_by, updated_at) values (@guild, @json, '1', 0)
     on conflict (guild_id) do update set settings_json = excluded.settings_json`,
    { guild, json },
  );
}

describe("a stored settings row that no longer fits", () => {
  it("keeps every field that fits, names the others in a warning, and brings limits into range rather than lifting them", async () => {
    await storeRow(
      JSON.stringify({
        nsfwPolicy: "spoiler",
        privateByDefault: true,
        allowedChannelIds: ["300000000000000001", "not-a-channel", "300000000000000002"],
        dailyImageQuota: 20_000,
        dailyBudgetUsd: "5",
        cooldownSeconds: "a while",
        maxJobsInFlight: 2.5,
        premiumCountAbove: 9,
        enabledModels: "all of them",
        somethingNewer: 1,
      }),
    );
    expect(await repository().get(guild)).toEqual({
      ...guildSettingsSchema.parse({}),
      nsfwPolicy: "spoiler",
      privateByDefault: true,
      allowedChannelIds: ["300000000000000001", "300000000000000002"],
      dailyImageQuota: 10_000,
      dailyBudgetUsd: 5,
      cooldownSeconds: 86_400,
      maxJobsInFlight: 2,
      premiumCountAbove: 4,
      // Not a list of models: none turned on, rather than all.
      enabledModels: [],
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ guild });
    expect(logged[0]!.fields!.sort()).toEqual(
      ["allowedChannelIds", "cooldownSeconds", "dailyBudgetUsd", "dailyImageQuota", "enabledModels", "maxJobsInFlight", "premiumCountAbove"].sort(),
    );
  });

  it("an unreadable limit whose default is no limit becomes the strictest value; a row that is not JSON at all keeps no limit off", async () => {
    await storeRow(JSON.stringify({ dailyImageQuota: "plenty", dailyBudgetUsd: null, cooldownSeconds: 5 }));
    // null is how "no budget" is stored: it fits.
    expect(await repository().get(guild)).toMatchObject({ dailyImageQuota: 0, dailyBudgetUsd: null, cooldownSeconds: 5 });
    await storeRow("{not json");
    expect(await repository().get(guild)).toMatchObject({
      dailyImageQuota: 0,
      dailyBudgetUsd: 0,
      cooldownSeconds: 86_400,
      maxJobsInFlight: 1,
      premiumCountAbove: 1,
      enabledModels: [],
    });
  });

  it("a list of channels or premium roles keeps its first 25 entries; one with none usable pauses the server (empty would open it)", async () => {
    const channels = Array.from({ length: 26 }, (_, i) => `3000000000000000${String(i).padStart(2, "0")}`);
    await storeRow(JSON.stringify({ allowedChannelIds: channels, dailyImageQuota: 7 }));
    expect(await repository().get(guild)).toMatchObject({ allowedChannelIds: channels.slice(0, 25), dailyImageQuota: 7 });
    await storeRow(JSON.stringify({ premiumRoleIds: [400000001, 400000002], dailyImageQuota: 7 }));
    expect(await repository().get(guild)).toMatchObject({ premiumRoleIds: [], dailyImageQuota: 0 });
    await storeRow(JSON.stringify({ allowedChannelIds: "general", dailyImageQuota: 7 }));
    expect(await repository().get(guild)).toMatchObject({ allowedChannelIds: [], dailyImageQuota: 0 });
  });

  it("a row that fits reads as stored, with no warning", async () => {
    await storeRow(JSON.stringify({ dailyImageQuota: 7 }));
    expect(await repository().get(guild)).toEqual({ ...guildSettingsSchema.parse({}), dailyImageQuota: 7 });
    expect(logged).toEqual([]);
  });
});

describe("updates of one server's settings", () => {
  it("run one after another, each on what the one before stored", async () => {
    const repo = repository();
    const [first, second] = await Promise.all([
      repo.update(guild, "1", (current) => ({ ...current, dailyImageQuota: 40 })),
      repo.update(guild, "2", (current) => ({ ...current, cooldownSeconds: 30 })),
    ]);
    expect(first).toMatchObject({ dailyImageQuota: 40, cooldownSeconds: 0 });
    expect(second).toMatchObject({ dailyImageQuota: 40, cooldownSeconds: 30 });
    const row = (await statementsOf(db).get<{ settings_json: string; updated_by: string }>(
      "select settings_json, updated_by from guild_settings where guild_id = @guild",
      { guild },
    ))!;
    expect(JSON.parse(row.settings_json)).toMatchObject({ dailyImageQuota: 40, cooldownSeconds: 30 });
    expect(row.updated_by).toBe("2");
    // An edit that changes nothing stores nothing, and one that throws does not stop the next.
    await expect(repo.update(guild, "3", () => { throw new Error("refused"); })).rejects.toThrow("refused");
    expect(await repo.update(guild, "3", () => undefined)).toMatchObject({ dailyImageQuota: 40, cooldownSeconds: 30 });
  });
});
