// `npm run soak`: thousands of jobs through the fakes with injected faults and one kill -9, then the checks of
// checks.ts; prints a table, writes JSON, exits 0 only if every check holds. Flags: --jobs 2000 --fault-rate 0.05
// --kill-at 0.4 (a fraction of the jobs sent, or seconds into sending: 90s; "never") --members 50 --rate 8
// --fal-limit 16 --min-ms 500 --max-ms 2500 --queue-ms 100 --image-bytes 0 --job-timeout-ms 20000 --warmup 50
// --settle-ms 5000 --deadline-s 300 --seed 16 --out bench-results/soak-latest.json --bot-log <file>
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { root } from "../bench/subject.js";
import { judge, type SoakReport } from "./checks.js";
import { closeSoak, runSoak, type SoakOptions } from "./run.js";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "2000" },
    "fault-rate": { type: "string", default: "0.05" },
    "kill-at": { type: "string", default: "0.4" },
    members: { type: "string", default: "50" },
    rate: { type: "string", default: "8" },
    "fal-limit": { type: "string", default: "16" },
    "min-ms": { type: "string", default: "500" },
    "max-ms": { type: "string", default: "2500" },
    "queue-ms": { type: "string", default: "100" },
    "image-bytes": { type: "string", default: "0" },
    "job-timeout-ms": { type: "string", default: "20000" },
    warmup: { type: "string", default: "50" },
    "settle-ms": { type: "string", default: "5000" },
    "deadline-s": { type: "string", default: "300" },
    seed: { type: "string", default: "16" },
    out: { type: "string", default: "bench-results/soak-latest.json" },
    "bot-log": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  process.stdout.write(
    "npm run soak -- [--jobs 2000] [--fault-rate 0.05] [--kill-at 0.4 | 90s | never] [--members 50] [--rate 8 (jobs/s)]\n" +
      "                [--fal-limit 16] [--min-ms 500] [--max-ms 2500] [--queue-ms 100] [--image-bytes 0 (fal's tiny images)]\n" +
      "                [--job-timeout-ms 20000] [--warmup 50] [--settle-ms 5000] [--deadline-s 300] [--seed 16]\n" +
      "                [--out bench-results/soak-latest.json] [--bot-log FILE (falcord's full output)]\n",
  );
  process.exit(0);
}

function number(name: string, value: string | undefined, min: number, max = Infinity): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
    process.stderr.write(`soak: --${name} must be a number from ${min} to ${max} (got ${value})\n`);
    process.exit(2);
  }
  return parsed;
}

function killAt(value: string): SoakOptions["killAt"] {
  if (value === "never") return "never";
  if (value.endsWith("s")) return { seconds: number("kill-at", value.slice(0, -1), 0) };
  return { fraction: number("kill-at", value, 0, 1) };
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const options: SoakOptions = {
  jobs: number("jobs", values.jobs, 1),
  faultRate: number("fault-rate", values["fault-rate"], 0, 1),
  killAt: killAt(values["kill-at"] ?? "0.4"),
  members: number("members", values.members, 1),
  rate: number("rate", values.rate, 0.1),
  falLimit: number("fal-limit", values["fal-limit"], 1),
  minMs: number("min-ms", values["min-ms"], 0),
  maxMs: number("max-ms", values["max-ms"], 0),
  queueMs: number("queue-ms", values["queue-ms"], 0),
  imageBytes: number("image-bytes", values["image-bytes"], 0),
  jobTimeoutMs: number("job-timeout-ms", values["job-timeout-ms"], 1000),
  warmupJobs: number("warmup", values.warmup, 0),
  settleMs: number("settle-ms", values["settle-ms"], 0),
  deadlineMs: number("deadline-s", values["deadline-s"], 1) * 1000,
  seed: number("seed", values.seed, 0),
  ...(values["bot-log"] ? { logFile: resolve(values["bot-log"]) } : {}),
  log,
};

function print(report: SoakReport): void {
  const f = report.figures;
  const width = Math.max(...report.checks.map((c) => c.name.length));
  log("\ncheck".padEnd(width + 2) + " result  detail");
  for (const c of report.checks) log(`${c.name.padEnd(width)}  ${c.ok ? "ok  " : "FAIL"}    ${c.detail}`);
  log(
    `\n${f.jobs} jobs (${f.faulted} faulted, ${f.refused} refused) in ${f.wallSeconds} s` +
      `${f.restartSeconds !== undefined ? `; restart after SIGKILL ${f.restartSeconds} s` : ""}; states ${JSON.stringify(f.states)}`,
  );
  if (f.atKill) log(`unfinished at the kill ${JSON.stringify(f.atKill)}`);
  log(`failures ${JSON.stringify(f.failures)}`);
  log(`acknowledgement p50 / p99 / max ${f.ackMs.p50.toFixed(1)} / ${f.ackMs.p99.toFixed(1)} / ${f.ackMs.max.toFixed(1)} ms; Discord answers ${JSON.stringify(f.discordStatus)}`);
  log(`fal billed $${f.falBilledUsd}, ledger settled $${f.ledgerSettledUsd}; asked to retry after the kill: ${f.interrupted}`);
  log(`RSS (MB): baseline ${f.memoryMb.baseline}, peak ${f.memoryMb.peak}, restarted process at ready ${f.memoryMb.restartReady}, end ${f.memoryMb.end} (allowed ≤ ${f.memoryMb.allowedEnd})`);
  log(report.ok ? "\nsoak: every check holds" : "\nsoak: FAILED");
}

log(`soak: ${options.jobs} jobs at ${options.rate}/s from ${options.members} members, ${options.faultRate * 100} % faulted, kill at ${values["kill-at"]}`);
const records = await runSoak(options);
const report = judge(records);
await closeSoak(records);
print(report);
const out = resolve(root, values.out ?? "bench-results/soak-latest.json");
mkdirSync(dirname(out), { recursive: true });
const { log: _log, ...settings } = options;
writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, options: settings, ...report }, null, 2)}\n`);
log(`written ${out}`);
process.exit(report.ok ? 0 : 1);
