// Issue 5 end to end, under load: 50 /imagine at once never take the server past its budget (the reservation is
// atomic), and with few slots the scheduler takes members in turn instead of first come, first served.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeMessage, InteractionHandle } from "../fakes/discord/index.js";
import { falRequests, imagine, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { changeSettings, expectNoSubmitSince, ledgerRows, plainMember, resetsTag, submittedPrompts } from "./policy-helpers.js";
import { textOf } from "./v2-message.js";

describe("50 /imagine at once against a budget that fits 10", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fal: { queueMs: 20, runMs: 50 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("sends exactly 10 to fal and refuses the other 40, each with the budget's message", async () => {
    const { member, other, moderator, owner } = h.discord.users;
    // Nano Banana is $0.039 an image: ten fit $0.39 exactly. Members may have more jobs in flight than ten each.
    await changeSettings(h, "set", { daily_budget_usd: 0.39, max_jobs_in_flight: 20 });
    const users = [member, other, moderator, owner, plainMember(h, "racer")];

    const interactions = Array.from({ length: 50 }, (_, i) => imagine(h, { prompt: `race ${i}`, user: users[i % users.length]! }));
    const responses = await Promise.all(interactions.map((interaction) => interaction.response()));

    const accepted = interactions.filter((_, i) => responses[i]!.type === 5);
    const refused = responses.filter((response) => response.type === 4);
    expect(accepted).toHaveLength(10);
    expect(refused).toHaveLength(40);
    const spent = `Nothing was sent to the model. Please change this:\n• The server's daily budget is spent; it resets ${resetsTag()}.`;
    for (const response of refused) {
      expect(response.data.flags & 64).toBe(64);
      expect(response.data.content).toBe(spent);
    }

    const finals = await Promise.all(accepted.map((interaction) => waitForFinal(h, interaction)));
    for (const final of finals) expect(final.attachments).toHaveLength(1);
    const acceptedPrompts = accepted.map((interaction) => String(optionValue(interaction, "prompt")));
    expect(submittedPrompts(h).sort()).toEqual(acceptedPrompts.sort());
    expect(h.fal.arrivals.filter((a) => a.route === "submit")).toHaveLength(10);

    // The ledger: one settled row per job that ran, none for the refused, and within the budget.
    const rows = await ledgerRows(h);
    expect(rows).toHaveLength(10);
    expect(rows.every((row) => row.status === "settled" && row.images === 1 && row.model_id === "nano-banana")).toBe(true);
    const total = rows.reduce((sum, row) => sum + row.usd, 0);
    expect(total).toBeLessThanOrEqual(0.39 + 1e-9);
    expect(total).toBeCloseTo(0.39, 9);
    expect(await h.database.get("select count(*) as n from jobs")).toEqual({ n: 10 });

    // Still spent afterwards, for anyone.
    const beforeLate = h.fal.requests.length;
    const late = await imagine(h, { prompt: "too late", user: plainMember(h, "late") }).response();
    expect(late.type).toBe(4);
    expect(late.data.content).toBe(spent);
    // Lifting the budget lets the next one through, and it is the eleventh submit fal saw.
    await changeSettings(h, "set", { daily_budget_usd: 0 });
    await expectNoSubmitSince(h, beforeLate, other, "after the race");
    expect(falRequests(h, "submit")).toHaveLength(11);
  });
});

describe("a budget that prices add up to exactly", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fal: { queueMs: 20, runMs: 50 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  // In floating point nine $0.12 plus one more is 1.2000000000000002: the tenth must still fit $1.20.
  it("fits ten $0.12 images in $1.20, not nine", async () => {
    await changeSettings(h, "set", { daily_budget_usd: 1.2, max_jobs_in_flight: 20 });
    const users = [h.discord.users.member, h.discord.users.other];
    const interactions = Array.from({ length: 12 }, (_, i) =>
      imagine(h, { prompt: `dear ${i}`, options: { model: "nano-banana-2", resolution: "2K" }, user: users[i % 2]! }),
    );
    const responses = await Promise.all(interactions.map((interaction) => interaction.response()));
    expect(responses.filter((response) => response.type === 5)).toHaveLength(10);
    const refused = responses.filter((response) => response.type === 4);
    expect(refused.map((response) => response.data.content)).toEqual([
      `Nothing was sent to the model. Please change this:\n• The server's daily budget is spent; it resets ${resetsTag()}.`,
      `Nothing was sent to the model. Please change this:\n• The server's daily budget is spent; it resets ${resetsTag()}.`,
    ]);
    await Promise.all(interactions.filter((_, i) => responses[i]!.type === 5).map((interaction) => waitForFinal(h, interaction)));
    expect(falRequests(h, "submit")).toHaveLength(10);
    const rows = await ledgerRows(h);
    expect(rows.map((row) => [row.status, row.usd])).toEqual(Array.from({ length: 10 }, () => ["settled", 0.12]));
  });
});

function optionValue(interaction: InteractionHandle, name: string): unknown {
  const data = interaction.payload.data as { options?: { name: string; value?: unknown }[] };
  return data.options?.find((o) => o.name === name)?.value;
}

const waitingPattern = /⏳ Waiting for a free slot — (next in line|\d+ jobs? ahead)/;

/** The first "waiting for a slot" line the job's reply showed, once it has shown one. */
async function firstWaitingLine(interaction: InteractionHandle): Promise<string> {
  const shown = (m: FakeMessage) => m.history.find((revision) => waitingPattern.test(textOf(revision)));
  const message = await interaction.waitForOriginal((m) => shown(m) !== undefined);
  return waitingPattern.exec(textOf(shown(message)))![0];
}

describe("the fair scheduler, with 2 slots", () => {
  let h: Harness;
  // The first two jobs to run hold fal (and so both slots) for a while; every later one is quick.
  let slowRuns = 0;
  // Long enough for the singles' first progress edit (one interval after their defer) to land while they wait.
  const slowMs = 6000;
  beforeAll(async () => {
    h = await startHarness({
      env: { MAX_CONCURRENT_JOBS: "2" },
      fal: { queueMs: 20, runMs: () => (slowRuns-- > 0 ? slowMs : 100) },
    });
    await changeSettings(h, "set", { max_jobs_in_flight: 20 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("starts two members' single jobs before the third of a member who queued ten", async () => {
    const { member: heavy, other, moderator } = h.discord.users;
    slowRuns = 2;
    const heavyJobs = Array.from({ length: 10 }, (_, i) => imagine(h, { prompt: `heavy ${i + 1}`, user: heavy }));
    for (const interaction of heavyJobs) expect((await interaction.response()).type).toBe(5);

    // Two of them hold the slots; the other eight wait their turn, and their replies say so, one place each.
    let submits = 0;
    await h.fal.waitForRequest((r) => r.route === "submit" && ++submits === 2);
    const running = submittedPrompts(h);
    expect(running).toHaveLength(2);
    const waitingHeavy = heavyJobs.filter((interaction) => !running.includes(String(optionValue(interaction, "prompt"))));
    expect(waitingHeavy).toHaveLength(8);
    const heavyLines = await Promise.all(waitingHeavy.map(firstWaitingLine));
    expect(heavyLines.sort()).toEqual(
      ["next in line", ...Array.from({ length: 7 }, (_, i) => `${i + 1} job${i === 0 ? "" : "s"} ahead`)]
        .map((where) => `⏳ Waiting for a free slot — ${where}`)
        .sort(),
    );

    // Two more members send one job each while the heavy member's eight wait.
    const singles = [imagine(h, { prompt: "single A", user: other }), imagine(h, { prompt: "single B", user: moderator })];
    for (const interaction of singles) expect((await interaction.response()).type).toBe(5);
    const singleLines = await Promise.all(singles.map(firstWaitingLine));
    // They go ahead of all eight: first and second in line.
    expect(singleLines.sort()).toEqual(["⏳ Waiting for a free slot — 1 job ahead", "⏳ Waiting for a free slot — next in line"]);
    // Nothing moved meanwhile: the first two jobs still hold both slots (else this test would prove nothing).
    expect(submittedPrompts(h)).toHaveLength(2);
    expect([...h.fal.jobs.values()].filter((job) => job.state !== "COMPLETED")).toHaveLength(2);

    const finals = await Promise.all([...heavyJobs, ...singles].map((interaction) => waitForFinal(h, interaction, 20_000)));
    for (const final of finals) expect(final.attachments).toHaveLength(1);

    // The order fal saw the submits in: the heavy member's two, both single jobs, then the heavy member's other eight.
    const order = submittedPrompts(h);
    expect(order).toHaveLength(12);
    expect(order.slice(0, 2).every((prompt) => prompt.startsWith("heavy"))).toBe(true);
    expect(order.slice(2, 4).sort()).toEqual(["single A", "single B"]);
    expect(order.slice(4).every((prompt) => prompt.startsWith("heavy"))).toBe(true);
    expect(new Set(order).size).toBe(12);
    // Never more than two at fal at once.
    const spans = [...h.fal.jobs.values()].map((job) => [job.submittedAt, job.completedAt!] as const);
    for (const [start] of spans) {
      expect(spans.filter(([s, end]) => s <= start && start < end).length).toBeLessThanOrEqual(2);
    }
  });
});
