// A bench subject (falcord or the naive peer) as its own process, watched from outside through /proc:
// resident memory sampled every 100 ms (plus the kernel's high-water mark), CPU time from utime + stime.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { startFlags } from "../start-command.js";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const peerScript = join(root, "test", "bench", "naive-peer.ts");
export const floorScript = join(root, "test", "bench", "ack-floor.ts");

/** falcord; the naive peer it is compared with; the acknowledge-only calibration bot. */
export type SubjectName = "falcord" | "peer" | "floor";
export const subjectNames: readonly SubjectName[] = ["falcord", "peer", "floor"];

/** Every subject process still running: killed when the bench exits, however it exits. */
const live = new Set<ChildProcess>();
const killLive = () => {
  for (const child of live) child.kill("SIGKILL");
};
process.once("exit", killLive);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killLive();
    process.exit(130);
  });
}

const clockTicks = 100; // USER_HZ; `getconf CLK_TCK` is 100 on Linux (the kernel's ABI for /proc/<pid>/stat).

/** utime + stime of the process (all its threads), in seconds. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}

/** VmRSS and VmHWM (peak) of the process, in bytes. */
export function memory(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return undefined;
  }
}

export interface SubjectOptions {
  env: Record<string, string>;
  cwd: string;
  /** Node flags before the script (e.g. --cpu-prof --cpu-prof-dir=…, which NODE_OPTIONS does not take on Node 20). */
  nodeArgs?: string[];
  /** falcord's checkout (default: this repository); its scripts/start.mjs is what runs. */
  falcordDir?: string;
  /** Also write the subject's stdout and stderr to this file. */
  logFile?: string;
}

/** One subject process: started as `npm start` starts falcord (node [its flags] scripts/start.mjs), or the peer or floor under tsx. */
export class Subject {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last ~64 KiB of each stream, for error reports. */
  stdoutTail = "";
  stderrTail = "";
  private sampler: NodeJS.Timeout | undefined;
  peakSampledRss = 0;
  samples = 0;
  private readyWaiters: (() => void)[] = [];
  private isReady = false;

  constructor(
    readonly name: SubjectName,
    options: SubjectOptions,
  ) {
    const falcordDir = options.falcordDir ?? root;
    const nodeArgs = options.nodeArgs ?? [];
    // --node-args after npm start's own flags: for a flag given twice, Node takes the last.
    const args =
      name === "falcord"
        ? [...startFlags(falcordDir), ...nodeArgs, join(falcordDir, "scripts", "start.mjs")]
        : [...nodeArgs, "--import", "tsx", name === "peer" ? peerScript : floorScript];
    this.child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    live.add(this.child);
    if (options.logFile) {
      const file = createWriteStream(options.logFile);
      this.child.stdout?.pipe(file, { end: false });
      this.child.stderr?.pipe(file, { end: false });
      this.child.once("close", () => file.end());
    }
    let partial = "";
    this.child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stdoutTail = (this.stdoutTail + chunk).slice(-65_536);
      if (this.isReady) return;
      partial += chunk;
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      if (lines.some(isReadyLine)) {
        this.isReady = true;
        partial = "";
        for (const resolve of this.readyWaiters.splice(0)) resolve();
      }
    });
    this.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (this.stderrTail = (this.stderrTail + chunk).slice(-65_536)));
    this.exited = new Promise((resolve) =>
      this.child.once("exit", (code, signal) => {
        live.delete(this.child);
        resolve({ code, signal });
      }),
    );
  }

  get pid(): number {
    const { pid } = this.child;
    if (pid === undefined) throw new Error(`${this.name}: the process did not start`);
    return pid;
  }

  /** Resolves once the subject logged that it is ready; rejects when it exits first or after timeoutMs. */
  ready(timeoutMs: number): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
      const onExit = () => fail("exited before it was ready");
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} ${why}\nstdout (tail):\n${this.stdoutTail.slice(-4000)}\nstderr (tail):\n${this.stderrTail.slice(-4000)}`));
      };
      this.child.once("exit", onExit);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        this.child.off("exit", onExit);
        resolve();
      });
    });
  }

  startSampling(intervalMs = 100): void {
    const sample = () => {
      const mem = memory(this.pid);
      if (!mem) return;
      this.samples += 1;
      this.peakSampledRss = Math.max(this.peakSampledRss, mem.rss);
    };
    sample();
    this.sampler = setInterval(sample, intervalMs);
  }

  stopSampling(): void {
    clearInterval(this.sampler);
    this.sampler = undefined;
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopSampling();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

function isReadyLine(line: string): boolean {
  if (!line.includes('"ready"')) return false;
  try {
    return (JSON.parse(line) as { msg?: unknown }).msg === "ready";
  } catch {
    return false;
  }
}
