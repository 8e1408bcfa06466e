// One soak run: fresh fakes, falcord as its own process (as `npm start` runs it) on a fresh SQLite file, the
// planned jobs sent at a steady rate from many members with their faults armed, one SIGKILL and a restart on the
// same database, then the wait until every job is terminal. What it returns is read from the fakes, the database
// and /proc; checks.ts judges it.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { APIAttachment } from "discord-api-types/v10";
import { startFakeDiscord, type FakeDiscord, type FakeUser, type InteractionHandle, type SimpleOption } from "../fakes/discord/index.js";
import { snowflake } from "../fakes/discord/snowflake.js";
import { startFakeFal, type FakeFal } from "../fakes/fal/index.js";
import { fakeEnv } from "../e2e/harness.js";
import { pngBytes } from "../e2e/generation-helpers.js";
import { memory, Subject } from "../bench/subject.js";
import { armFault } from "./faults.js";
import { planJobs, seeded, type PlannedJob } from "./plan.js";
import { readStore, unfinishedByState, unfinishedJobs, type StoredJob, type StoredLedgerRow } from "./store.js";

export interface SoakOptions {
  jobs: number;
  members: number;
  faultRate: number;
  seed: number;
  /** When to kill falcord with SIGKILL: after this fraction of the jobs was sent, or this many seconds into sending. */
  killAt: { fraction: number } | { seconds: number } | "never";
  /** Jobs sent per second. */
  rate: number;
  /** The fake fal account's concurrency limit. */
  falLimit: number;
  queueMs: number;
  minMs: number;
  maxMs: number;
  /** Output image size at fal (0: the fake's tiny images). */
  imageBytes: number;
  jobTimeoutMs: number;
  /** Jobs sent and finished before the memory baseline is taken. */
  warmupJobs: number;
  /** Quiet time before each memory reading. */
  settleMs: number;
  /** How long to wait, after the last job was sent, for every job to end. */
  deadlineMs: number;
  /** falcord's full output goes here when given. */
  logFile?: string;
  log(line: string): void;
}

export interface SentJob extends PlannedJob {
  handle: InteractionHandle;
  /** Sent by the process started after the kill. */
  afterKill: boolean;
}

export interface SoakMemory {
  /** RSS after the warm-up jobs ended and a quiet pause (the first process). */
  baseline: number;
  /** Peak RSS sampled every 100 ms, over both processes. */
  peak: number;
  /** RSS of the restarted process once ready, before it took new work. */
  restartReady: number;
  /** RSS after every job ended and a quiet pause (the restarted process). */
  end: number;
}

export interface SoakRecords {
  options: Omit<SoakOptions, "log">;
  discord: FakeDiscord;
  fal: FakeFal;
  guildId: string;
  sent: SentJob[];
  jobs: StoredJob[];
  ledger: StoredLedgerRow[];
  memory: SoakMemory;
  /** Job index before which falcord was killed, if it was. */
  killedBefore?: number;
  /** The jobs' states (unfinished ones) when falcord was killed. */
  atKill?: Record<string, number>;
  /** SIGKILL → the restarted process ready, ms. */
  restartMs?: number;
  /** Sending's first dispatch → every job ended, s. */
  wallSeconds: number;
  /** Jobs still unfinished at the deadline (0 when all ended). */
  unfinishedAtDeadline: number;
  /** Why falcord stopped on its own, if it did. */
  earlyExit?: string;
}

const discordRateLimits = { global: { limit: 50, windowMs: 1000 } };

function member(index: number, permissions: string): FakeUser {
  return { id: snowflake(), username: `soak${index}`, global_name: `Soak Member ${index}`, roles: [], permissions, isOwner: false };
}

/** /settings set as the server's owner, refused loudly if it did not save. */
async function raiseLimits(discord: FakeDiscord): Promise<void> {
  const options: SimpleOption[] = [{ name: "max_jobs_in_flight", value: 50 }];
  const response = await discord.dispatchSlashCommand({ name: "settings", subcommand: "set", options, user: discord.users.owner }).response(10_000);
  const content = String(response.data?.content ?? "");
  if (!content.startsWith("Saved")) throw new Error(`soak: /settings set did not save: ${content}`);
}

function rss(subject: Subject): number {
  return memory(subject.pid)?.rss ?? NaN;
}

export async function runSoak(options: SoakOptions): Promise<SoakRecords> {
  const { log, ...settings } = options;
  const durations = seeded(options.seed ^ 0x5eed);
  const discord = await startFakeDiscord({ rateLimits: discordRateLimits });
  const fal = await startFakeFal({
    queueMs: options.queueMs,
    runMs: () => options.minMs + durations() * (options.maxMs - options.minMs),
    accountLimit: options.falLimit,
    ...(options.imageBytes > 0 ? { outputBytes: options.imageBytes } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), "falcord-soak-"));
  const databasePath = join(dir, "falcord.sqlite");
  const env = fakeEnv(discord, fal, { DATABASE_PATH: databasePath, LOG_LEVEL: "info", JOB_TIMEOUT_MS: String(options.jobTimeoutMs) });
  const start = () => new Subject("falcord", { env, cwd: dir, ...(options.logFile ? { logFile: options.logFile } : {}) });
  let subject = start();
  let peak = 0;
  const sampled = () => (peak = Math.max(peak, subject.peakSampledRss));
  try {
    await subject.ready(120_000);
    await discord.waitForIdentify(10_000);
    subject.startSampling(100);
    await raiseLimits(discord);

    const plan = planJobs({ jobs: options.jobs, members: options.members, faultRate: options.faultRate, seed: options.seed, tag: randomBytes(3).toString("hex") });
    const members = Array.from({ length: options.members }, (_, i) => member(i, discord.users.other.permissions));
    const channels = [discord.channels.general, discord.channels.art];
    const images = await Promise.all([pngBytes(96, 64), pngBytes(64, 96), pngBytes(80, 80)]);
    const sent: SentJob[] = [];
    const killIndex =
      options.killAt === "never" ? undefined : "fraction" in options.killAt ? Math.round(options.jobs * options.killAt.fraction) : undefined;
    const killSeconds = options.killAt !== "never" && "seconds" in options.killAt ? options.killAt.seconds : undefined;
    let killedBefore: number | undefined;
    let atKill: Record<string, number> | undefined;
    let restartMs: number | undefined;
    let baseline = NaN;
    let restartReady = NaN;
    let afterKill = false;

    /** Waits (polling the database) until every job sent so far has ended, or the deadline. */
    const drain = async (deadline: number): Promise<number> => {
      await Promise.allSettled(sent.map((job) => job.handle.response(Math.max(1, deadline - performance.now()))));
      for (;;) {
        const left = unfinishedJobs(databasePath);
        if (left === 0 || performance.now() >= deadline) return left;
        if (subject.child.exitCode !== null || subject.child.signalCode !== null) return left;
        await delay(250);
      }
    };

    const dispatch = (job: PlannedJob) => {
      const attachment: APIAttachment | undefined =
        job.command === "edit"
          ? discord.hostAttachment({ filename: `photo-${job.index}.png`, contentType: "image/png", data: images[job.index % images.length]! })
          : undefined;
      const handle = discord.dispatchSlashCommand({
        name: job.command,
        options: [
          { name: "prompt", value: job.prompt },
          ...(attachment ? [{ name: "image", value: attachment }] : []),
          ...Object.entries(job.options).map(([name, value]) => ({ name, value })),
        ],
        ...(attachment ? { attachments: [attachment] } : {}),
        user: members[job.member]!,
        channelId: channels[job.index % channels.length]!,
      });
      if (job.fault) armFault(job.fault, { prompt: job.prompt, token: handle.token }, { discord, fal });
      sent.push({ ...job, handle, afterKill });
    };

    const killAndRestart = async (index: number) => {
      // Every interaction sent so far is answered first: one unanswered at the crash is Discord's "did not respond",
      // which no bot can help; the kill is meant for the jobs behind the answers (queued, at fal, being delivered).
      await Promise.allSettled(sent.map((job) => job.handle.response(5_000)));
      sampled();
      const killedAt = performance.now();
      subject.stopSampling();
      subject.child.kill("SIGKILL");
      await subject.exited;
      atKill = unfinishedByState(databasePath);
      log(`  SIGKILL after ${index} jobs sent; unfinished then: ${JSON.stringify(atKill)}`);
      killedBefore = index;
      subject = start();
      await subject.ready(120_000);
      await discord.waitForIdentify(10_000);
      restartMs = performance.now() - killedAt;
      restartReady = rss(subject);
      subject.startSampling(100);
      afterKill = true;
      log(`  restarted in ${(restartMs / 1000).toFixed(1)} s`);
    };

    const sendingFrom = performance.now();
    let clock = sendingFrom;
    let lastProgress = sendingFrom;
    for (const job of plan) {
      if (job.index === options.warmupJobs) {
        // Jobs still unfinished here are the checks' to report; the baseline is taken all the same.
        const left = await drain(performance.now() + 60_000);
        await delay(options.settleMs);
        baseline = rss(subject);
        log(`  warm-up: ${options.warmupJobs - left} of ${options.warmupJobs} jobs ended; baseline RSS ${(baseline / 2 ** 20).toFixed(1)} MB`);
        clock = performance.now();
      }
      const due = killedBefore === undefined && (job.index === killIndex || (killSeconds !== undefined && performance.now() - sendingFrom >= killSeconds * 1000));
      if (due) {
        await killAndRestart(job.index);
        clock = performance.now();
      }
      const wait = clock - performance.now();
      if (wait > 0) await delay(wait);
      dispatch(job);
      clock += 1000 / options.rate;
      if (performance.now() - lastProgress >= 10_000) {
        lastProgress = performance.now();
        log(`  ${job.index + 1}/${options.jobs} sent after ${((lastProgress - sendingFrom) / 1000).toFixed(0)} s; ${unfinishedJobs(databasePath)} unfinished`);
      }
    }
    log(`  all ${options.jobs} sent; waiting for every job to end…`);
    const unfinishedAtDeadline = await drain(performance.now() + options.deadlineMs);
    const wallSeconds = (performance.now() - sendingFrom) / 1000;
    const exit = subject.child.exitCode ?? subject.child.signalCode;
    const earlyExit = exit !== null ? `falcord exited on its own (${exit})\n${subject.stderrTail.slice(-2000)}` : undefined;
    await delay(options.settleMs);
    const end = earlyExit ? NaN : rss(subject);
    sampled();
    await subject.stop();
    const stored = readStore(databasePath);
    return {
      options: settings,
      discord,
      fal,
      guildId: discord.guild.id,
      sent,
      jobs: stored.jobs,
      ledger: stored.ledger,
      memory: { baseline, peak, restartReady, end },
      ...(killedBefore !== undefined ? { killedBefore } : {}),
      ...(atKill ? { atKill } : {}),
      ...(restartMs !== undefined ? { restartMs } : {}),
      wallSeconds,
      unfinishedAtDeadline,
      ...(earlyExit ? { earlyExit } : {}),
    };
  } catch (error) {
    await Promise.all([discord.close(), fal.close()]);
    throw error;
  } finally {
    await subject.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Closes the fakes of a finished run, once its checks were made. */
export async function closeSoak(records: Pick<SoakRecords, "discord" | "fal">): Promise<void> {
  await Promise.all([records.discord.close(), records.fal.close()]);
}
