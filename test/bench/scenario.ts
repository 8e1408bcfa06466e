// One bench run: fresh fakes, one subject process (or several sharing the work, see processes.ts), N /imagine
// interactions in a burst, wait until every job is delivered (or the deadline), stop the subject. Everything measured
// comes from the fakes' records and /proc.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type FakeUser, type InteractionHandle, type RecordedRequest } from "../fakes/discord/index.js";
import { startFakeFal, type FakeFal } from "../fakes/fal/index.js";
import { fakeEnv } from "../e2e/harness.js";
import { snowflake } from "../fakes/discord/snowflake.js";
import { cpuSeconds, memory, root, Subject, type SubjectName } from "./subject.js";
import { textOf, type MessageLike } from "../e2e/v2-message.js";

export interface ScenarioOptions {
  subject: SubjectName;
  n: number;
  minMs: number;
  maxMs: number;
  queueMs: number;
  imageBytes: number;
  /** The N interactions are dispatched evenly over this window. */
  burstMs: number;
  /** How long to wait for deliveries after the burst. */
  deadlineMs: number;
  /** Node flags for the subject (profiling). */
  nodeArgs?: string[];
  /** falcord's checkout to run (default: this repository). */
  falcordDir?: string;
  /** Folder for the subject's full output (<subject>-n<N>.log). */
  logDir?: string;
  log(line: string): void;
  /** A full collection of this process (node --expose-gc's gc), run before the burst. */
  collectGarbage(): void;
  /** Several processes instead of one (default: one, on an SQLite file of its own, the burst in the first guild). */
  layout?: ProcessLayout;
}

/** How the subject runs as several processes on one database. */
export interface ProcessLayout {
  /** In log lines and log file names, e.g. "3 processes". */
  label: string;
  /** The fake Discord's guilds (ids placed on chosen shards). */
  guildIds: NonNullable<FakeDiscordOptions["guildIds"]>;
  /** Each process's own environment over the shared one (its shards, its name, the shared database): one per process. */
  processEnvs: Record<string, string>[];
  /** The channels the burst goes round. */
  channels(discord: FakeDiscord): string[];
}

export interface BenchJob {
  index: number;
  prompt: string;
  handle?: InteractionHandle;
  dispatchError?: string;
  outcome?: "delivered" | "failed";
}

export interface ScenarioRecords {
  options: Omit<ScenarioOptions, "log" | "collectGarbage" | "layout">;
  discord: FakeDiscord;
  fal: FakeFal;
  jobs: BenchJob[];
  /** Indexes into the fakes' request lists where the burst began (startup requests come before). */
  discordFrom: number;
  falFrom: number;
  /** The fakes' request-list lengths when the run ended (taken with endedAt): the run's requests are [from, to). What
   * the subject sends after that (shutdown edits on SIGTERM, late retries) is not the run's. */
  discordTo: number;
  falTo: number;
  burstStartedAt: number;
  burstEndedAt: number;
  /** performance.now() when the last job ended (or the deadline passed). */
  endedAt: number;
  /** Memory and CPU of the subject; with several processes, the sums over them (each process's own peak). */
  rssAtReady: number;
  peakSampledRss: number;
  peakHwm: number;
  rssSamples: number;
  cpuAtReady: number;
  cpuAtEnd: number;
  /** CPU seconds this process (the fakes and the scenario) used from the subject's ready to the end: the part of the machine the bot did not get. */
  harnessCpuSeconds: number;
  /** Event-loop delay of this process (the fakes) during the burst and over the whole run, ms: how far the fakes' own timestamps can lag. */
  harnessLoopDelay: { burstP99: number; burstMax: number; runP99: number; runMax: number };
  startupMs: number;
  subjectExit?: string;
  stderrTail: string;
}

/** Discord's global limit (50 requests/s over bot-token requests); the fake's per-route and callback buckets stay at its defaults. */
const discordRateLimits = { global: { limit: 50, windowMs: 1000 } };

const refPattern = /\(ref [A-Z2-9]{6}\)/;

/** Classifies a write to an interaction's reply: the result, a failure, or progress (undefined). */
export function finalKind(request: RecordedRequest, falOrigin: string): "delivered" | "failed" | undefined {
  if (request.kind !== "http" || request.status < 200 || request.status >= 300) return undefined;
  if (request.method !== "PATCH" && request.method !== "POST") return undefined;
  // A job's reply is a Components V2 message: its words are in text displays.
  const content = textOf((request.body ?? {}) as MessageLike);
  if (request.files.length > 0 || content.includes(`${falOrigin}/cdn/`)) return "delivered";
  if (refPattern.test(content) || content === "Something went wrong.") return "failed";
  return undefined;
}

function acknowledged(request: RecordedRequest): "delivered" | "failed" | undefined {
  if (request.kind !== "http" || !request.path.endsWith("/callback")) return undefined;
  return request.status >= 200 && request.status < 300 ? "delivered" : "failed";
}

/** The interaction token a request's path carries, if any (webhook edits and the callback). */
export function tokenOf(request: RecordedRequest): string | undefined {
  return /^\/api\/v10\/(?:webhooks\/\d+|interactions\/\d+)\/([^/]+)/.exec(request.path)?.[1];
}

function benchUser(index: number, permissions: string): FakeUser {
  return { id: snowflake(), username: `bench${index}`, global_name: `Bench User ${index}`, roles: [], permissions, isOwner: false };
}

/** A subject's environment: the fakes as Discord and fal, a database in `dir`. */
export function subjectEnv(discord: FakeDiscord, fal: FakeFal, dir: string): Record<string, string> {
  return fakeEnv(discord, fal, { DATABASE_PATH: join(dir, "falcord.sqlite"), LOG_LEVEL: "info" });
}

export async function runScenario(options: ScenarioOptions): Promise<ScenarioRecords> {
  const { n, subject: name, log, layout } = options;
  const label = layout ? `${name} (${layout.label})` : name;
  const spread = options.maxMs - options.minMs;
  const discord = await startFakeDiscord({ rateLimits: discordRateLimits, ...(layout ? { guildIds: layout.guildIds } : {}) });
  let fal: FakeFal | undefined;
  const subjects: Subject[] = [];
  const dir = mkdtempSync(join(tmpdir(), `falcord-bench-${name}-`));
  try {
    fal = await startFakeFal({
      queueMs: options.queueMs,
      runMs: () => options.minMs + Math.random() * spread,
      outputBytes: options.imageBytes,
    });
    const env = {
      ...subjectEnv(discord, fal, dir),
      MAX_CONCURRENT_JOBS: String(Math.min(1000, n)),
      // The fake fal runs any number at once: an account arranged for the load, whose operator states its limit.
      FAL_CONCURRENCY_LIMIT: String(Math.min(1000, n)),
    };
    const startedAt = performance.now();
    const processEnvs = layout?.processEnvs ?? [{}];
    const start = (extra: Record<string, string>, index: number) => {
      const logName = processEnvs.length > 1 ? `${name}-n${n}-p${processEnvs.length}-${index}.log` : `${name}-n${n}.log`;
      // falcord runs from an empty folder (no stray .env); the peer from the repository so `--import tsx` resolves.
      const subject = new Subject(name, { env: { ...env, ...extra }, cwd: name === "falcord" ? dir : root, ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}), ...(options.falcordDir ? { falcordDir: options.falcordDir } : {}),
        ...(options.logDir ? { logFile: join(options.logDir, logName) } : {}),
      });
      subjects.push(subject);
      return subject.ready(120_000);
    };
    // The first process alone makes the database's tables; the others start once it is ready.
    const [first = {}, ...others] = processEnvs;
    await start(first, 0);
    await Promise.all(others.map((extra, i) => start(extra, i + 1)));
    await discord.waitForIdentify(10_000);
    const startupMs = performance.now() - startedAt;
    // The fakes are the measuring instrument and keep one heap across rounds. Without a collection here, the
    // garbage of earlier rounds (their fakes, records and the 1 MiB results they took in) set off a full
    // collection of this process in the middle of a later burst: 15–50 ms in which no acknowledgement is read,
    // charged to the subject. (npm run bench also starts this process with a 256 MB old generation: with the
    // default, the uploads the fake Discord keeps set off a full collection every ~100 ms of deliveries.)
    options.collectGarbage();
    // Let start-up settle (registration, recovery, the first heartbeat) before measuring.
    await delay(500);
    const pids = subjects.map((subject) => subject.pid);
    const rssAtReady = sum(pids.map((pid) => memory(pid)?.rss));
    const cpuAtReady = sum(pids.map(cpuSeconds));
    const harnessCpuAtReady = process.cpuUsage();
    for (const subject of subjects) subject.startSampling(100);

    const tag = randomBytes(3).toString("hex");
    const permissions = discord.users.other.permissions;
    const channels = layout?.channels(discord) ?? [discord.channels.general, discord.channels.art];
    const jobs: BenchJob[] = Array.from({ length: n }, (_, index) => ({ index, prompt: `bench ${tag} job ${index}: a lighthouse on a cliff at dusk, oil painting` }));
    const byToken = new Map<string, BenchJob>();
    const discordFrom = discord.requests.length;
    const falFrom = fal.requests.length;
    const falOrigin = fal.origin;

    let ended = 0;
    let resolveAll: () => void = () => undefined;
    const allEnded = new Promise<void>((resolve) => (resolveAll = resolve));
    // The floor subject only acknowledges: its jobs end with the acknowledgement.
    const ends = name === "floor" ? acknowledged : (request: RecordedRequest) => finalKind(request, falOrigin);
    const onRequest = (request: RecordedRequest) => {
      const token = tokenOf(request);
      const job = token ? byToken.get(token) : undefined;
      if (!job || job.outcome) return;
      const kind = ends(request);
      if (!kind) return;
      job.outcome = kind;
      ended += 1;
      if (ended === n) resolveAll();
    };
    discord.events.on("request", onRequest);

    // The burst: N interactions, evenly over burstMs, from N members in two channels.
    const burstLoop = monitorEventLoopDelay({ resolution: 5 });
    const runLoop = monitorEventLoopDelay({ resolution: 5 });
    burstLoop.enable();
    runLoop.enable();
    const burstStartedAt = performance.now();
    const ticks = Math.max(1, Math.round(options.burstMs / 5));
    for (let tick = 0; tick < ticks; tick++) {
      const from = Math.floor((tick * n) / ticks);
      const to = Math.floor(((tick + 1) * n) / ticks);
      for (let i = from; i < to; i++) {
        const job = jobs[i]!;
        try {
          job.handle = discord.dispatchSlashCommand({
            name: "imagine",
            options: [{ name: "prompt", type: 3, value: job.prompt }],
            user: benchUser(i, permissions),
            channelId: channels[i % channels.length]!,
          });
          byToken.set(job.handle.token, job);
        } catch (error) {
          job.dispatchError = error instanceof Error ? error.message : String(error);
          job.outcome = "failed";
          ended += 1;
        }
      }
      const next = burstStartedAt + ((tick + 1) * options.burstMs) / ticks;
      const wait = next - performance.now();
      if (wait > 0) await delay(wait);
    }
    const burstEndedAt = performance.now();
    burstLoop.disable();
    log(`  ${label} N=${n}: burst of ${n} dispatched in ${(burstEndedAt - burstStartedAt).toFixed(0)} ms; waiting for deliveries…`);
    if (ended === n) resolveAll();

    // Wait for every job to end, with a progress line every 10 s, until the deadline.
    const deadline = burstEndedAt + options.deadlineMs;
    let subjectExit: string | undefined;
    const exited = Promise.race(
      subjects.map((subject, i) =>
        subject.exited.then(({ code, signal }) => (subjectExit = `${subjects.length > 1 ? `(process ${i}) ` : ""}exited early: code ${code} signal ${signal}`)),
      ),
    );
    while (ended < n && performance.now() < deadline && subjectExit === undefined) {
      await Promise.race([allEnded, exited, delay(Math.min(10_000, Math.max(0, deadline - performance.now())))]);
      if (ended < n && subjectExit === undefined) log(`  ${label} N=${n}: ${ended}/${n} ended after ${((performance.now() - burstStartedAt) / 1000).toFixed(0)} s`);
    }
    const endedAt = performance.now();
    const discordTo = discord.requests.length;
    const falTo = fal.requests.length;
    runLoop.disable();
    const ms = (h: IntervalHistogram, q: number | "max") => Number(((q === "max" ? h.max : h.percentile(q)) / 1e6).toFixed(1));
    const harnessLoopDelay = { burstP99: ms(burstLoop, 99), burstMax: ms(burstLoop, "max"), runP99: ms(runLoop, 99), runMax: ms(runLoop, "max") };
    discord.events.off("request", onRequest);
    const cpuAtEnd = sum(pids.map(cpuSeconds));
    const harnessCpu = process.cpuUsage(harnessCpuAtReady);
    const peakHwm = sum(pids.map((pid) => memory(pid)?.hwm));
    for (const subject of subjects) subject.stopSampling();
    return {
      options: { subject: name, n, minMs: options.minMs, maxMs: options.maxMs, queueMs: options.queueMs, imageBytes: options.imageBytes, burstMs: options.burstMs, deadlineMs: options.deadlineMs },
      discord,
      fal,
      jobs,
      discordFrom,
      falFrom,
      discordTo,
      falTo,
      burstStartedAt,
      burstEndedAt,
      endedAt,
      rssAtReady,
      peakSampledRss: sum(subjects.map((subject) => subject.peakSampledRss)),
      peakHwm,
      rssSamples: sum(subjects.map((subject) => subject.samples)),
      cpuAtReady,
      cpuAtEnd,
      harnessCpuSeconds: (harnessCpu.user + harnessCpu.system) / 1e6,
      harnessLoopDelay,
      startupMs,
      ...(subjectExit ? { subjectExit } : {}),
      stderrTail: subjects.map((subject, i) => (subjects.length > 1 ? `[process ${i}]\n` : "") + subject.stderrTail.slice(-4000)).join("\n"),
    };
  } catch (error) {
    await Promise.all([discord.close(), fal?.close()]);
    throw error;
  } finally {
    await Promise.all(subjects.map((subject) => subject.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sum of figures read from /proc (NaN when one could not be read). */
function sum(values: readonly (number | undefined)[]): number {
  return values.reduce<number>((total, value) => total + (value ?? NaN), 0);
}

/** Closes the fakes of a finished run (after its metrics were computed). */
export async function closeScenario(records: Pick<ScenarioRecords, "discord" | "fal">): Promise<void> {
  await Promise.all([records.discord.close(), records.fal.close()]);
}
