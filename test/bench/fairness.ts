// The bench's fairness run (issue 16, item 2): fal runs 4 of the account's requests at once; 8 members send 3 jobs
// of 2 s each, then one more member sends one 0.6 s later. What counts is how long that member waits for their
// one job: a perfect round robin takes 5.4 s plus one job (7.4 s), first come, first served about 14 s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { startFakeDiscord, type FakeUser, type RecordedRequest } from "../fakes/discord/index.js";
import { snowflake } from "../fakes/discord/snowflake.js";
import { startFakeFal } from "../fakes/fal/index.js";
import { finalKind, subjectEnv, tokenOf } from "./scenario.js";
import { Subject } from "./subject.js";

export interface FairnessOptions {
  falcordDir: string;
  /** FAL_CONCURRENCY_LIMIT for falcord; unset: it finds the account's limit itself. */
  knownLimit?: number;
  log(line: string): void;
}

export interface FairnessMetrics {
  /** How falcord was told the account's limit: "found" (adaptive) or the FAL_CONCURRENCY_LIMIT given. */
  limit: string;
  /** From the late member's command to their result, ms. */
  lateMemberMs: number;
  /** Every job's command-to-result time, ms: median and max. */
  allJobsMs: { p50: number; max: number };
  /** The most requests fal had running, and the most it held at once (running and queued). */
  falRunningPeak: number;
  falHeldPeak: number;
  delivered: number;
  jobs: number;
}

const accountLimit = 4;
const jobMs = 2000;
const members = 8;
const jobsEach = 3;
const lateAfterMs = 600;

function member(index: number, permissions: string): FakeUser {
  return { id: snowflake(), username: `member${index}`, global_name: `Member ${index}`, roles: [], permissions, isOwner: false };
}

/** The most spans overlapping at one of their starts. */
function peak(spans: (readonly [number, number])[]): number {
  return Math.max(...spans.map(([start]) => spans.filter(([s, end]) => s <= start && start < end).length));
}

export async function runFairness(options: FairnessOptions): Promise<FairnessMetrics> {
  const discord = await startFakeDiscord();
  const fal = await startFakeFal({ accountLimit, queueMs: 20, runMs: jobMs, outputBytes: 256 * 1024 });
  const dir = mkdtempSync(join(tmpdir(), "falcord-bench-fairness-"));
  const subject = new Subject("falcord", {
    env: {
      ...subjectEnv(discord, fal, dir),
      MAX_CONCURRENT_JOBS: "16",
      ...(options.knownLimit ? { FAL_CONCURRENCY_LIMIT: String(options.knownLimit) } : {}),
    },
    cwd: dir,
    falcordDir: options.falcordDir,
  });
  try {
    await subject.ready(120_000);
    await discord.waitForIdentify(10_000);
    const permissions = discord.users.other.permissions;
    const sentAt = new Map<string, number>();
    const deliveredAt = new Map<string, number>();
    const onRequest = (request: RecordedRequest) => {
      const token = tokenOf(request);
      if (token && sentAt.has(token) && !deliveredAt.has(token) && finalKind(request, fal.origin) === "delivered") {
        deliveredAt.set(token, request.finishedAt ?? request.at);
      }
    };
    discord.events.on("request", onRequest);
    const send = (user: FakeUser, prompt: string) => {
      const handle = discord.dispatchSlashCommand({ name: "imagine", options: [{ name: "prompt", type: 3, value: prompt }], user });
      sentAt.set(handle.token, performance.now());
      return handle.token;
    };
    for (let m = 0; m < members; m++) {
      const user = member(m, permissions);
      for (let j = 1; j <= jobsEach; j++) send(user, `member ${m}, job ${j}: a lighthouse at dusk`);
    }
    await delay(lateAfterMs);
    const late = send(member(members, permissions), "the late member's one job: a fox in the snow");
    const total = members * jobsEach + 1;
    const deadline = performance.now() + 120_000;
    while (deliveredAt.size < total && performance.now() < deadline) await delay(50);
    discord.events.off("request", onRequest);

    const waits = [...deliveredAt].map(([token, at]) => at - sentAt.get(token)!).sort((a, b) => a - b);
    const jobs = [...fal.jobs.values()];
    const metrics: FairnessMetrics = {
      limit: options.knownLimit ? `FAL_CONCURRENCY_LIMIT=${options.knownLimit}` : "found",
      lateMemberMs: Math.round((deliveredAt.get(late) ?? NaN) - sentAt.get(late)!),
      allJobsMs: { p50: Math.round(waits[Math.floor(waits.length / 2)] ?? NaN), max: Math.round(waits.at(-1) ?? NaN) },
      falRunningPeak: peak(jobs.filter((job) => job.startedAt !== undefined).map((job) => [job.startedAt!, job.completedAt ?? Infinity] as const)),
      falHeldPeak: peak(jobs.map((job) => [job.submittedAt, job.completedAt ?? Infinity] as const)),
      delivered: deliveredAt.size,
      jobs: total,
    };
    options.log(`  fairness (${metrics.limit}): the late member waited ${metrics.lateMemberMs} ms; fal held up to ${metrics.falHeldPeak} requests`);
    return metrics;
  } finally {
    await subject.stop();
    await Promise.all([discord.close(), fal.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
