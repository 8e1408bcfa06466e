// The status line and headers of an answer received with undici's `request`, as fetch's Response (and
// discord.js's ResponseLike) have them; each caller adds the body its consumer reads.
import { STATUS_CODES } from "node:http";
import { Headers, type Dispatcher } from "undici";

export function responseHead(statusCode: number, headers: Dispatcher.ResponseData["headers"]) {
  return {
    ok: statusCode >= 200 && statusCode < 300,
    status: statusCode,
    statusText: STATUS_CODES[statusCode] ?? "",
    headers: new Headers(headers as Record<string, string>),
  };
}
