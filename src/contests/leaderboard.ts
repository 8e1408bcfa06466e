// The ranking: most votes first; a tie goes to the entry that came in first.
import type { EntryRecord } from "../store/contests.js";

export interface RankedEntry {
  entry: EntryRecord;
  votes: number;
  /** 1-based place; no two entries share one. */
  place: number;
}

/** How many places are winners (mentioned in the results), among entries with at least one vote. */
export const PODIUM_SIZE = 3;

export function rankEntries(entries: readonly EntryRecord[], votes: ReadonlyMap<number, number>): RankedEntry[] {
  return [...entries]
    .map((entry) => ({ entry, votes: votes.get(entry.id) ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.entry.createdAt - b.entry.createdAt || a.entry.id - b.entry.id)
    .map((ranked, index) => ({ ...ranked, place: index + 1 }));
}

/** The podium: the first places that won any vote. */
export function winnersOf(ranked: readonly RankedEntry[]): RankedEntry[] {
  return ranked.slice(0, PODIUM_SIZE).filter((r) => r.votes > 0);
}
