// The bench's multi-process section (issue 20): falcord as 1, 2, 3… processes on one fresh PostgreSQL database, each
// running one shard of N (SHARD_COUNT=N, SHARD_IDS=i, INSTANCE_ID=bench-i), under the same burst as the other
// sections, spread over guilds placed so that every shard gets an equal share. Each process has its own fair queue
// and MAX_CONCURRENT_JOBS today: every process gets the same environment and the bench reports what it measures.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { guildOnShard, type RecordedRequest } from "../fakes/discord/index.js";
import { createTestDatabase } from "../e2e/test-database.js";
import { computeMetrics, type RunMetrics } from "./metrics.js";
import { closeScenario, finalKind, runScenario, tokenOf, type ProcessLayout, type ScenarioOptions, type ScenarioRecords } from "./scenario.js";
import { root } from "./subject.js";

/** The most guilds a run spreads its burst over (the least common multiple of the process counts, when not more). */
const maxGuilds = 60;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * How many guilds each run's burst goes round: a multiple of every process count, so that each shard of each run gets
 * an equal share, and at least the fake's two; `undefined` when that would be more than 60 (each run then uses as many
 * guilds as it has processes, at least two).
 */
export function guildsPerRun(processCounts: readonly number[]): number | undefined {
  const lcm = processCounts.reduce((acc, count) => (acc * count) / gcd(acc, count), 1);
  const guilds = lcm === 1 ? 2 : lcm;
  return guilds <= maxGuilds ? guilds : undefined;
}

/** `count` guild ids, the i-th on shard i % shards of `shards`. */
export function guildsOnShards(count: number, shards: number): string[] {
  return Array.from({ length: count }, (_, i) => guildOnShard(i % shards, shards));
}

/** Each process's own environment: its one shard of `count`, its name for job leases, the shared database. */
export function processEnvs(count: number, databaseUrl: string): Record<string, string>[] {
  return Array.from({ length: count }, (_, i) => ({
    DATABASE_URL: databaseUrl,
    SHARD_COUNT: String(count),
    SHARD_IDS: String(i),
    INSTANCE_ID: `bench-${i}`,
    // Global commands, as a sharded bot registers them: a server's own commands would reach only the first guild.
    DISCORD_GUILD_ID: "",
  }));
}

/** "1 process", "2 processes". */
export function processesLabel(count: number): string {
  return `${count} process${count === 1 ? "" : "es"}`;
}

/** `count` processes over `guilds` guilds (the fake's first, its second, then further ones); the burst goes round their channels. */
export function processLayout(count: number, guilds: number, databaseUrl: string): ProcessLayout {
  const [main, second, ...more] = guildsOnShards(Math.max(2, guilds), count);
  return {
    label: processesLabel(count),
    guildIds: { main: main!, second: second!, more },
    processEnvs: processEnvs(count, databaseUrl),
    channels: (discord) => [discord.channels.general, discord.secondGuild.channels.lobby, ...discord.moreGuilds.map((guild) => guild.channels.lobby)],
  };
}

/** How many of `keys` occur once, more than once, and not at all among `seen`. */
export function timesEach(keys: readonly string[], seen: Iterable<string>): { once: number; more: number; never: number } {
  const counts = new Map<string, number>(keys.map((key) => [key, 0]));
  for (const key of seen) {
    const count = counts.get(key);
    if (count !== undefined) counts.set(key, count + 1);
  }
  const values = [...counts.values()];
  return { once: values.filter((v) => v === 1).length, more: values.filter((v) => v > 1).length, never: values.filter((v) => v === 0).length };
}

export interface ProcessRun {
  processes: number;
  guilds: number;
  /** Jobs delivered per second, from the first dispatch to the last job's end. */
  jobsPerSecond: number;
  /** Jobs whose result was written to Discord once, more than once, never (everything the processes sent until stopped). */
  deliveries: { once: number; more: number; never: number };
  /** Jobs whose prompt fal accepted more than once. */
  submittedMoreThanOnce: number;
  /** The burst's interactions each shard was sent, by shard id (as the fake gateway recorded them). */
  perShard: number[];
  metrics: RunMetrics;
}

/** How many of the burst's interactions the fake gateway sent to each shard of `count`. */
function interactionsPerShard(records: ScenarioRecords, count: number): number[] {
  const ids = new Set(records.jobs.flatMap((job) => (job.handle ? [job.handle.id] : [])));
  const perShard = Array.from({ length: count }, () => 0);
  for (const request of records.discord.requests.slice(records.discordFrom)) {
    if (request.kind !== "gateway" || request.direction !== "out" || request.t !== "INTERACTION_CREATE" || !request.shard) continue;
    if (ids.has((request.body as { d?: { id?: string } }).d?.id ?? "")) perShard[request.shard[0]] = (perShard[request.shard[0]] ?? 0) + 1;
  }
  return perShard;
}

/** Every result write and every accepted fal submit from the burst on, including what came after the run's end. */
function exactlyOnce(records: ScenarioRecords): Pick<ProcessRun, "deliveries" | "submittedMoreThanOnce"> {
  const tokens = records.jobs.flatMap((job) => (job.handle ? [job.handle.token] : []));
  const resultWrites = records.discord.requests
    .slice(records.discordFrom)
    .filter((request: RecordedRequest) => finalKind(request, records.fal.origin) === "delivered")
    .flatMap((request) => tokenOf(request) ?? []);
  const submits = records.fal.requests
    .slice(records.falFrom)
    .filter((request) => request.route === "submit" && request.status === 200)
    .flatMap((request) => {
      const prompt = (request.body as { prompt?: unknown } | undefined)?.prompt;
      return typeof prompt === "string" ? [prompt] : [];
    });
  return { deliveries: timesEach(tokens, resultWrites), submittedMoreThanOnce: timesEach(records.jobs.map((job) => job.prompt), submits).more };
}

export type ProcessScenario = Omit<ScenarioOptions, "subject" | "layout">;

/** One run of `count` falcord processes on a fresh database of the server at `adminUrl` (dropped afterwards). */
export async function runProcesses(options: ProcessScenario & { count: number; guilds: number; adminUrl: string }): Promise<ProcessRun> {
  const { count, guilds, adminUrl, ...scenario } = options;
  const database = await createTestDatabase({ FALCORD_TEST_DATABASE: "postgres", FALCORD_TEST_POSTGRES_URL: adminUrl }, "falcord_bench");
  try {
    const records = await runScenario({ ...scenario, subject: "falcord", layout: processLayout(count, guilds, database.target) });
    try {
      const metrics = computeMetrics(records);
      return {
        processes: count,
        guilds: Math.max(2, guilds),
        jobsPerSecond: Number((metrics.delivered / metrics.wallSeconds).toFixed(1)),
        ...exactlyOnce(records),
        perShard: interactionsPerShard(records, count),
        metrics,
      };
    } finally {
      await closeScenario(records);
    }
  } finally {
    await database.close();
  }
}

/** The section's table: a row per process count. */
export function processTable(runs: readonly ProcessRun[]): string[] {
  const columns: [string, (run: ProcessRun) => string | number][] = [
    ["processes", (r) => r.processes],
    ["N", (r) => r.metrics.n],
    ["per shard", (r) => r.perShard.join("/")],
    ["jobs/s", (r) => r.jobsPerSecond],
    ["makespan s", (r) => r.metrics.wallSeconds],
    ["overhead p50/p99 ms", (r) => `${r.metrics.deliveryOverheadMs.p50}/${r.metrics.deliveryOverheadMs.p99}`],
    ["ack p99 ms", (r) => r.metrics.ackMs.p99],
    ["peak RSS MB (sum)", (r) => r.metrics.peakRssMb],
    ["CPU s (sum)", (r) => r.metrics.cpuSeconds],
    ["delivered once/twice+/never", (r) => `${r.deliveries.once}/${r.deliveries.more}/${r.deliveries.never}`],
    ["fal twice+", (r) => r.submittedMoreThanOnce],
  ];
  const width = (label: string) => Math.max(label.length, 8);
  return [
    columns.map(([label]) => label.padStart(width(label))).join("  "),
    ...runs.map((run) => columns.map(([label, pick]) => String(pick(run)).padStart(width(label))).join("  ")),
  ];
}

/** The PostgreSQL server the section runs on, and how to leave it as it was found. */
export interface BenchPostgres {
  adminUrl: string;
  /** Stops the server if the bench started it; nothing otherwise. */
  release(): void;
}

const script = join(root, "scripts", "test-postgres.sh");
const defaultUrl = "postgres://falcord@127.0.0.1:54329/postgres";

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether PostgreSQL's server is installed where scripts/test-postgres.sh looks for it. */
function serverInstalled(): boolean {
  return existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").length > 0;
}

/**
 * BENCH_POSTGRES_URL or FALCORD_TEST_POSTGRES_URL when set; else a test server already running on 127.0.0.1:54329;
 * else one scripts/test-postgres.sh starts (and the bench stops), when `mayInstall` or PostgreSQL is installed. A
 * string says why there is none.
 */
export async function benchPostgres(env: NodeJS.ProcessEnv, mayInstall: boolean, log: (line: string) => void): Promise<BenchPostgres | string> {
  const given = env.BENCH_POSTGRES_URL || env.FALCORD_TEST_POSTGRES_URL;
  if (given) return { adminUrl: given, release: () => undefined };
  if (await accepts(defaultUrl)) return { adminUrl: defaultUrl, release: () => undefined };
  if (!mayInstall && !serverInstalled()) return "no PostgreSQL: set BENCH_POSTGRES_URL (an admin URL), or give --processes 1,2,3 to have scripts/test-postgres.sh install and start one";
  log("bench: starting a PostgreSQL server for the multi-process section (scripts/test-postgres.sh start)…");
  const started = spawnSync(script, ["start"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const url = /FALCORD_TEST_POSTGRES_URL=(\S+)/.exec(started.stdout ?? "")?.[1];
  if (started.status !== 0 || !url) return `scripts/test-postgres.sh start failed (exit ${started.status})`;
  return { adminUrl: url, release: () => void spawnSync(script, ["stop"], { stdio: ["ignore", "ignore", "inherit"] }) };
}
