// The figures of one run, computed only from what the fakes recorded (and /proc for memory and CPU).
// Jobs are matched across the fakes by their prompt, which is unique per job.
import type { RecordedRequest } from "../fakes/discord/index.js";
import type { RecordedFalRequest } from "../fakes/fal/index.js";
import { finalKind, tokenOf, type ScenarioRecords } from "./scenario.js";

export interface Stats {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export interface RunMetrics {
  subject: string;
  n: number;
  /** Dispatch (INTERACTION_CREATE sent) → the interaction callback arriving at the fake, ms. */
  ackMs: Stats;
  /** Acks that arrived later than Discord's 3 s, or were refused. */
  acksLate: number;
  /** fal COMPLETED → the final edit carrying the result answered by the fake (what the user sees), ms. */
  deliveryOverheadMs: Stats;
  /** The same, to the final edit's arrival at the fake, ms. */
  deliveryOverheadArrivalMs: Stats;
  discord: {
    requests: number;
    perJob: number;
    /** Most requests one job made, and how many jobs made more than 2 + duration / 1.5 s. */
    maxPerJob: number;
    jobsOverBudget: number;
    /** Requests not tied to one job's token (channel fetches, …). */
    unattributed: number;
    status429: number;
    /** Most requests that arrived at the fake within one second (discord.js queues bot-token and webhook requests at 50/s). */
    peakPerSecond: number;
    byRoute: Record<string, number>;
  };
  fal: {
    requests: number;
    perJob: number;
    maxPerJob: number;
    byRoute: Record<string, number>;
    status429: number;
  };
  /** fal duration of a job (submit → COMPLETED), ms. */
  falDurationMs: Stats;
  /** Dispatch of the interaction → fal accepting its submit, ms (how long a job waits before fal starts on it). */
  submitMs: Stats;
  /** Peak VmRSS sampled every 100 ms from ready to the end of the run. */
  peakRssMb: number;
  /** VmHWM at the end: the kernel's peak over the whole process life (start-up included). */
  peakRssLifetimeMb: number;
  rssAtReadyMb: number;
  cpuSeconds: number;
  cpuSecondsPer100Jobs: number;
  delivered: number;
  failed: number;
  lost: number;
  /** First dispatch → last job ended, s. */
  wallSeconds: number;
  startupMs: number;
  /** Event-loop delay of the bench process that hosts the fakes, ms (their timestamps can be late by up to this). */
  harnessLoopDelayMs: ScenarioRecords["harnessLoopDelay"];
  harnessCpuSecondsPer100Jobs: number;
  notes: string[];
}

export function stats(values: number[]): Stats {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const count = sorted.length;
  if (count === 0) return { count, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const at = (q: number) => sorted[Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1))]!;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / count;
  return { count, p50: at(0.5), p99: at(0.99), max: sorted[count - 1]!, mean };
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** Appends `value` to the list under `key` (Node 20 has no Map.groupBy). */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function computeMetrics(r: ScenarioRecords): RunMetrics {
  const { n, subject } = r.options;
  const notes: string[] = [];
  const toEpoch = (perfMs: number) => performance.timeOrigin + perfMs;
  // The run's requests only: from the burst to the moment the run ended (what the subject sends while it is being
  // stopped, or after the deadline, is not counted).
  const discordRequests = r.discord.requests.slice(r.discordFrom, r.discordTo).filter((q): q is RecordedRequest => q.kind === "http" && !q.path.startsWith("/attachments/"));
  const falWindow = r.fal.requests.slice(r.falFrom, r.falTo);
  // The fake's own fetches of a job's input images are not the subject's requests.
  const falRequests = falWindow.filter((q) => q.route !== "input-fetch");
  const falOwnFetches = falWindow.length - falRequests.length;

  // Discord: per interaction token.
  const byToken = new Map<string, RecordedRequest[]>();
  let unattributed = 0;
  for (const request of discordRequests) {
    const token = tokenOf(request);
    if (!token) {
      unattributed += 1;
      continue;
    }
    pushTo(byToken, token, request);
  }

  // fal: the job's request id by prompt (the last accepted submit), its CDN files by URL.
  const requestIdByPrompt = new Map<string, string>();
  for (const request of falRequests) {
    const prompt = (request.body as { prompt?: unknown } | undefined)?.prompt;
    if (request.route === "submit" && request.status === 200 && request.requestId && typeof prompt === "string") {
      requestIdByPrompt.set(prompt, request.requestId);
    }
  }
  const requestIdByCdnUrl = new Map<string, string>();
  for (const job of r.fal.jobs.values()) {
    const body = job.result?.body as { images?: { url?: string }[] } | undefined;
    for (const image of body?.images ?? []) if (image.url) requestIdByCdnUrl.set(new URL(image.url).pathname, job.requestId);
  }
  const falByRequestId = new Map<string, RecordedFalRequest[]>();
  for (const request of falRequests) {
    const id = request.requestId ?? (request.route === "cdn" ? requestIdByCdnUrl.get(new URL(request.targetUrl).pathname) : undefined);
    if (!id) continue;
    pushTo(falByRequestId, id, request);
  }

  const acks: number[] = [];
  let acksLate = 0;
  const overhead: number[] = [];
  const overheadArrival: number[] = [];
  const durations: number[] = [];
  const submits: number[] = [];
  const discordPerJob: number[] = [];
  const falPerJob: number[] = [];
  let jobsOverBudget = 0;
  /** Dispatched jobs with no accepted fal submit matched by their prompt (they count 0 fal requests). */
  let withoutRequestId = 0;
  let delivered = 0;
  let failed = 0;
  for (const job of r.jobs) {
    if (job.outcome === "delivered") delivered += 1;
    else if (job.outcome === "failed") failed += 1;
    const handle = job.handle;
    if (!handle) continue;
    const writes = byToken.get(handle.token) ?? [];
    discordPerJob.push(writes.length);
    // The acknowledgement: the first accepted callback, else the first refused one.
    const callbacks = writes.filter((q) => q.route === "/interactions/:id/:token/callback");
    const callback = callbacks.find((q) => q.status >= 200 && q.status < 300) ?? callbacks[0];
    if (callback) {
      acks.push(callback.at - handle.dispatchedAt);
      if (callback.at - handle.dispatchedAt > 3000 || callback.status >= 300) acksLate += 1;
    } else acksLate += 1;

    const requestId = requestIdByPrompt.get(job.prompt);
    if (!requestId) withoutRequestId += 1;
    const falJob = requestId ? r.fal.jobs.get(requestId) : undefined;
    falPerJob.push(requestId ? (falByRequestId.get(requestId)?.length ?? 0) : 0);
    if (falJob) submits.push(falJob.submittedAt - toEpoch(handle.dispatchedAt));
    const duration = falJob?.completedAt !== undefined ? falJob.completedAt - falJob.submittedAt : undefined;
    if (duration !== undefined) durations.push(duration);
    if (duration !== undefined && writes.length > 2 + duration / 1500) {
      jobsOverBudget += 1;
      // The first few, spelled out: when each write arrived, from fal's submit (fal completed at `duration`).
      if (jobsOverBudget <= 3 && falJob) {
        const times = writes.map((q) => `${q.method === "POST" ? "ack" : "edit"}@${Math.round(toEpoch(q.at) - falJob.submittedAt)}`);
        notes.push(`over the Discord budget: fal ran ${Math.round(duration)} ms; writes ${times.join(", ")} ms`);
      }
    }
    const final = writes.find((q) => finalKind(q, r.fal.origin) === "delivered");
    if (final && falJob?.completedAt !== undefined) {
      overhead.push(toEpoch(final.finishedAt ?? final.at) - falJob.completedAt);
      overheadArrival.push(toEpoch(final.at) - falJob.completedAt);
    }
  }
  const lost = n - delivered - failed;
  const dispatchErrors = r.jobs.filter((j) => j.dispatchError).length;
  if (dispatchErrors) notes.push(`${dispatchErrors} dispatches failed: ${r.jobs.find((j) => j.dispatchError)?.dispatchError}`);
  if (r.subjectExit) notes.push(`the subject ${r.subjectExit}`);
  if (unattributed) notes.push(`${unattributed} Discord requests not tied to a job: ${JSON.stringify(countBy(discordRequests.filter((q) => !tokenOf(q)), (q) => `${q.method} ${q.route}`))}`);
  // Figures that silently leave jobs out (the floor subject never calls fal: nothing to say there).
  if (subject !== "floor") {
    if (withoutRequestId) notes.push(`${withoutRequestId} of ${r.jobs.filter((j) => j.handle).length} dispatched jobs have no accepted fal submit matched by prompt: they count 0 fal requests and are left out of the submit and fal-duration figures`);
    if (overhead.length < delivered) notes.push(`${delivered - overhead.length} of ${delivered} delivered jobs have no delivery-overhead figure (no matched fal completion or no final edit recorded in the run)`);
  }
  if (falOwnFetches) notes.push(`${falOwnFetches} input fetches made by the fal fake itself are not counted as fal requests`);
  const cpu = r.cpuAtEnd - r.cpuAtReady;
  const discordTotal = discordRequests.length;
  return {
    subject,
    n,
    ackMs: roundStats(stats(acks)),
    acksLate,
    deliveryOverheadMs: roundStats(stats(overhead)),
    deliveryOverheadArrivalMs: roundStats(stats(overheadArrival)),
    discord: {
      requests: discordTotal,
      perJob: round(discordTotal / n, 2),
      maxPerJob: Math.max(0, ...discordPerJob),
      jobsOverBudget,
      unattributed,
      status429: discordRequests.filter((q) => q.status === 429).length,
      peakPerSecond: peakPerSecond(discordRequests.map((q) => q.at)),
      byRoute: countBy(discordRequests, (q) => `${q.method} ${q.route} ${q.status}`),
    },
    fal: {
      requests: falRequests.length,
      perJob: round(falRequests.length / n, 2),
      maxPerJob: Math.max(0, ...falPerJob),
      byRoute: countBy(falRequests, (q) => q.route),
      status429: falRequests.filter((q) => q.status === 429).length,
    },
    falDurationMs: roundStats(stats(durations)),
    submitMs: roundStats(stats(submits)),
    peakRssMb: mb(r.peakSampledRss),
    peakRssLifetimeMb: mb(Math.max(r.peakHwm, r.peakSampledRss)),
    rssAtReadyMb: mb(r.rssAtReady),
    cpuSeconds: round(cpu, 2),
    cpuSecondsPer100Jobs: round((cpu / n) * 100, 2),
    delivered,
    failed,
    lost,
    wallSeconds: round((r.endedAt - r.burstStartedAt) / 1000, 1),
    startupMs: Math.round(r.startupMs),
    harnessLoopDelayMs: r.harnessLoopDelay,
    harnessCpuSecondsPer100Jobs: round((r.harnessCpuSeconds / n) * 100, 2),
    notes,
  };
}

function roundStats(s: Stats): Stats {
  return { count: s.count, p50: round(s.p50), p99: round(s.p99), max: round(s.max), mean: round(s.mean) };
}

/** The most timestamps (ms) within any 1000 ms window. */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= 1000) from += 1;
    best = Math.max(best, to - from + 1);
  }
  return best;
}
