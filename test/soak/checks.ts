// The soak's verdict, from what crossed the wire (the fakes' records), the bot's database and /proc: every
// interaction answered, every job terminal, each result delivered once, the ledger equal to what fal billed, the
// faults handled as they should be, few members asked to retry after the kill, memory back near its baseline.
import type { RecordedRequest } from "../fakes/discord/index.js";
import type { FakeFalJob } from "../fakes/fal/index.js";
import { countBy, stats, type Stats } from "../bench/metrics.js";
import { catalog } from "../../src/models/index.js";
import { jobButtonId } from "../../src/generation/result-buttons.js";
import type { SentJob, SoakRecords } from "./run.js";
import type { StoredJob } from "./store.js";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SoakFigures {
  jobs: number;
  faulted: number;
  refused: number;
  states: Record<string, number>;
  failures: Record<string, number>;
  /** Jobs whose member was asked to press Retry because the kill left their submit in doubt. */
  interrupted: number;
  ackMs: Stats;
  wallSeconds: number;
  restartSeconds?: number;
  /** The jobs' states when falcord was killed: what the restarted process had to take up. */
  atKill?: Record<string, number>;
  falBilledUsd: number;
  ledgerSettledUsd: number;
  /** fal billed these, and the bot could not know (an unreadable submit answer, a submit in doubt at the kill). */
  billedUnseen: { ref: string; why: string; usd: number }[];
  discordStatus: Record<string, number>;
  memoryMb: { baseline: number; peak: number; restartReady: number; end: number; allowedEnd: number };
}

export interface SoakReport {
  ok: boolean;
  checks: Check[];
  figures: SoakFigures;
}

/** The memory check's slack over the baseline: 25 % or 30 MB, whichever is more (see the README's Soak paragraph). */
export const memorySlack = { fraction: 0.25, bytes: 30 * 2 ** 20 };

/** Retries a kill may cost at most: the bot hands at most two submits to fal at once (see JobRunner). */
export const maxInterrupted = 2;

const terminal = new Set(["delivered", "failed", "cancelled"]);
const ok2xx = (r: RecordedRequest) => r.kind === "http" && r.status >= 200 && r.status < 300;
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const round4 = (usd: number) => Math.round(usd * 10_000) / 10_000;

function listed(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join("; ") : `${items.slice(0, max).join("; ")}; … ${items.length - max} more`;
}

/** fal bills a run it completed with a result: not one it refused, that crashed, or that was cancelled. */
export function billed(job: FakeFalJob): boolean {
  return job.state === "COMPLETED" && !job.cancelled && job.result?.status === 200 && job.failure?.kind !== "server-error";
}

/** What fal charges for a billed run: the catalog's price of its input and the output it returned. */
function falPrice(job: FakeFalJob): number {
  const model = catalog.byEndpoint(job.endpoint);
  if (!model) throw new Error(`soak: fal ran ${job.endpoint}, which is not in the catalog`);
  return model.estimateCost(job.input, model.normalizeOutput(job.result?.body)).usd;
}

/** Refs of the results each write put in a reply: every result carries its Re-roll button, nothing else does. */
function resultRefs(request: RecordedRequest): string[] {
  const prefix = jobButtonId("reroll", "");
  const text = JSON.stringify(request.body ?? null);
  const refs: string[] = [];
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) refs.push(/^[A-Z0-9]+/.exec(text.slice(at + prefix.length))?.[0] ?? "");
  return refs;
}

function interactionIdOf(request: RecordedRequest): string | undefined {
  return /^\/api\/v10\/interactions\/(\d+)\/[^/]+\/callback$/.exec(request.path)?.[1];
}

export function judge(r: SoakRecords): SoakReport {
  const checks: Check[] = [];
  const check = (name: string, problems: string[], detail: string) =>
    checks.push({ name, ok: problems.length === 0, detail: problems.length ? listed(problems) : detail });
  const http = r.discord.requests.filter((q) => q.kind === "http");
  const jobByInteraction = new Map(r.jobs.map((job) => [job.interaction_id, job]));
  const sentByInteraction = new Map(r.sent.map((job) => [job.handle.id, job]));

  // 1. Every interaction got one answer: acknowledged with a job, or refused privately with a message and no job.
  const callbacks = new Map<string, RecordedRequest[]>();
  for (const q of http.filter(ok2xx)) {
    const id = interactionIdOf(q);
    if (id) callbacks.set(id, [...(callbacks.get(id) ?? []), q]);
  }
  const answerProblems: string[] = [];
  const refusals: string[] = [];
  const acks: number[] = [];
  for (const job of r.sent) {
    const answers = callbacks.get(job.handle.id) ?? [];
    const stored = jobByInteraction.get(job.handle.id);
    if (answers.length !== 1) {
      answerProblems.push(`job ${job.index}: ${answers.length} answers`);
      continue;
    }
    const answer = answers[0]!;
    acks.push(answer.at - job.handle.dispatchedAt);
    const body = (answer.body ?? {}) as { type?: number; data?: { content?: string; flags?: number } };
    if (body.type === 5) {
      if (!stored) answerProblems.push(`job ${job.index}: deferred, but no job was stored`);
    } else if (body.type === 4 && ((body.data?.flags ?? 0) & 64) === 64 && body.data?.content && !/undefined/.test(body.data.content)) {
      refusals.push(body.data.content);
      if (stored) answerProblems.push(`job ${job.index}: refused, yet job ${stored.ref} was stored`);
    } else answerProblems.push(`job ${job.index}: answered ${JSON.stringify(body).slice(0, 200)}`);
  }
  for (const job of r.jobs) if (!sentByInteraction.has(job.interaction_id)) answerProblems.push(`job ${job.ref} belongs to no interaction the soak sent`);
  check(
    "every interaction answered",
    answerProblems,
    `${r.sent.length - refusals.length} acknowledged with a job, ${refusals.length} refused privately${refusals.length ? ` (e.g. "${refusals[0]!.slice(0, 120)}")` : ""}`,
  );

  // 2. Every job terminal.
  const open = r.jobs.filter((job) => !terminal.has(job.state));
  check("every job terminal", open.map((job) => `${job.ref} is ${job.state}`), `${r.jobs.length} jobs: ${JSON.stringify(countBy(r.jobs, (j) => j.state))}`);

  // 3. Each delivered job's result reached the member exactly once; no other job's did.
  const resultWrites = new Map<string, number>();
  for (const q of http.filter(ok2xx)) for (const ref of resultRefs(q)) resultWrites.set(ref, (resultWrites.get(ref) ?? 0) + 1);
  const deliveryProblems: string[] = [];
  for (const job of r.jobs) {
    const writes = resultWrites.get(job.ref) ?? 0;
    const wanted = job.state === "delivered" ? 1 : 0;
    if (writes !== wanted) deliveryProblems.push(`${job.ref} (${job.state}): its result written ${writes} times`);
  }
  const delivered = r.jobs.filter((job) => job.state === "delivered").length;
  check("each delivered result written once", deliveryProblems, `${delivered} results, each in exactly one accepted Discord write`);

  // 4. The ledger charges what fal billed.
  const falByPrompt = new Map<string, FakeFalJob[]>();
  for (const job of r.fal.jobs.values()) {
    const prompt = String(job.input.prompt);
    falByPrompt.set(prompt, [...(falByPrompt.get(prompt) ?? []), job]);
  }
  const ledgerByJob = new Map<number, typeof r.ledger>();
  for (const row of r.ledger) ledgerByJob.set(row.job_id, [...(ledgerByJob.get(row.job_id) ?? []), row]);
  const ledgerProblems: string[] = [];
  const billedUnseen: SoakFigures["billedUnseen"] = [];
  let falBilledUsd = 0;
  let expectedSettledUsd = 0;
  const promptOf = (job: StoredJob) => sentByInteraction.get(job.interaction_id)?.prompt ?? "";
  const botPrompts = new Set(r.jobs.map(promptOf));
  for (const [prompt, runs] of falByPrompt) {
    if (!botPrompts.has(prompt)) ledgerProblems.push(`fal ran "${prompt.slice(0, 40)}…", which no stored job asked for`);
    if (runs.length > 1) ledgerProblems.push(`fal took ${runs.length} submits for one job (${runs.map((run) => run.requestId).join(", ")})`);
    for (const run of runs.filter(billed)) falBilledUsd += falPrice(run);
  }
  for (const job of r.jobs) {
    const rows = ledgerByJob.get(job.id) ?? [];
    if (rows.length !== 1) {
      ledgerProblems.push(`${job.ref}: ${rows.length} ledger rows`);
      continue;
    }
    const row = rows[0]!;
    const run = (falByPrompt.get(promptOf(job)) ?? []).find(billed);
    if (!run) {
      if (row.status !== "released") ledgerProblems.push(`${job.ref} (${job.state}): fal billed nothing, the ledger row is ${row.status} $${row.usd}`);
      continue;
    }
    const usd = falPrice(run);
    const unseen = job.failure === "interrupted" || (job.failure === "unreadable" && job.stage === "submit");
    if (row.status === "released" && unseen) {
      billedUnseen.push({ ref: job.ref, why: job.failure === "interrupted" ? "submit in doubt at the kill" : "fal's answer to the submit was unreadable", usd });
      continue;
    }
    expectedSettledUsd += usd;
    if (row.status !== "settled" || Math.abs(row.usd - usd) > 1e-6) {
      ledgerProblems.push(`${job.ref} (${job.state}): fal billed $${usd} (${run.requestId}), the ledger row is ${row.status} $${row.usd}`);
    }
  }
  const settledUsd = r.ledger.filter((row) => row.status === "settled").reduce((sum, row) => sum + row.usd, 0);
  if (Math.abs(settledUsd - expectedSettledUsd) > 1e-6) ledgerProblems.push(`settled $${round4(settledUsd)} ≠ fal's billed runs the bot knew of $${round4(expectedSettledUsd)}`);
  const reserved = r.ledger.filter((row) => row.status === "reserved").length;
  if (reserved) ledgerProblems.push(`${reserved} ledger rows still reserved`);
  check(
    "ledger matches what fal billed",
    ledgerProblems,
    `settled $${round4(settledUsd)} = fal's billed runs $${round4(expectedSettledUsd)}` +
      (billedUnseen.length ? ` (+ $${round4(falBilledUsd - expectedSettledUsd)} fal billed for ${billedUnseen.length} runs the bot could not know: ${billedUnseen.map((b) => `${b.ref}, ${b.why}`).join("; ")})` : "") +
      "; one fal run per job at most",
  );

  // 5. Each fault fired and its job ended as it should.
  const faultProblems: string[] = [];
  const faulted = r.sent.filter((job): job is SentJob & { fault: NonNullable<SentJob["fault"]> } => job.fault !== undefined);
  for (const job of faulted) {
    const stored = jobByInteraction.get(job.handle.id);
    if (!stored) {
      faultProblems.push(`job ${job.index} (${job.fault.name}) was refused`);
      continue;
    }
    // A job whose submit the kill left in doubt never reached its fault.
    if (stored.failure === "interrupted") continue;
    const fired = job.fault.fal
      ? (falByPrompt.get(job.prompt) ?? []).some((run) => run.failure !== undefined) ||
        r.fal.requests.some((q) => q.route === "submit" && q.status !== 200 && (q.body as { prompt?: unknown } | undefined)?.prompt === job.prompt)
      : http.some((q) => q.method === "PATCH" && q.files.length > 0 && q.path.includes(job.handle.token) && !ok2xx(q));
    if (!fired) faultProblems.push(`${stored.ref}: "${job.fault.name}" never fired`);
    if (stored.state !== job.fault.expected) faultProblems.push(`${stored.ref}: "${job.fault.name}" ended ${stored.state} (${stored.failure}), not ${job.fault.expected}`);
  }
  check("faults fired and handled", faultProblems, `${faulted.length} faults over ${new Set(faulted.map((j) => j.fault.name)).size} kinds, each fired and its job ended as expected`);

  // Nothing went wrong for a job that had no fault, whatever its neighbours and the kill did (bar a submit in doubt).
  const unfaulted = r.sent.filter((job) => job.fault === undefined).map((job) => jobByInteraction.get(job.handle.id));
  check(
    "every job without a fault delivered",
    unfaulted.filter((job) => job && job.state !== "delivered" && job.failure !== "interrupted").map((job) => `${job!.ref} ended ${job!.state} (${job!.failure})`),
    `${unfaulted.filter((job) => job?.state === "delivered").length} of ${unfaulted.length}`,
  );

  // 6. Few members asked to retry because of the kill.
  const interrupted = r.jobs.filter((job) => job.failure === "interrupted");
  check(
    `at most ${maxInterrupted} members asked to retry after the kill`,
    interrupted.length > maxInterrupted ? [`${interrupted.length} jobs interrupted: ${interrupted.map((j) => j.ref).join(", ")}`] : [],
    `${interrupted.length} asked to retry${interrupted.length ? ` (${interrupted.map((j) => j.ref).join(", ")})` : ""}`,
  );

  // 7. Memory back near its baseline.
  const { baseline, peak, restartReady, end } = r.memory;
  const allowedEnd = baseline + Math.max(memorySlack.bytes, baseline * memorySlack.fraction);
  check(
    "memory back near its baseline",
    Number.isFinite(end) && Number.isFinite(baseline) && end <= allowedEnd ? [] : [`RSS at the end ${mb(end)} MB, baseline ${mb(baseline)} MB, allowed ≤ ${mb(allowedEnd)} MB`],
    `RSS baseline ${mb(baseline)} MB, peak ${mb(peak)} MB, end ${mb(end)} MB (allowed ≤ ${mb(allowedEnd)} MB)`,
  );

  if (r.earlyExit) checks.push({ name: "falcord kept running", ok: false, detail: r.earlyExit });

  const failures = countBy(r.jobs.filter((job) => job.failure), (job) => `${job.state}: ${job.failure}${job.stage ? ` (${job.stage})` : ""}`);
  return {
    ok: checks.every((c) => c.ok),
    checks,
    figures: {
      jobs: r.sent.length,
      faulted: faulted.length,
      refused: refusals.length,
      states: countBy(r.jobs, (job) => job.state),
      failures,
      interrupted: interrupted.length,
      ackMs: stats(acks),
      wallSeconds: Math.round(r.wallSeconds * 10) / 10,
      ...(r.restartMs !== undefined ? { restartSeconds: Math.round(r.restartMs / 100) / 10 } : {}),
      ...(r.atKill ? { atKill: r.atKill } : {}),
      falBilledUsd: round4(falBilledUsd),
      ledgerSettledUsd: round4(settledUsd),
      billedUnseen,
      discordStatus: countBy(http, (q) => String(q.status)),
      memoryMb: { baseline: mb(baseline), peak: mb(peak), restartReady: mb(restartReady), end: mb(end), allowedEnd: mb(allowedEnd) },
    },
  };
}
