// fal's client takes any fetch. Node's own moves every response through web streams and builds a Request and a
// Response object per call: with 500 jobs in flight it was the largest share of the bot's CPU after Discord's
// traffic. This one serves the client's queue calls (a JSON body or none; JSON or an event stream back) with
// undici's request; any other body (a storage upload's file) goes to Node's fetch.
import { STATUS_CODES } from "node:http";
import { Readable } from "node:stream";
import { Headers, request, type Dispatcher } from "undici";

type ResponseData = Dispatcher.ResponseData;

function responseOf({ statusCode, headers, body }: ResponseData): Response {
  let stream: ReadableStream | undefined;
  const response = {
    ok: statusCode >= 200 && statusCode < 300,
    status: statusCode,
    statusText: STATUS_CODES[statusCode] ?? "",
    headers: new Headers(headers as Record<string, string>),
    json: () => body.json(),
    text: () => body.text(),
    arrayBuffer: () => body.arrayBuffer(),
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
  const response = await request(input, {
    method: (init?.method ?? "GET") as Dispatcher.HttpMethod,
    // fal's client passes its headers as a plain object.
    headers: init?.headers as Record<string, string> | undefined,
    body: body ?? null,
    ...(signal ? { signal } : {}),
  });
  return responseOf(response);
};
