// `npm run bench`: falcord against a naive peer on the same burst of /imagine interactions, measured from the
// fakes' records. Flags: --n 200,500  --min-ms 2000 --max-ms 6000  --queue-ms 100  --image-bytes 1048576
// --burst-ms 1000  --deadline-s 300  --only falcord,peer[,floor]  --out bench-results/latest.json  --cpu-prof <dir>
// --fairness found,4,16 (falcord under a fal account limit of 4: finding it, told 4, told 16; "none" skips it)
// --processes 1,2,3 (falcord as that many processes on one PostgreSQL, see processes.ts; "none" skips it)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runFairness, type FairnessMetrics } from "./fairness.js";
import { computeMetrics, type RunMetrics } from "./metrics.js";
import { benchPostgres, guildsPerRun, processesLabel, processTable, runProcesses, type ProcessRun } from "./processes.js";
import { closeScenario, runScenario } from "./scenario.js";
import { root, subjectNames, type SubjectName } from "./subject.js";

// The scenario collects this process's garbage before each burst (see scenario.ts); say so before building anything.
const collectGarbage = globalThis.gc;
if (!collectGarbage) {
  process.stderr.write("bench: run it with node --expose-gc (npm run bench does)\n");
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "200,500" },
    "min-ms": { type: "string", default: "2000" },
    "max-ms": { type: "string", default: "6000" },
    "queue-ms": { type: "string", default: "100" },
    "image-bytes": { type: "string", default: String(1024 * 1024) },
    "burst-ms": { type: "string", default: "1000" },
    "deadline-s": { type: "string", default: "300" },
    only: { type: "string" },
    out: { type: "string", default: "bench-results/latest.json" },
    "cpu-prof": { type: "string" },
    "node-args": { type: "string" },
    repeat: { type: "string", default: "1" },
    "falcord-dir": { type: "string" },
    "subject-logs": { type: "string" },
    fairness: { type: "string", default: "found,4,16" },
    processes: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  process.stdout.write(
    "npm run bench -- [--n 200,500] [--min-ms 2000] [--max-ms 6000] [--queue-ms 100] [--image-bytes 1048576]\n" +
      "                 [--burst-ms 1000] [--deadline-s 300] [--only falcord,peer,floor] [--out bench-results/latest.json]\n" +
      "                 [--cpu-prof DIR]   (write a .cpuprofile of each subject process into DIR)\n" +
      "                 [--falcord-dir DIR] (run falcord from another checkout, e.g. a `git archive HEAD` copy)\n" +
      "                 [--subject-logs DIR] (keep each subject's full output in DIR)\n" +
      "                 [--node-args=\"--heapsnapshot-signal=SIGUSR2 …\"] (extra Node flags for each subject process)\n" +
      "                 [--repeat 3]       (run each subject and N that often; the table shows each figure's median)\n" +
      "                 [--fairness found,4,16] (falcord under fal's account limit of 4: finding it, told 4, told 16; none)\n" +
      "                 [--processes 1,2,3] (falcord as 1, 2, 3 processes on one PostgreSQL, one shard each; none. By default\n" +
      "                                     run when a PostgreSQL is at hand: BENCH_POSTGRES_URL, FALCORD_TEST_POSTGRES_URL,\n" +
      "                                     one on 127.0.0.1:54329, or an installed one scripts/test-postgres.sh starts)\n",
  );
  process.exit(0);
}

function int(name: string, value: string | undefined, min: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    process.stderr.write(`bench: --${name} must be an integer ≥ ${min} (got ${value})\n`);
    process.exit(2);
  }
  return parsed;
}

const sizes = (values.n ?? "").split(",").map((v) => int("n", v.trim(), 1));
const minMs = int("min-ms", values["min-ms"], 0);
const maxMs = int("max-ms", values["max-ms"], minMs);
const queueMs = int("queue-ms", values["queue-ms"], 0);
const imageBytes = int("image-bytes", values["image-bytes"], 1);
const burstMs = int("burst-ms", values["burst-ms"], 0);
const deadlineMs = int("deadline-s", values["deadline-s"], 1) * 1000;
const repeat = int("repeat", values.repeat, 1);
const subjects = (values.only ?? "falcord,peer").split(",").map((v) => v.trim()) as SubjectName[];
if (!subjects.length || subjects.some((name) => !subjectNames.includes(name))) {
  process.stderr.write(`bench: --only takes a comma-separated list of ${subjectNames.join(", ")} (got ${values.only})\n`);
  process.exit(2);
}
const out = resolve(root, values.out ?? "bench-results/latest.json");
const profileDir = values["cpu-prof"] ? resolve(root, values["cpu-prof"]) : undefined;
const falcordDir = resolve(root, values["falcord-dir"] ?? ".");
const logDir = values["subject-logs"] ? resolve(root, values["subject-logs"]) : undefined;
if (logDir) mkdirSync(logDir, { recursive: true });

const log = (line: string) => process.stderr.write(line + "\n");

// Build once, as `npm start` would on its first start; the runs then start without compiling.
if (subjects.includes("falcord")) {
  log("bench: building falcord (npm start's build step)…");
  const built = spawnSync(process.execPath, [join(falcordDir, "scripts", "start.mjs"), "--build-only"], {
    cwd: falcordDir,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (built.status !== 0) {
    log("bench: the build failed; falcord cannot be measured.");
    process.exit(1);
  }
}

function rotate<T>(list: readonly T[], by: number): T[] {
  const start = by % list.length;
  return [...list.slice(start), ...list.slice(0, start)];
}

const allRuns: RunMetrics[] = [];
const extraArgs = values["node-args"]?.split(" ").filter(Boolean) ?? [];
for (const n of sizes) {
  // With --repeat, each round starts with the next subject, so no subject always runs first after a change of N
  // (the bench's own code is coldest in its first run, and each N is a new load).
  for (let round = 1; round <= repeat; round++) for (const subject of rotate(subjects, round - 1)) {
    log(`bench: ${subject}, N=${n}, fal runs ${minMs}–${maxMs} ms, ${imageBytes} B outputs${repeat > 1 ? `, round ${round}/${repeat}` : ""}…`);
    // One folder per run: each thread of the subject (falcord has a checkpoint worker) writes its own profile there.
    const runProfileDir = profileDir ? join(profileDir, `${subject}-n${n}-${Date.now()}`) : undefined;
    if (runProfileDir) mkdirSync(runProfileDir, { recursive: true });
    const profileArgs = runProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${runProfileDir}`] : [];
    const nodeArgs = [...profileArgs, ...extraArgs];
    const records = await runScenario({ subject, n, minMs, maxMs, queueMs, imageBytes, burstMs, deadlineMs, log, collectGarbage, falcordDir, nodeArgs, ...(logDir ? { logDir } : {}) });
    try {
      const metrics = computeMetrics(records);
      allRuns.push(metrics);
      log(`  ${subject} N=${n}: ${metrics.delivered} delivered, ${metrics.failed} failed, ${metrics.lost} lost in ${metrics.wallSeconds} s`);
      for (const note of metrics.notes) log(`  note: ${note}`);
      if (metrics.lost || metrics.failed) log(`  ${subject} stderr (tail):\n${records.stderrTail}`);
    } finally {
      await closeScenario(records);
    }
  }
}

// Fairness under fal's account limit: how long a member with one job waits behind 8 members' floods.
const fairnessLimits = values.fairness === "none" || !subjects.includes("falcord") ? [] : (values.fairness ?? "").split(",").map((v) => v.trim());
const fairness: FairnessMetrics[] = [];
for (const limit of fairnessLimits) {
  log(`bench: fairness, fal's account runs 4 at once, falcord ${limit === "found" ? "finds the limit" : `told FAL_CONCURRENCY_LIMIT=${limit}`}…`);
  fairness.push(await runFairness({ falcordDir, log, ...(limit === "found" ? {} : { knownLimit: int("fairness", limit, 1) }) }));
}

// Several falcord processes on one PostgreSQL (issue 20): one round each, whatever --repeat says.
const processCounts = values.processes === "none" || !subjects.includes("falcord") ? [] : (values.processes ?? "1,2,3").split(",").map((v) => int("processes", v.trim(), 1));
const processRuns: ProcessRun[] = [];
let processesSkipped: string | undefined;
if (processCounts.length) {
  const postgres = await benchPostgres(process.env, values.processes !== undefined, log);
  if (typeof postgres === "string") {
    processesSkipped = `Several processes: skipped, ${postgres}.`;
    log(`bench: ${processesSkipped}`);
  } else {
    try {
      const guilds = guildsPerRun(processCounts);
      for (const n of sizes) for (const count of processCounts) {
        log(`bench: falcord as ${processesLabel(count)} on one PostgreSQL, N=${n}…`);
        const run = await runProcesses({ count, guilds: guilds ?? count, adminUrl: postgres.adminUrl, n, minMs, maxMs, queueMs, imageBytes, burstMs, deadlineMs, log, collectGarbage, falcordDir, nodeArgs: extraArgs, ...(logDir ? { logDir } : {}) });
        processRuns.push(run);
        const { metrics } = run;
        log(`  ${processesLabel(count)} N=${n}: ${metrics.delivered} delivered, ${metrics.failed} failed, ${metrics.lost} lost in ${metrics.wallSeconds} s`);
        for (const note of metrics.notes) log(`  note: ${note}`);
      }
    } finally {
      postgres.release();
    }
  }
}

// With --repeat, each figure of a subject and N is the median over its rounds (the machine's noise is large).
const runs: RunMetrics[] = sizes.flatMap((n) =>
  subjects.map((subject) => medianRun(allRuns.filter((m) => m.n === n && m.subject === subject))),
);

// Targets (DESIGN.md §8 / issue 7), checked for falcord.
interface TargetCheck {
  n: number;
  target: string;
  value: string;
  met: boolean;
}

function checks(run: RunMetrics, peer: RunMetrics | undefined): TargetCheck[] {
  const list: TargetCheck[] = [
    { n: run.n, target: "ack p99 < 20 ms", value: `${run.ackMs.p99} ms`, met: run.ackMs.p99 < 20 },
    { n: run.n, target: "delivery overhead p50 < 50 ms", value: `${run.deliveryOverheadMs.p50} ms`, met: run.deliveryOverheadMs.p50 < 50 },
    { n: run.n, target: "fal requests/job ≤ 4", value: `${run.fal.perJob} (max ${run.fal.maxPerJob})`, met: run.fal.maxPerJob <= 4 },
    {
      n: run.n,
      target: "Discord requests/job ≤ 2 + duration/1.5 s",
      value: `${run.discord.perJob}/job, ${run.discord.jobsOverBudget} jobs over`,
      met: run.discord.jobsOverBudget === 0,
    },
    { n: run.n, target: "zero 429s", value: String(run.discord.status429 + run.fal.status429), met: run.discord.status429 + run.fal.status429 === 0 },
    {
      n: run.n,
      target: "peak RSS < 200 MB",
      value: `${run.peakRssMb} MB sampled, ${run.peakRssLifetimeMb} MB VmHWM`,
      met: Math.max(run.peakRssMb, run.peakRssLifetimeMb) < 200,
    },
    { n: run.n, target: "no job lost", value: `${run.delivered}/${run.n} delivered`, met: run.delivered === run.n },
  ];
  if (peer) {
    const ratio = run.deliveryOverheadMs.p50 / peer.deliveryOverheadMs.p50;
    list.splice(2, 0, { n: run.n, target: "delivery overhead p50 ≤ 1/5 of the peer's", value: `×${ratio.toFixed(3)}`, met: ratio <= 0.2 });
  }
  return list;
}

const fmt = (v: number) => (Number.isFinite(v) ? String(v) : "–");
const rows: [string, (m: RunMetrics) => number][] = [
  ["ack p50 (ms)", (m) => m.ackMs.p50],
  ["ack p99 (ms)", (m) => m.ackMs.p99],
  ["ack max (ms)", (m) => m.ackMs.max],
  ["delivery overhead p50 (ms)", (m) => m.deliveryOverheadMs.p50],
  ["delivery overhead p99 (ms)", (m) => m.deliveryOverheadMs.p99],
  // The same to the final edit's arrival, before the fake reads and parses its body (a 1 MiB upload for falcord).
  ["delivery overhead p50, to arrival (ms)", (m) => m.deliveryOverheadArrivalMs.p50],
  ["dispatch → fal submit p50 (ms)", (m) => m.submitMs.p50],
  ["dispatch → fal submit p99 (ms)", (m) => m.submitMs.p99],
  ["Discord requests / job", (m) => m.discord.perJob],
  ["Discord 429s", (m) => m.discord.status429],
  ["Discord requests, peak per s", (m) => m.discord.peakPerSecond],
  ["jobs over Discord budget", (m) => m.discord.jobsOverBudget],
  ["fal requests / job", (m) => m.fal.perJob],
  ["fal requests / job (max)", (m) => m.fal.maxPerJob],
  ["peak RSS, run (MB)", (m) => m.peakRssMb],
  ["peak RSS, VmHWM (MB)", (m) => m.peakRssLifetimeMb],
  ["RSS at ready (MB)", (m) => m.rssAtReadyMb],
  ["CPU s / 100 jobs", (m) => m.cpuSecondsPer100Jobs],
  ["delivered", (m) => m.delivered],
  ["failed", (m) => m.failed],
  ["lost", (m) => m.lost],
  ["wall time (s)", (m) => m.wallSeconds],
  ["fakes' loop delay, burst max (ms)", (m) => m.harnessLoopDelayMs.burstMax],
  ["fakes' loop delay, run p99 (ms)", (m) => m.harnessLoopDelayMs.runP99],
  ["harness CPU s / 100 jobs (fakes + scenario)", (m) => m.harnessCpuSecondsPer100Jobs],
];

const lines: string[] = [];
const ratios: Record<string, Record<string, number>> = {};
for (const n of sizes) {
  const falcord = runs.find((m) => m.n === n && m.subject === "falcord");
  const peer = runs.find((m) => m.n === n && m.subject === "peer");
  const both = falcord && peer;
  lines.push("", `N = ${n} (fal ${minMs}–${maxMs} ms, ${imageBytes} B images, burst over ${burstMs} ms)`);
  const floor = runs.find((m) => m.n === n && m.subject === "floor");
  const header = ["metric".padEnd(34), "falcord".padStart(10), "peer".padStart(10), ...(both ? ["falcord/peer".padStart(13)] : []), ...(floor ? ["ack floor".padStart(10)] : [])];
  lines.push(header.join(" "));
  ratios[n] = {};
  for (const [label, pick] of rows) {
    const a = falcord ? pick(falcord) : NaN;
    const b = peer ? pick(peer) : NaN;
    const ratio = b !== 0 ? a / b : NaN;
    if (both && Number.isFinite(ratio)) ratios[n]![label] = Number(ratio.toFixed(3));
    lines.push(
      [
        label.padEnd(34),
        fmt(a).padStart(10),
        fmt(b).padStart(10),
        ...(both ? [(Number.isFinite(ratio) ? ratio.toFixed(3) : "–").padStart(13)] : []),
        ...(floor ? [fmt(pick(floor)).padStart(10)] : []),
      ].join(" "),
    );
  }
}
const targets = sizes.flatMap((n) => {
  const falcord = runs.find((m) => m.n === n && m.subject === "falcord");
  return falcord ? checks(falcord, runs.find((m) => m.n === n && m.subject === "peer")) : [];
});
if (targets.length) {
  lines.push("", "falcord against the targets:");
  for (const t of targets) lines.push(`  ${t.met ? "MET   " : "MISSED"} N=${t.n}  ${t.target}: ${t.value}`);
}
if (fairness.length) {
  lines.push("", "Fairness: fal runs 4 at once; 8 members send 3 jobs of 2 s, one more member 1 job 0.6 s later (target ≤ 8.9 s)");
  lines.push(["falcord's limit".padEnd(28), "late member (ms)".padStart(17), "all jobs p50/max (ms)".padStart(22), "fal held at once".padStart(17)].join(" "));
  for (const f of fairness) {
    lines.push(
      [f.limit.padEnd(28), String(f.lateMemberMs).padStart(17), `${f.allJobsMs.p50}/${f.allJobsMs.max}`.padStart(22), String(f.falHeldPeak).padStart(17)].join(" "),
    );
  }
}
if (processRuns.length) {
  lines.push("", `Several processes on one PostgreSQL, one shard each, the burst spread evenly over the shards (fal ${minMs}–${maxMs} ms; RSS and CPU summed over the processes)`);
  lines.push(...processTable(processRuns));
}
if (processesSkipped) lines.push("", processesSkipped);
process.stdout.write(lines.join("\n") + "\n");

mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      cpus: (await import("node:os")).cpus().length,
      falcord: { dir: falcordDir, commit: gitCommit(falcordDir) },
      settings: { sizes, minMs, maxMs, queueMs, imageBytes, burstMs, deadlineMs, discordRateLimits: "fake defaults (5/s per route, 50/s per interaction callback) + global 50/s" },
      repeat,
      runs,
      rounds: repeat > 1 ? allRuns : undefined,
      ratios,
      targets,
      fairness,
      processes: processRuns,
    },
    null,
    2,
  ) + "\n",
);
log(`bench: results written to ${out}`);

/** Figure by figure, the median of the rounds (numbers only; everything else from the first round that has it).
 * With an even count the median is the mean of the two middle values; objects merge over the union of their
 * keys, a key a round lacks contributing no value for that round. */
function medianRun(rounds: RunMetrics[]): RunMetrics {
  const median = (values: number[]) => {
    const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
    const count = sorted.length;
    if (!count) return NaN;
    const mid = Math.floor(count / 2);
    // toPrecision(12): the mean of two rounded figures without floating-point noise (4.175, not 4.175000000000001).
    return count % 2 ? sorted[mid]! : Number(((sorted[mid - 1]! + sorted[mid]!) / 2).toPrecision(12));
  };
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
  const merge = (values: unknown[]): unknown => {
    const present = values.filter((v) => v !== undefined);
    const [first] = present;
    if (typeof first === "number") return median(present.filter((v): v is number => typeof v === "number"));
    if (isRecord(first)) {
      const objects = present.filter(isRecord);
      const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
      return Object.fromEntries(keys.map((key) => [key, merge(objects.map((o) => o[key]))]));
    }
    return first;
  };
  return rounds.length === 1 ? rounds[0]! : (merge(rounds) as RunMetrics);
}

function gitCommit(dir: string): string {
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" });
  if (head.status !== 0) {
    // A `git archive` copy: the commit it was made from, when noted in SNAPSHOT_COMMIT.
    const noted = join(dir, "SNAPSHOT_COMMIT");
    return existsSync(noted) ? `${readFileSync(noted, "utf8").trim()} (snapshot)` : "unknown (not a git checkout)";
  }
  const dirty = spawnSync("git", ["status", "--porcelain", "--", "src", "commands"], { cwd: dir, encoding: "utf8" }).stdout.trim();
  return head.stdout.trim() + (dirty ? " + uncommitted changes in src/ or commands/" : "");
}
