// Discord does not count interaction webhooks (edits through an interaction token) against the global
// limit of 50 requests a second, but discord.js queues every request behind it. Job replies get a REST
// of their own, so 500 jobs' edits do not wait in that queue; per-route limits still apply.
import { DefaultRestOptions, REST, type ResponseLike } from "discord.js";
import { Readable } from "node:stream";
import { request, type Dispatcher, type RequestInit } from "undici";
import type { Config } from "../config.js";
import { responseHead } from "../undici-response.js";

const effectivelyUnlimited = 100_000;

/**
 * A body given as a list of Buffers (a result's multipart upload, see multipart.ts) is written to the socket
 * chunk by chunk; @discordjs/rest would first join it into one more copy of the images.
 */
async function makeRequest(url: string, init: RequestInit): Promise<ResponseLike> {
  if (!Array.isArray(init.body)) return DefaultRestOptions.makeRequest(url, init);
  // A stream of its own for each attempt (REST may retry with the same init).
  const { body, statusCode, headers } = await request(url, {
    ...(init as Omit<RequestInit, "headers" | "body" | "method">),
    // @discordjs/rest always passes its headers as a plain object.
    headers: init.headers as Record<string, string>,
    method: init.method as Dispatcher.HttpMethod,
    body: Readable.from(init.body as Buffer[], { objectMode: false }),
  });
  return {
    ...responseHead(statusCode, headers),
    body,
    arrayBuffer: () => body.arrayBuffer(),
    json: () => body.json(),
    text: () => body.text(),
    get bodyUsed() {
      return body.bodyUsed;
    },
  };
}

export function createInteractionRest(config: Pick<Config, "DISCORD_API_URL">, agent: Dispatcher): REST {
  return new REST({
    version: "10",
    agent,
    globalRequestsPerSecond: effectivelyUnlimited,
    makeRequest,
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
  });
}
