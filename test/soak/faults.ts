// The faults the soak injects, one job each: what goes wrong (at fal through the fake fal, at Discord through the
// fake Discord), which kind of job it needs, and the terminal state the bot must bring that job to.
import type { DiscordFault, FakeDiscord } from "../fakes/discord/index.js";
import type { FakeFal, Failure } from "../fakes/fal/index.js";

export type TerminalState = "delivered" | "failed" | "cancelled";

export interface SoakFault {
  name: string;
  /** What the job must be for the fault to apply: any /imagine, or a FireRed /edit (only FireRed flags images). */
  needs: "imagine" | "firered-edit";
  expected: TerminalState;
  /** fal takes the job but its answer is garbled: fal runs and bills a job the bot cannot know about. */
  billedUnseen?: boolean;
  fal?: Failure;
  /** Applied to the edit that carries the job's result (its files), through the job's interaction token. */
  discord?: DiscordFault;
}

/**
 * In the order faulted jobs take them (the first faulted job gets the first, and so on round the list), so that a
 * short run with a handful of faults already spreads them over fal's refusals, crashes and time-outs and Discord's
 * answers.
 */
export const soakFaults: readonly SoakFault[] = [
  { name: "fal 422 at submit", needs: "imagine", expected: "failed", fal: { kind: "validation", field: "prompt", msg: "Prompt rejected" } },
  { name: "fal 500 result (model crashed)", needs: "imagine", expected: "failed", fal: { kind: "server-error" } },
  { name: "Discord 429 on the result", needs: "imagine", expected: "delivered", discord: { rateLimited: 1 } },
  { name: "fal never finishes", needs: "imagine", expected: "cancelled", fal: { kind: "never-finish" } },
  { name: "fal output 404 on the CDN", needs: "imagine", expected: "failed", fal: { kind: "output-missing" } },
  { name: "fal status stream reset", needs: "imagine", expected: "delivered", fal: { kind: "stream-break", how: "reset" } },
  { name: "Discord 500 on the result", needs: "imagine", expected: "delivered", discord: { status: 500 } },
  { name: "fal unreadable submit answer", needs: "imagine", expected: "failed", billedUnseen: true, fal: { kind: "malformed-json", route: "submit" } },
  { name: "fal 503 busy once", needs: "imagine", expected: "delivered", fal: { kind: "busy", times: 1 } },
  { name: "fal text-only answer", needs: "imagine", expected: "delivered", fal: { kind: "text-only", description: "Which lighthouse do you mean?" } },
  { name: "fal NSFW flag (FireRed)", needs: "firered-edit", expected: "delivered", fal: { kind: "nsfw" } },
  { name: "fal content policy on the result", needs: "imagine", expected: "failed", fal: { kind: "validation", type: "content_policy_violation", msg: "Flagged", when: "result" } },
  { name: "fal 500 on status reads", needs: "imagine", expected: "delivered", fal: { kind: "http-error", route: "status", status: 500, times: 3 } },
  { name: "fal 502 on the result twice", needs: "imagine", expected: "delivered", fal: { kind: "http-error", route: "result", status: 502, times: 2 } },
  { name: "fal unreadable result once", needs: "imagine", expected: "delivered", fal: { kind: "malformed-json", route: "result" } },
  { name: "fal 429 storm at submit", needs: "imagine", expected: "failed", fal: { kind: "http-error", route: "submit", status: 429, times: 4 } },
  { name: "fal 401 at submit", needs: "imagine", expected: "failed", fal: { kind: "unauthorized" } },
  { name: "fal 403 at submit (locked)", needs: "imagine", expected: "failed", fal: { kind: "forbidden" } },
];

/** Arms the job's fault before its interaction is sent: at fal for the submit carrying its prompt, at Discord for its token. */
export function armFault(fault: SoakFault, job: { prompt: string; token: string }, fakes: { discord: FakeDiscord; fal: FakeFal }): void {
  if (fault.fal) fakes.fal.failNext(fault.fal, { input: (body) => (body as { prompt?: unknown } | undefined)?.prompt === job.prompt });
  if (fault.discord) {
    fakes.discord.failNext((r) => r.method === "PATCH" && r.files > 0 && r.path.includes(job.token), fault.discord);
  }
}
