// Shared steps of the server-policy suites (issue 5): /settings as an admin, extra plain members, refusals
// that must be ephemeral and specific, and proof that a refused request never reached fal.
import { expect } from "vitest";
import type { FakeUser, InteractionHandle, InteractionResponseRecord, SimpleOption } from "../fakes/discord/index.js";
import { snowflake } from "../fakes/discord/snowflake.js";
import type { FalRoute } from "../fakes/fal/index.js";
import { nextUtcMidnight } from "../../src/usage/admission.js";
import { falRequests, imagine, submitBody, waitForFinal } from "./generation-helpers.js";
import type { Harness } from "./harness.js";

/** Runs a /settings subcommand as the owner (unless told otherwise) and checks it saved or viewed without problems. */
export async function changeSettings(
  h: Harness,
  subcommand: string,
  options: Record<string, string | number | boolean> = {},
  user: FakeUser = h.discord.users.owner,
): Promise<InteractionResponseRecord> {
  const list: SimpleOption[] = Object.entries(options).map(([name, value]) => ({ name, value }));
  const response = await h.discord.dispatchSlashCommand({ name: "settings", subcommand, options: list, user }).response();
  expect(response.type).toBe(4);
  expect(response.data.flags & 64).toBe(64);
  const content = String(response.data.content ?? "");
  expect(content, `/settings ${subcommand} ${JSON.stringify(options)}`).not.toMatch(/Nothing was saved|Only members with Manage Server/);
  if (subcommand !== "view" && subcommand !== "reset") expect(content).toMatch(/^Saved/);
  return response;
}

let extraCount = 0;

/**
 * Another plain member of the fake guild (no roles, @everyone's permissions), so a test starts with nobody's
 * quota, cooldown or jobs in flight. The fake builds interactions from the user object it is given.
 */
export function plainMember(h: Harness, name: string): FakeUser {
  extraCount += 1;
  const base = h.discord.users.other;
  return { ...base, id: snowflake(), username: `${name}-${extraCount}`, global_name: name, roles: [] };
}

/** `<t:…:R>` of the next UTC midnight, as the refusals quote it. */
export function resetsTag(now = Date.now()): string {
  return `<t:${Math.ceil(nextUtcMidnight(now) / 1000)}:R>`;
}

/** An answer given at once and privately (an ephemeral message, not a defer); its text. */
export async function privateText(interaction: InteractionHandle): Promise<string> {
  const response = await interaction.response();
  const content = String(response.data?.content ?? "");
  expect(response.type, content).toBe(4);
  expect(response.data.flags & 64).toBe(64);
  return content;
}

/**
 * The interaction was refused before the defer: an immediate ephemeral message that starts as every refusal
 * does and contains each of `lines` as one bullet. Returns the text.
 */
export async function expectRefused(interaction: InteractionHandle, ...lines: string[]): Promise<string> {
  const content = await privateText(interaction);
  expect(content).toMatch(/^Nothing was sent to the model\. Please change this:\n/);
  const bullets = content.split("\n").slice(1);
  for (const line of lines) expect(bullets).toContain(`• ${line}`);
  expect(bullets).toHaveLength(lines.length);
  return content;
}

/** Prompts of the submits fal answered from record index `since` on, in order. */
export function submittedPrompts(h: Harness, since = 0): string[] {
  return falRequests(h, "submit", since).map((r) => String(submitBody(r).prompt));
}

/**
 * Proof that nothing refused since `since` reached fal: one more, allowed job (by `user`) goes all the way, and its
 * submit is the only one since `since`. A refused request's submit could not still be on its way after that.
 */
export async function expectNoSubmitSince(h: Harness, since: number, user: FakeUser, prompt: string): Promise<void> {
  const allowed = imagine(h, { prompt, user });
  expect((await allowed.response()).type).toBe(5);
  await waitForFinal(h, allowed);
  expect(submittedPrompts(h, since)).toEqual([prompt]);
}

/** Resolves once `count` requests of `route` arrived at fal after the first `since` arrivals. */
export async function waitForArrivals(h: Harness, route: FalRoute, count: number, since: number): Promise<void> {
  const old = new Set(h.fal.arrivals.slice(0, since));
  let seen = 0;
  await h.fal.waitForArrival((a) => !old.has(a) && a.route === route && ++seen === count);
}

export interface LedgerRow {
  job_id: number;
  user_id: string;
  model_id: string;
  day: string;
  status: string;
  images: number;
  usd: number;
}

/** The bot's ledger for the fake guild, read with plain SQL — independent of the bot's code. */
export function ledgerRows(h: Harness): Promise<LedgerRow[]> {
  return h.database.all<LedgerRow>(
    "select job_id, user_id, model_id, day, status, images, usd from ledger where guild_id = ? order by job_id",
    h.discord.guild.id,
  );
}

/** What the database sums for the server's spend today (reserved and settled), exactly as the bot's admission reads it. */
export async function guildSpendToday(h: Harness, day: string): Promise<number> {
  // Summed in micro-dollars, as admission sums them: a sum of floats differs from database to database in its last bits.
  const row = await h.database.get<{ micros: number }>(
    "select coalesce(sum(cast(round(usd * 1000000) as integer)), 0) as micros from ledger where guild_id = ? and day = ? and status != 'released'",
    h.discord.guild.id,
    day,
  );
  return row!.micros / 1_000_000;
}

/** When the member's latest job was accepted (jobs.created_at, epoch ms). */
export async function lastJobCreatedAt(h: Harness, userId: string): Promise<number> {
  const row = await h.database.get<{ at: number | null }>("select max(created_at) as at from jobs where requester_id = ?", userId);
  if (row?.at == null) throw new Error(`no job of ${userId}`);
  return Number(row.at);
}
