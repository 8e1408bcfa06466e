// Issue 16, faults at fal: each fault is provoked through the fake fal, and every job ends in exactly one terminal
// state with one clear message, its ledger row charging what fal billed (a run fal completed with a result is
// billed; a refused, crashed or cancelled one is not) — judged from the wire and the bot's database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Failure, FakeFalJob } from "../fakes/fal/index.js";
import { bodyOf, falRequests, imagine, isFinal, originalEdits, refOf, submitBody, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { storedJob } from "./job-records.js";
import { plainMember } from "./policy-helpers.js";
import { textOf } from "./v2-message.js";

/** fal's jobs for this prompt; fal bills one that completed with a result (not refused, crashed or cancelled). */
function falJobs(h: Harness, prompt: string): FakeFalJob[] {
  return [...h.fal.jobs.values()].filter((job) => job.input.prompt === prompt);
}
const billed = (job: FakeFalJob) =>
  job.state === "COMPLETED" && !job.cancelled && job.result?.status === 200 && job.failure?.kind !== "server-error";

interface FaultCase {
  name: string;
  /** Injected in order, one per submit (a fault on status or result rides with the job its submit makes). */
  faults: Failure[];
  /** The member-facing failure text; absent when the job must be delivered after all. */
  message?: RegExp[];
  state: "delivered" | "failed" | "cancelled";
  /** HTTP statuses the submit attempts got, in order. */
  submits: number[];
  /** fal took the job but its answer was unreadable: fal runs (and bills) a job the bot cannot know about. */
  lostAtSubmit?: boolean;
  /** Runs before the command; returns what undoes it. */
  arrange?(h: Harness): () => void;
}

/** Runs one fault case end to end and checks what every case must hold. */
async function runCase(h: Harness, c: FaultCase): Promise<void> {
  const prompt = `fault: ${c.name}`;
  for (const fault of c.faults) h.fal.failNext(fault);
  const undo = c.arrange?.(h);
  const interaction = imagine(h, { prompt, user: plainMember(h, "faulty") });
  let final;
  try {
    final = await waitForFinal(h, interaction, 40_000);
  } finally {
    undo?.();
  }
  if (c.state === "delivered") {
    expect(final.attachments, textOf(final)).toHaveLength(1);
    expect(textOf(final)).not.toMatch(/\(ref /);
    const job = await storedJob(h, interaction);
    await h.bot.waitForLog((l) => l.job === job.ref && l.msg === "delivered");
  } else {
    expect(final.attachments).toHaveLength(0);
    for (const pattern of c.message ?? []) expect(textOf(final)).toMatch(pattern);
    expect(textOf(final)).not.toMatch(/undefined|\n\s+at |Something went wrong on our side/);
    expect(refOf(final)).toBe((await storedJob(h, interaction)).ref);
  }
  // One terminal message: one final edit of the reply, and no other message made for the interaction.
  const finals = originalEdits(h, interaction).filter(
    (r) => isFinal(bodyOf(r)),
  );
  expect(finals).toHaveLength(1);
  expect(h.discord.messages().filter((m) => m.interactionId === interaction.id)).toHaveLength(1);

  const job = await storedJob(h, interaction);
  expect(job.state).toBe(c.state);
  const attempts = falRequests(h, "submit").filter((r) => submitBody(r).prompt === prompt);
  expect(attempts.map((r) => r.status)).toEqual(c.submits);
  const atFal = falJobs(h, prompt);
  expect(atFal.length).toBeLessThanOrEqual(1);
  if (c.lostAtSubmit) {
    // The bot cannot know fal's request id, so it charges nothing it cannot see; the member is told so.
    expect(job.ledger).toBe("released");
    return;
  }
  // The ledger charges what fal billed: settled (once, the row is the job's only one) or released.
  expect(job.ledger).toBe(atFal.some(billed) ? "settled" : "released");
  if (job.ledger === "settled") expect(job.usd).toBeGreaterThan(0);
  if (c.state === "cancelled") expect(atFal[0]?.cancelled).toBe(true);
}

const fatal = (status: number): Failure => ({ kind: "http-error", route: "submit", status });

describe("faults at fal", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const cases: FaultCase[] = [
    { name: "401 at submit", faults: [{ kind: "unauthorized" }], message: [/admin/i, /FAL_KEY/], state: "failed", submits: [401] },
    {
      name: "403 at submit (a locked account)",
      faults: [{ kind: "forbidden" }],
      message: [/fal account/i, /admin/i, /balance/i],
      state: "failed",
      submits: [403],
    },
    {
      name: "422 with field errors",
      faults: [{ kind: "validation", field: "aspect_ratio", msg: "Aspect ratio not allowed here" }],
      message: [/did not accept/, /aspect ratio/i, /Aspect ratio not allowed here/],
      state: "failed",
      submits: [422],
    },
    {
      name: "429 storm at submit",
      faults: [{ kind: "http-error", route: "submit", status: 429, times: 4 }],
      message: [/fal is busy/i, /try again/i],
      state: "failed",
      submits: [429, 429, 429, 429],
    },
    { name: "429 then 502 at submit", faults: [fatal(429), fatal(502)], state: "delivered", submits: [429, 502, 200] },
    { name: "500 at submit", faults: [fatal(500)], message: [/fal had a problem/i, /try again/i], state: "failed", submits: [500] },
    {
      name: "unreadable answer to the submit",
      faults: [{ kind: "malformed-json", route: "submit" }],
      message: [/could not be read/i, /try again/i],
      state: "failed",
      submits: [200],
      lostAtSubmit: true,
    },
    {
      name: "500 on the status stream and the polls",
      faults: [{ kind: "http-error", route: "status", status: 500, times: 3 }],
      state: "delivered",
      submits: [200],
    },
    {
      name: "unreadable status on the stream and a poll",
      faults: [{ kind: "malformed-json", route: "status", times: 2 }],
      state: "delivered",
      submits: [200],
    },
    { name: "stream cut mid-job", faults: [{ kind: "stream-break", how: "reset" }], state: "delivered", submits: [200] },
    {
      name: "502 and 503 on the result",
      faults: [{ kind: "http-error", route: "result", status: 502, times: 2 }],
      state: "delivered",
      submits: [200],
    },
    { name: "unreadable result once", faults: [{ kind: "malformed-json", route: "result" }], state: "delivered", submits: [200] },
    // fal's client does not retry a 500; the bot reads a billed result again rather than lose it.
    {
      name: "500 once on the result of a finished job",
      faults: [{ kind: "http-error", route: "result", status: 500, times: 1 }],
      state: "delivered",
      submits: [200],
    },
    {
      name: "500 on the result (the model crashed)",
      faults: [{ kind: "server-error" }],
      message: [/model failed/i, /try again/i],
      state: "failed",
      submits: [200],
    },
    {
      name: "output URL answers 404",
      faults: [{ kind: "output-missing" }],
      message: [/could not be downloaded/i],
      state: "failed",
      submits: [200],
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => runCase(h, c), 60_000);
});

describe("faults at fal that only time ends", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { JOB_TIMEOUT_MS: "2000", DOWNLOAD_TIMEOUT_MS: "1000" } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const cases: FaultCase[] = [
    {
      name: "a job that never completes",
      faults: [{ kind: "never-finish" }],
      message: [/took longer than/, /cancelled/],
      state: "cancelled",
      submits: [200],
    },
    {
      // fal finished the job (and billed it) while its status could not be read: at the timeout the cancel answers
      // ALREADY_COMPLETED, and the result is fetched and delivered rather than lost.
      name: "503 on every status read",
      faults: [{ kind: "http-error", route: "status", status: 503, times: 1000 }],
      state: "delivered",
      submits: [200],
    },
    {
      name: "an output URL that stalls",
      faults: [],
      arrange: (harness) => harness.fal.holdCdn(),
      message: [/could not be downloaded/i],
      state: "failed",
      submits: [200],
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => runCase(h, c), 60_000);
});
