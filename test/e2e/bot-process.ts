// Runs falcord as its own process, the way `npm start` does, and reads its JSON log lines.
import { spawn, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFlags } from "../start-command.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const startScript = join(root, "scripts", "start.mjs");
const flags = startFlags(root);

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export class BotProcess {
  readonly logs: LogLine[] = [];
  stdout = "";
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly events = new EventEmitter();

  private constructor(readonly child: ChildProcess) {
    let partial = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stdout += chunk;
      partial += chunk;
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) this.addLine(line);
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Starts the bot with exactly `env` (plus PATH/HOME), in a fresh working directory so no stray .env is read. */
  static start(env: Record<string, string>, cwd = mkdtempSync(join(tmpdir(), "falcord-e2e-"))): BotProcess {
    const child = spawn(process.execPath, [...flags, startScript], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new BotProcess(child);
  }

  /**
   * `npm start` in `dir` (a falcord installed there), as an operator runs it; the working directory is `dir`, so no
   * stray .env is read unless `dir` has one.
   */
  static npmStart(env: Record<string, string>, dir: string): BotProcess {
    const child = spawn("npm", ["start"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new BotProcess(child);
  }

  private addLine(line: string) {
    if (!line.trim()) return;
    try {
      const parsed = JSON.parse(line) as LogLine;
      this.logs.push(parsed);
      this.events.emit("log", parsed);
    } catch {
      // Not a log line (the build's output, say); it stays in stdout.
    }
  }

  /** Resolves with the first log line (seen already or later) that matches. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 15_000): Promise<LogLine> {
    const seen = this.logs.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const onLog = (line: LogLine) => {
        if (!predicate(line)) return;
        cleanup();
        resolve(line);
      };
      const onExit = () => {
        cleanup();
        reject(new Error(`the bot exited before the expected log line\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching log line within ${timeoutMs} ms\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off("log", onLog);
        this.child.off("exit", onExit);
      };
      this.events.on("log", onLog);
      this.child.once("exit", onExit);
    });
  }

  waitForMessage(msg: string, timeoutMs?: number): Promise<LogLine> {
    return this.waitForLog((line) => line.msg === msg, timeoutMs);
  }

  /** SIGKILL, as a crash or an OOM kill would end it: no shutdown code runs. Resolves once it exited. */
  async kill() {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    return this.exited;
  }

  /** SIGTERM, then the exit; SIGKILL if it does not exit within the grace period. */
  async stop(graceMs = 10_000) {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}
