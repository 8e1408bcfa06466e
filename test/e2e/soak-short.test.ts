// Issue 16, the soak's short form: `npm run soak`'s own code with 150 jobs from 50 members, 5 % of them faulted
// (the same seeded jobs and faults on every run: fal's 422, a model crash, a time-out, a missing output, a reset
// status stream, an unreadable submit answer, Discord's 429 and 500 on a result) and one SIGKILL after 40 % were
// sent. Every interaction answered, every job terminal, each result delivered once, the ledger equal to what fal
// billed, at most two members asked to retry, and memory back near its warm baseline.
import { afterAll, describe, expect, it } from "vitest";
import { judge, type SoakReport } from "../soak/checks.js";
import { closeSoak, runSoak, type SoakRecords } from "../soak/run.js";

let records: SoakRecords | undefined;
afterAll(async () => {
  if (records) await closeSoak(records);
});

describe("soak, short form", () => {
  it("150 jobs, 5 % faults, one kill -9: every check holds", async () => {
    records = await runSoak({
      jobs: 150,
      members: 50,
      faultRate: 0.05,
      seed: 16,
      killAt: { fraction: 0.4 },
      rate: 12,
      falLimit: 8,
      queueMs: 50,
      minMs: 200,
      maxMs: 800,
      imageBytes: 0,
      jobTimeoutMs: 8000,
      warmupJobs: 15,
      settleMs: 2000,
      deadlineMs: 60_000,
      log: () => undefined,
    });
    const report: SoakReport = judge(records);
    expect(records.killedBefore).toBe(60);
    expect(report.figures.faulted).toBe(8);
    for (const check of report.checks) expect(check.ok, `${check.name}: ${check.detail}`).toBe(true);
    expect(report.ok).toBe(true);
  }, 110_000);
});
