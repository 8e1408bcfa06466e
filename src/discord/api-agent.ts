// The bot's connections to Discord's API, shared by both RESTs (the client's and the one for job replies).
// A burst of interactions right after a start (members retrying while the bot was down) would otherwise open a
// connection for nearly every acknowledgement: a TCP and a TLS handshake each, and on the bot's side enough work
// that the burst's first acknowledgements wait for one another. So a few connections are opened at start-up and
// idle ones are kept for a minute instead of undici's 4 seconds (undici checks an idle connection for the
// server's close before it reuses it).
import { DefaultUserAgent } from "discord.js";
import { Agent, request } from "undici";

/** About the acknowledgements in flight at once when a burst of a few hundred a second meets a cold start. */
export const warmConnections = 16;

const idleKeepAliveMs = 60_000;

export function createDiscordAgent(): Agent {
  return new Agent({ keepAliveTimeout: idleKeepAliveMs, keepAliveMaxTimeout: 10 * idleKeepAliveMs });
}

/**
 * Opens `count` connections to the API at once and leaves them idle in the agent's pool. Each carries one
 * `GET` of the API's root, with discord.js's User-Agent (Discord's edge may refuse requests without one) and
 * no token: no route, so no rate-limit bucket, and Discord answers 404 at once (a 404 is not among the invalid
 * requests Discord counts against a bot). Resolves with how many answered, by status (logged at start-up, so
 * an answer other than 404 shows); a failure only means fewer warm connections.
 */
export async function openConnections(
  agent: Agent,
  api: { api: string; version: string; userAgentAppendix: string },
  // A warm-up not answered by then is given up: it must not hold up the bot's start.
  { count = warmConnections, timeoutMs = 5000 }: { count?: number; timeoutMs?: number } = {},
): Promise<Record<string, number>> {
  const root = `${api.api}/v${api.version}`;
  const headers = { "user-agent": `${DefaultUserAgent} ${api.userAgentAppendix}`.trim() };
  const answers = await Promise.all(
    Array.from({ length: count }, async () => {
      try {
        const { body, statusCode } = await request(root, { dispatcher: agent, headers, signal: AbortSignal.timeout(timeoutMs) });
        await body.dump();
        return String(statusCode);
      } catch {
        return "no answer";
      }
    }),
  );
  const byStatus: Record<string, number> = {};
  for (const answer of answers) byStatus[answer] = (byStatus[answer] ?? 0) + 1;
  return byStatus;
}
