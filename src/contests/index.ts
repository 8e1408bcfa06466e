// Contests: prompt contests — creation, entries, review, voting, the phases' schedule and the results.
export { contestButtons, type ContestButtonDeps } from "./buttons.js";
export { readCreate } from "./create.js";
export { enteringContest, submitToContestButton } from "./delivery.js";
export type { ContestDeps } from "./deps.js";
export { createContestEngine, type ContestEngine } from "./engine.js";
export { sendableChannel } from "./entries.js";
export { announcementEmbed, reviewRow, stamp } from "./messages.js";
export { canModerateContests, moderatorWords } from "./permissions.js";
export { listText, statusEmbed } from "./status.js";
