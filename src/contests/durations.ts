// Contest windows as members type them: a duration ("30s", "10m", "2h", "3d", "1d12h") from a starting point,
// or an end time (a Unix timestamp in seconds, a Discord timestamp like <t:1767225600:F>, or an ISO date).
import { fallbackLocale, translator, type Translate } from "../i18n/index.js";

const unitMs: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Contests run at most a year ahead. */
export const MAX_CONTEST_HORIZON_MS = 366 * 86_400_000;

export type When = { ok: true; at: number } | { ok: false; problem: string };

function durationMs(text: string): number | undefined {
  if (!/^(\d+\s*[smhdw]\s*)+$/i.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)\s*([smhdw])/gi)) total += Number(n) * unitMs[unit!.toLowerCase()]!;
  return total;
}

function absoluteMs(text: string): number | undefined {
  const discord = /^<t:(\d+)(?::[tTdDfFR])?>$/.exec(text);
  if (discord) return Number(discord[1]) * 1000;
  if (/^\d{9,11}$/.test(text)) return Number(text) * 1000;
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const parsed = Date.parse(text);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/**
 * When a window that starts at `from` ends. `label` names the option in the problem text (in `say`'s language).
 * `now` bounds the horizon.
 */
export function parseWindowEnd(input: string, from: number, label: string, now = Date.now(), say: Translate = translator(fallbackLocale)): When {
  const text = input.trim();
  const duration = durationMs(text);
  const at = duration !== undefined ? from + duration : absoluteMs(text);
  if (at === undefined) {
    return { ok: false, problem: say("contests.windowUnreadable", { window: label, input }) };
  }
  if (at <= from) return { ok: false, problem: say("contests.windowBeforeStart", { window: label, start: `<t:${Math.ceil(from / 1000)}:F>` }) };
  if (at - now > MAX_CONTEST_HORIZON_MS) return { ok: false, problem: say("contests.windowTooFar", { window: label }) };
  return { ok: true, at };
}
