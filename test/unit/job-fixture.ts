// A job as the bot would create it, for the store's tests; each test overrides what it is about.
import type { NewJob } from "../../src/generation/job.js";

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
