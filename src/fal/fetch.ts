// fal's client takes any fetch. Node's own moves every response through web streams and builds a Request and a
// Response object per call: with 500 jobs in flight it was the largest share of the bot's CPU after Discord's
// traffic. This one serves the client's queue calls (a JSON body or none; JSON or an event stream back) with
// undici's request, keeping what the client relies on from fetch: redirects followed, headers merged whatever
// their case, network failures as `TypeError: fetch failed`, no connection left waiting on an unread body. Any
// other body (a storage upload's file) goes to Node's fetch.
import { Readable } from "node:stream";
import { Headers, request, type Dispatcher } from "undici";
import { responseHead } from "../undici-response.js";

/** What fetch throws when the network fails (errors.ts and fal's retries recognise it). */
function networkError(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

function responseOf(statusCode: number, headers: Dispatcher.ResponseData["headers"], body: Readable, read: () => Promise<Buffer>): Response {
  let stream: ReadableStream | undefined;
  const bytes = () => read().catch((error: unknown) => Promise.reject(networkError(error)));
  const response = {
    ...responseHead(statusCode, headers),
    json: async () => JSON.parse((await bytes()).toString("utf8")) as unknown,
    text: async () => (await bytes()).toString("utf8"),
    arrayBuffer: async () => {
      const buffer = await bytes();
      return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    },
    // The status stream is read as a web stream; made only when asked for.
    get body() {
      return (stream ??= Readable.toWeb(body) as ReadableStream);
    },
  };
  return response as unknown as Response;
}

export const falFetch: typeof fetch = async (input, init) => {
  const body = init?.body;
  if (typeof input !== "string" || (body !== undefined && body !== null && typeof body !== "string")) return fetch(input, init);
  const signal = init?.signal ?? undefined;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(input, {
      method: (init?.method ?? "GET") as Dispatcher.HttpMethod,
      // As fetch sends them: one header per name, whatever its case ("Accept" and "accept" joined into one).
      headers: Object.fromEntries(new Headers(init?.headers as ConstructorParameters<typeof Headers>[0])),
      body: body ?? null,
      maxRedirections: 5,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw signal?.aborted ? error : networkError(error);
  }
  const { statusCode, headers, body: stream } = response;
  const read = async () => Buffer.from(await stream.arrayBuffer());
  if (statusCode >= 200 && statusCode < 300) return responseOf(statusCode, headers, stream, read);
  // fal's client does not always read an error's body: read it here, so no connection is left waiting on it.
  const settled = await read().then(
    (buffer) => ({ buffer }),
    (error: unknown) => ({ error }),
  );
  const replay = async () => {
    if ("error" in settled) throw settled.error;
    return settled.buffer;
  };
  return responseOf(statusCode, headers, Readable.from("buffer" in settled ? [settled.buffer] : []), replay);
};
