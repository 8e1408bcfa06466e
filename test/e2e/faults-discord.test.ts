// Issue 16, faults at Discord: a 429 (with retry_after) and a 500 on the edit that carries the result. discord.js
// honours retry_after and retries a 5xx; the result lands once and the job ends delivered.
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordFault } from "../fakes/discord/index.js";
import { imagine, resultWrites, waitForFinal } from "./generation-helpers.js";
import { startHarness, type Harness } from "./harness.js";
import { plainMember } from "./policy-helpers.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function jobOf(interactionId: string): { ref: string; state: string } {
  const db = new SQLite(h.databasePath, { readonly: true });
  try {
    return db.prepare("SELECT ref, state FROM jobs WHERE interaction_id = ?").get(interactionId) as { ref: string; state: string };
  } finally {
    db.close();
  }
}

describe("faults at Discord on the result's edit", () => {
  const cases: [string, DiscordFault][] = [
    ["429 with retry_after 1 s", { rateLimited: 1 }],
    ["500", { status: 500 }],
  ];

  it.each(cases)("%s: retried, delivered once", async (name, fault) => {
    h.discord.failNext((r) => r.method === "PATCH" && r.files > 0, fault);
    const interaction = imagine(h, { prompt: `discord fault: ${name}`, user: plainMember(h, "patient") });
    const final = await waitForFinal(h, interaction);
    expect(final.attachments).toHaveLength(1);
    const writes = resultWrites(h, interaction);
    expect(writes.map((r) => r.status)).toEqual(["rateLimited" in fault ? 429 : 500, 200]);
    // The retry came no sooner than retry_after after the 429 was answered.
    const [first, retry] = writes;
    if ("rateLimited" in fault) expect(retry!.at - (first!.finishedAt ?? first!.at)).toBeGreaterThanOrEqual(fault.rateLimited * 1000);
    const { ref } = jobOf(interaction.id);
    await h.bot.waitForLog((l) => l.job === ref && l.msg === "delivered");
    expect(h.discord.messages().filter((m) => m.interactionId === interaction.id)).toHaveLength(1);
    expect(jobOf(interaction.id).state).toBe("delivered");
  });
});
