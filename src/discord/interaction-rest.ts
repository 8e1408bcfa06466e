// Discord does not count interaction webhooks (edits through an interaction token) against the global
// limit of 50 requests a second, but discord.js queues every request behind it. Job replies get a REST
// of their own, so 500 jobs' edits do not wait in that queue; per-route limits still apply.
import { REST } from "discord.js";
import type { Dispatcher } from "undici";
import type { Config } from "../config.js";

const effectivelyUnlimited = 100_000;

export function createInteractionRest(config: Pick<Config, "DISCORD_API_URL">, agent: Dispatcher): REST {
  return new REST({
    version: "10",
    agent,
    globalRequestsPerSecond: effectivelyUnlimited,
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
  });
}
