// The bench's multi-process section (test/bench/processes.ts): how the burst's guilds are placed on the shards, each
// process's environment, the exactly-once count and the table.
import { describe, expect, it } from "vitest";
import { shardOfGuild } from "../fakes/discord/index.js";
import { guildsOnShards, guildsPerRun, processEnvs, processLayout, processTable, timesEach, type ProcessRun } from "../bench/processes.js";
import type { RunMetrics } from "../bench/metrics.js";

describe("guildsPerRun", () => {
  it("is a multiple of every process count, and at least the fake's two guilds", () => {
    expect(guildsPerRun([1, 2, 3])).toBe(6);
    expect(guildsPerRun([2, 4])).toBe(4);
    expect(guildsPerRun([1])).toBe(2);
    expect(guildsPerRun([3])).toBe(3);
    expect(guildsPerRun([4, 6, 10])).toBe(60);
  });

  it("gives up past 60 guilds (each run then has its own count)", () => {
    expect(guildsPerRun([7, 8, 9])).toBeUndefined();
  });
});

describe("guildsOnShards", () => {
  it.each([
    [6, 1],
    [6, 2],
    [6, 3],
    [8, 4],
  ])("places %i guilds evenly on %i shards, the i-th on shard i mod count", (count, shards) => {
    const ids = guildsOnShards(count, shards);
    expect(new Set(ids).size).toBe(count);
    expect(ids.map((id) => shardOfGuild(id, shards))).toEqual(Array.from({ length: count }, (_, i) => i % shards));
  });
});

describe("processEnvs", () => {
  it("gives each process its one shard of the count, its own lease name, the shared database and global commands", () => {
    expect(processEnvs(3, "postgres://db")).toEqual(
      [0, 1, 2].map((i) => ({ DATABASE_URL: "postgres://db", SHARD_COUNT: "3", SHARD_IDS: String(i), INSTANCE_ID: `bench-${i}`, DISCORD_GUILD_ID: "" })),
    );
  });
});

describe("processLayout", () => {
  it("puts the fake's first, second and further guilds on the shards in turn, so the burst going round them shares evenly", () => {
    const layout = processLayout(3, 6, "postgres://db");
    expect(layout.label).toBe("3 processes");
    expect(layout.processEnvs).toHaveLength(3);
    const { main, second, more = [] } = layout.guildIds;
    expect([main!, second!, ...more].map((id) => shardOfGuild(id, 3))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(processLayout(1, 1, "postgres://db")).toMatchObject({ label: "1 process", guildIds: { more: [] } });
  });
});

describe("timesEach", () => {
  it("counts the keys seen once, more than once and never, ignoring what is not a key", () => {
    expect(timesEach(["a", "b", "c", "d"], ["a", "b", "b", "x", "c", "b"])).toEqual({ once: 2, more: 1, never: 1 });
    expect(timesEach([], ["a"])).toEqual({ once: 0, more: 0, never: 0 });
  });
});

describe("processTable", () => {
  it("has a row per run under a header, every column right-aligned to its header", () => {
    const metrics = { n: 100, wallSeconds: 7.5, deliveryOverheadMs: { p50: 9, p99: 45.7 }, ackMs: { p99: 3.2 }, peakRssMb: 240.5, cpuSeconds: 2.1 } as RunMetrics;
    const run: ProcessRun = { processes: 2, guilds: 6, jobsPerSecond: 13.3, deliveries: { once: 99, more: 1, never: 0 }, submittedMoreThanOnce: 0, perShard: [50, 50], metrics };
    const [header, row, ...rest] = processTable([run]);
    expect(rest).toEqual([]);
    expect(header!.trim().split(/\s{2,}/)).toEqual([
      "processes",
      "N",
      "per shard",
      "jobs/s",
      "makespan s",
      "overhead p50/p99 ms",
      "ack p99 ms",
      "peak RSS MB (sum)",
      "CPU s (sum)",
      "delivered once/twice+/never",
      "fal twice+",
    ]);
    expect(row!.trim().split(/\s+/)).toEqual(["2", "100", "50/50", "13.3", "7.5", "9/45.7", "3.2", "240.5", "2.1", "99/1/0", "0"]);
    expect(row!.length).toBe(header!.length);
  });
});
