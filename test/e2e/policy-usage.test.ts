// Issue 5 end to end: /usage after real jobs. Nothing is seeded — /imagine fills the bot's ledger (a reservation when
// accepted, settled when done, released when fal refused the job), and /usage's chart and totals must match it.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog } from "../../src/models/index.js";
import { formatSpend } from "../../src/models/pricing.js";
import { renderUsageChart } from "../../src/usage/chart.js";
import { utcDay } from "../../src/store/ledger.js";
import { fieldsOf, imagine, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { textOf } from "./v2-message.js";
import { ledgerRows, type LedgerRow } from "./policy-helpers.js";

const DAY_MS = 86_400_000;

// Sums in integer micro-dollars, so the expected figures do not depend on the order of float additions.
const sum = (rows: readonly LedgerRow[]) => rows.reduce((total, row) => total + Math.round(row.usd * 1e6), 0) / 1e6;

describe("/usage after real jobs", () => {
  let h: Harness;
  const today = utcDay(Date.now());

  beforeAll(async () => {
    h = await startHarness({ fal: { queueMs: 20, runMs: 60 } });
    const { member, other } = h.discord.users;
    // Two Nano Banana jobs of two images ($0.039 each), one Nano Banana 2 image at 2K ($0.08 × 1.5) …
    const jobs = [
      imagine(h, { prompt: "two foxes", options: { count: 2 }, user: member }),
      imagine(h, { prompt: "two owls", options: { count: 2 }, user: member }),
      imagine(h, { prompt: "a large map", options: { model: "nano-banana-2", resolution: "2K" }, user: other }),
    ];
    for (const final of await Promise.all(jobs.map((job) => waitForFinal(h, job)))) expect(final.attachments.length).toBeGreaterThan(0);
    // … and a Nano Banana Pro job of four images that fal refused: it reserved $0.60, then released it.
    h.fal.failNext({ kind: "validation", msg: "Value error, the prompt was rejected" });
    const failed = await waitForFinal(h, imagine(h, { prompt: "four castles", options: { model: "nano-banana-pro", count: 4 }, user: member }));
    expect(failed.attachments).toHaveLength(0);
    expect(textOf(failed)).toMatch(/\(ref [A-Z2-9]{6}\)/);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("fills the ledger: settled at the real cost, the failed job released", async () => {
    const { member, other } = h.discord.users;
    const rows = (await ledgerRows(h)).map(({ user_id, model_id, day, status, images, usd }) => ({ user_id, model_id, day, status, images, usd }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { user_id: member.id, model_id: "nano-banana", day: today, status: "settled", images: 2, usd: expect.closeTo(0.078, 9) },
        { user_id: member.id, model_id: "nano-banana", day: today, status: "settled", images: 2, usd: expect.closeTo(0.078, 9) },
        { user_id: other.id, model_id: "nano-banana-2", day: today, status: "settled", images: 1, usd: expect.closeTo(0.12, 9) },
        { user_id: member.id, model_id: "nano-banana-pro", day: today, status: "released", images: 4, usd: expect.closeTo(0.6, 9) },
      ]),
    );
    expect(rows).toHaveLength(4);
  });

  it("shows an admin a PNG chart and totals that match the ledger, without the released job", async () => {
    const { owner, member, other } = h.discord.users;
    const interaction = h.discord.dispatchSlashCommand({ name: "usage", user: owner });
    const ack = await interaction.response();
    expect(ack.type).toBe(5);
    expect(ack.data.flags & 64).toBe(64);
    const reply = await interaction.waitForOriginal((m) => m.attachments.length > 0);
    const attachment = reply.attachments[0]!;
    expect(reply.attachments).toHaveLength(1);
    expect(attachment.filename).toBe("usage-30d.png");
    expect(await sharp(attachment.data).metadata()).toMatchObject({ format: "png", width: 1000, height: 500 });
    expect(reply.embeds[1]?.image?.url).toBe("attachment://usage-30d.png");

    // The ledger, read with plain SQL, in the report's shape.
    const counted = (await ledgerRows(h)).filter((row) => row.status !== "released");
    const name = (id: string) => catalog.require(id).name;
    const modelIds = [...new Set(counted.map((row) => row.model_id))];
    const server = fieldsOf(reply, 1);
    expect(server.Total).toBe(formatSpend(sum(counted)));
    expect(server.Today).toBe(`${formatSpend(sum(counted.filter((row) => row.day === today)))} (no daily budget)`);
    const byModel = modelIds
      .map((id) => [name(id), sum(counted.filter((row) => row.model_id === id))] as const)
      .sort(([, a], [, b]) => b - a)
      .map(([model, usd]) => `${model}: ${formatSpend(usd)}`);
    expect(server["By model"]).toBe(byModel.join("\n"));
    // And the figures themselves: 4 × $0.039 and $0.12; the released $0.60 is nowhere.
    expect(server.Total).toBe("$0.28");
    expect(server["By model"]).toBe("Nano Banana: $0.16\nNano Banana 2: $0.12");
    expect(server["Top members"]).toBe([`1. <@${member.id}>: $0.16 · 4 images`, `2. <@${other.id}>: $0.12 · 1 image`].join("\n"));

    // The chart draws exactly those figures: the same pixels as a chart rendered here from the SQL rows.
    const days = Array.from({ length: 30 }, (_, i) => utcDay(Date.now() - (29 - i) * DAY_MS));
    const expected = await renderUsageChart({
      title: "Server spend, last 30 days",
      days: days.map((day) => ({
        day,
        byModel: Object.fromEntries(
          modelIds
            .map((id) => [name(id), sum(counted.filter((row) => row.day === day && row.model_id === id))] as const)
            .filter(([, usd]) => usd > 0),
        ),
      })),
    });
    const pixels = async (png: Buffer) => sharp(png).raw().toBuffer();
    expect((await pixels(attachment.data)).equals(await pixels(expected))).toBe(true);
  });

  it("shows a member their own day from the same ledger", async () => {
    const { member, other } = h.discord.users;
    const own = await h.discord.dispatchSlashCommand({ name: "usage", user: member }).response();
    expect(own.type).toBe(4);
    expect(own.data.flags & 64).toBe(64);
    expect(own.data.attachments ?? []).toHaveLength(0);
    expect(fieldsOf(own)).toMatchObject({
      "Images today": "4 (no daily limit on this server)",
      "Spent today": "$0.16",
      "Jobs running": "0 of 3 at once",
    });
    expect(fieldsOf(await h.discord.dispatchSlashCommand({ name: "usage", user: other }).response())).toMatchObject({
      "Images today": "1 (no daily limit on this server)",
      "Spent today": "$0.12",
    });
  });
});
