// A job of two requests at fal (an asset with its background removed): the first request's end
// keeps its result and cost and sends the job back to accepted at step 1, once; the job's end settles both costs.
import { afterEach, describe, expect, it } from "vitest";
import { createGenerationJobs } from "../../src/generation/job.js";
import { openDatabase, statementsOf, type Db } from "../../src/store/database.js";
import { createLedgerRepository } from "../../src/store/ledger.js";
import { sampleJob } from "./job-fixture.js";
import { freshTarget } from "./memory-db.js";

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe("a job's steps", () => {
  it("step 0's result and cost are kept, the job is accepted again at step 1, and its end costs both", async () => {
    db = await openDatabase(await freshTarget());
    const jobs = createGenerationJobs(db);
    const job = await jobs.create(sampleJob("STEPS1", { request: { prompt: "a cat", asset: { kind: "emoji", transparent: true } } }));
    expect([job.step, job.firstResult, job.firstCost]).toEqual([0, null, null]);
    // Only a job at fal ends its first step.
    const picture = { images: [{ url: "https://v3.fal.media/files/cat.png", nsfw: false }], description: "A cat." };
    expect(await jobs.markStepDone(job.id, picture, 0.039)).toBe(false);
    await jobs.markSubmitting(job.id);
    await jobs.markSubmitted(job.id, "req-1", { prompt: "a cat" });
    expect(await jobs.markStepDone(job.id, picture, 0.039)).toBe(true);
    const stepped = (await jobs.get(job.id))!;
    expect([stepped.state, stepped.step, stepped.requestId, stepped.submittedAt]).toEqual(["accepted", 1, null, null]);
    expect([stepped.firstResult, stepped.firstCost]).toEqual([picture, 0.039]);
    // A repeat (a race, a restart) changes nothing.
    expect(await jobs.markStepDone(job.id, picture, 0.039)).toBe(false);

    await jobs.markSubmitting(job.id);
    await jobs.markSubmitted(job.id, "req-2", { image_url: picture.images[0]!.url });
    // At step 1 the first step cannot end again.
    expect(await jobs.markStepDone(job.id, picture, 0.039)).toBe(false);
    const cutout = { images: [{ url: "https://v3.fal.media/files/cat-cut.png", nsfw: false }], description: "A cat." };
    expect(await jobs.markCompleted(job.id, cutout, 0.057, 1)).toBe(true);
    const done = (await jobs.get(job.id))!;
    expect([done.state, done.step, done.costFinal, done.requestId]).toEqual(["completed", 1, 0.057, "req-2"]);
  });

  it("ending at step 1 without its result settles the first step's cost with no image; at step 0 it releases; a cut-out in doubt is submitted again", async () => {
    db = await openDatabase(await freshTarget());
    const jobs = createGenerationJobs(db);
    const ledger = createLedgerRepository(db);
    const admit = async (ref: string) => {
      const admitted = await ledger.admit({ job: sampleJob(ref), guildId: "200000000000000001", images: 1, usd: 0.057, day: "2026-12-03", decide: () => [] });
      if (!admitted.ok) throw new Error("not admitted");
      return admitted.job;
    };
    const rowOf = (id: number) =>
      statementsOf(db!).get<{ status: string; usd: number; images: number }>("SELECT status, usd, images FROM ledger WHERE job_id = @id", { id });
    const picture = { images: [{ url: "https://v3.fal.media/files/cat.png", nsfw: false }] };

    const atStep1 = await admit("STEPS2");
    await jobs.markSubmitting(atStep1.id);
    await jobs.markSubmitted(atStep1.id, "req-1", { prompt: "a cat" });
    await jobs.markStepDone(atStep1.id, picture, 0.039);
    await jobs.markSubmitting(atStep1.id);
    // The restart's answer to a cut-out whose submit was in doubt: accepted again, at step 1.
    expect(await jobs.markCutoutAgain(atStep1.id)).toBe(true);
    expect(await jobs.get(atStep1.id)).toMatchObject({ state: "accepted", step: 1 });
    expect(await jobs.markFailed(atStep1.id, { kind: "model-error" })).toBe(true);
    expect(await rowOf(atStep1.id)).toEqual({ status: "settled", usd: 0.039, images: 0 });

    const atStep0 = await admit("STEPS3");
    await jobs.markSubmitting(atStep0.id);
    // Only a cut-out is submitted again: a picture whose submit was in doubt is not.
    expect(await jobs.markCutoutAgain(atStep0.id)).toBe(false);
    expect(await jobs.markCancelled(atStep0.id, { kind: "cancelled" })).toBe(true);
    expect(await rowOf(atStep0.id)).toEqual({ status: "released", usd: 0.057, images: 1 });
  });
});
