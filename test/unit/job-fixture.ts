// A job as the bot would create it, for the store's tests; each test overrides what it is about.
import type { NewJob } from "../../src/generation/job.js";
import type { NewContest } from "../../src/store/contests.js";

export function sampleJob(ref: string, overrides: Partial<NewJob> = {}): NewJob {
  return {
    ref,
    modelId: "nano-banana",
    endpoint: "fal-ai/nano-banana",
    request: { prompt: "a cat" },
    input: { prompt: "a cat" },
    requesterId: "100000000000000001",
    guildId: "200000000000000001",
    channelId: "300000000000000001",
    applicationId: "400000000000000001",
    interactionId: "500000000000000001",
    interactionToken: "token",
    tokenExpiresAt: 1_000_000,
    ephemeral: false,
    channelNsfw: false,
    uploadLimit: 10 * 1024 * 1024,
    costEstimate: 0.039,
    ...overrides,
  };
}

/** A contest in the sample job's server, taking entries until 2000 and votes until 3000. */
export const sampleContest: NewContest = {
  guildId: "200000000000000001",
  channelId: "300000000000000001",
  theme: "cats",
  createdBy: "100000000000000001",
  submissionEndsAt: 2000,
  votingEndsAt: 3000,
  entriesPerMember: 1,
  votesPerMember: null,
  allowedModels: null,
  approval: false,
  hideCounts: true,
  locale: null,
};
