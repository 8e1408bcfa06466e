// The bot's connections to Discord's API, shared by both RESTs (the client's and the one for job replies).
// A burst of interactions right after a start (members retrying while the bot was down) would otherwise open a
// connection for nearly every acknowledgement: a TCP and a TLS handshake each, and on the bot's side enough work
// that the burst's first acknowledgements wait for one another. So a few connections are opened at start-up and
// idle ones are kept for a minute instead of undici's 4 seconds.
import { Agent, request } from "undici";

/** About the acknowledgements in flight at once when a burst of a few hundred a second meets a cold start. */
export const warmConnections = 16;

const idleKeepAliveMs = 60_000;

export function createDiscordAgent(): Agent {
  return new Agent({ keepAliveTimeout: idleKeepAliveMs, keepAliveMaxTimeout: 10 * idleKeepAliveMs });
}

/**
 * Opens `count` connections to the API at once and leaves them idle in the agent's pool. Each carries one
 * `GET` of the API's root: no route, so no rate-limit bucket and no token, and Discord answers 404 at once
 * (a 404 is not among the invalid requests Discord counts against a bot). Resolves with how many answered; a
 * failure only means fewer warm connections.
 */
export async function openConnections(agent: Agent, api: { api: string; version: string }, count = warmConnections): Promise<number> {
  const root = `${api.api}/v${api.version}`;
  const answered = await Promise.all(
    Array.from({ length: count }, async () => {
      try {
        const { body } = await request(root, { dispatcher: agent });
        await body.dump();
        return true;
      } catch {
        return false;
      }
    }),
  );
  return answered.filter(Boolean).length;
}
