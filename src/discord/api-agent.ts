// The bot's connections to Discord's API, shared by both RESTs (the client's and the one for job replies).
// Idle connections are kept for a minute instead of undici's 4 seconds, so that acknowledgements and edits
// between bursts reuse them rather than paying a TCP and a TLS handshake each (undici checks an idle
// connection for the server's close before it reuses it).
import { Agent } from "undici";

const idleKeepAliveMs = 60_000;

export function createDiscordAgent(): Agent {
  return new Agent({ keepAliveTimeout: idleKeepAliveMs, keepAliveMaxTimeout: 10 * idleKeepAliveMs });
}
