// Shared steps of the contest suites: /contest subcommands, entering, finding entry messages, voting.
import { expect } from "vitest";
import type { FakeMessage, FakeUser, InteractionHandle, SimpleOption } from "../fakes/discord/index.js";
import type { LogLine } from "./bot-process.js";
import { buttonIds, waitForFinal } from "./generation-helpers.js";
import type { Harness } from "./harness.js";

export const EPHEMERAL = 64;

export function contest(h: Harness, subcommand: string, options: Record<string, string | number | boolean> = {}, user?: FakeUser): InteractionHandle {
  const list: SimpleOption[] = Object.entries(options).map(([name, value]) => ({ name, value }));
  return h.discord.dispatchSlashCommand({ name: "contest", subcommand, options: list, user: user ?? h.discord.users.owner });
}

/** A refusal or answer given at once, privately; returns its text. */
export async function ephemeralText(handle: InteractionHandle): Promise<string> {
  const response = await handle.response();
  expect(response.type, JSON.stringify(response.data)).toBe(4);
  expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return String(response.data.content ?? "");
}

/** A deferred private answer, once it is written. */
export async function deferredText(handle: InteractionHandle, pattern: RegExp = /\S/): Promise<string> {
  const response = await handle.response();
  expect(response.type).toBe(5);
  return (await handle.waitForOriginal((m) => pattern.test(m.content), 15_000)).content;
}

export async function createContest(h: Harness, options: Record<string, string | number | boolean>, user?: FakeUser): Promise<number> {
  const text = await deferredText(contest(h, "create", { theme: "cats in space", channel: h.discord.channels.art, ...options }, user), /announced/);
  const id = /Contest #(\d+)/.exec(text)?.[1];
  if (!id) throw new Error(`no contest number in: ${text}`);
  return Number(id);
}

const isLog = (msg: string, fields: Record<string, unknown>) => (line: LogLine) =>
  line.msg === msg && Object.entries(fields).every(([key, value]) => line[key] === value);

export function waitForLog(h: Harness, msg: string, fields: Record<string, unknown> = {}, timeoutMs = 20_000): Promise<LogLine> {
  return h.bot.waitForLog(isLog(msg, fields), timeoutMs);
}

export function logCount(h: Harness, msg: string, fields: Record<string, unknown> = {}): number {
  return h.bot.logs.filter(isLog(msg, fields)).length;
}

/** /contest enter, through to the delivered result and the entry it became (its number). */
export async function enterByCommand(
  h: Harness,
  user: FakeUser,
  prompt: string,
  options: Record<string, string | number | boolean> = {},
  timeoutMs = 15_000,
): Promise<number> {
  const handle = contest(h, "enter", { prompt, ...options }, user);
  expect((await handle.response()).type).toBe(5);
  await waitForFinal(h, handle, timeoutMs);
  const line = await waitForLog(h, "contest entry added", { user: user.id });
  return Number(line.entry);
}

/** The contest's entry messages in the channel, in order, by entry number. */
export function entryMessages(h: Harness): Map<number, FakeMessage> {
  const byEntry = new Map<number, FakeMessage>();
  for (const message of h.discord.messages(h.discord.channels.art)) {
    // English, or French for a server whose preferred locale is fr.
    const id = /^(?:Entry #|Participation n° )(\d+)/.exec(message.embeds[0]?.title ?? "")?.[1];
    if (id && !message.deleted) byEntry.set(Number(id), message);
  }
  return byEntry;
}

export function voteButton(message: FakeMessage): string {
  const id = buttonIds(message).find((custom) => custom.startsWith("contest:1:vote:"));
  if (!id) throw new Error(`no Vote button on message ${message.id}`);
  return id;
}

export async function vote(h: Harness, message: FakeMessage, user: FakeUser, customId = voteButton(message)): Promise<string> {
  return ephemeralText(h.discord.clickButton({ message, customId, user }));
}
