// The contest machinery the commands, buttons and timers share: entries, phases and their schedule.
import type { ContestDeps } from "./deps.js";
import { ContestEntries } from "./entries.js";
import { PhaseClock } from "./phase-clock.js";
import { ContestPhases } from "./phases.js";
import { ContestSchedule } from "./schedule.js";

export interface ContestEngine {
  entries: ContestEntries;
  phases: ContestPhases;
  schedule: ContestSchedule;
}

export function createContestEngine(deps: ContestDeps): ContestEngine {
  const entries = new ContestEntries(deps);
  const phases = new ContestPhases(deps, entries);
  const schedule = new ContestSchedule(deps, phases, new PhaseClock(deps.now));
  return { entries, phases, schedule };
}
