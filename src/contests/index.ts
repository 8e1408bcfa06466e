// Contests: prompt contests — creation, entries, review, voting, the phases' schedule and the results.
export { contestButtons, type ContestButtonDeps } from "./buttons.js";
export { contestModels } from "./create.js";
export { enteringContest, submitToContestButton } from "./delivery.js";
export type { ContestDeps } from "./deps.js";
export { createContestEngine, type ContestEngine } from "./engine.js";
export { scheduleWhileLeader, type ContestLead } from "./leader.js";
export { canModerateContests, moderatorWords } from "./permissions.js";
export { contestSubcommands, type ContestCommandDeps, type ContestSubcommand } from "./subcommands.js";
