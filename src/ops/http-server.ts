// The operators' endpoints, on HTTP_PORT: GET /healthz (200 when the bot is connected to Discord and its database
// answers, else 503, with what is wrong) and GET /metrics (Prometheus' text format); and, when given a route, POSTs
// from outside (fal's webhook callbacks), their raw bodies handed to its handler. Nothing else; no secrets.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface Health {
  discord: boolean;
  database: boolean;
}

/** A POST route whose raw body (at most `maxBytes`, else 413) goes to `handle` with the request's headers. */
export interface PostRoute {
  path: string;
  maxBytes: number;
  handle(headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<{ status: number; text: string }>;
}

class TooLarge extends Error {}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"]);
    if (declared > maxBytes) return reject(new TooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners("data");
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export interface OperatorEndpoints {
  port: number;
  close(): Promise<void>;
}

export async function startOperatorEndpoints(
  { host, port }: { host: string; port: number },
  { health, registry, post }: { health: () => Promise<Health>; registry: Registry; post?: PostRoute },
): Promise<OperatorEndpoints> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://falcord").pathname;
    const answer = async () => {
      if (post && path === post.path && request.method === "POST") {
        const body = await readBody(request, post.maxBytes).catch((error: unknown) => {
          if (!(error instanceof TooLarge)) throw error;
          // Answered at once; the rest of the body is not read, so the connection closes after the answer.
          response.writeHead(413, { "content-type": "text/plain", connection: "close" }).end("too large\n");
          return undefined;
        });
        if (!body) return;
        const { status, text } = await post.handle(request.headers, body);
        response.writeHead(status, { "content-type": "text/plain" }).end(text);
        return;
      }
      if (request.method !== "GET" || (path !== "/healthz" && path !== "/metrics")) {
        response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
        return;
      }
      if (path === "/metrics") {
        response.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics());
        return;
      }
      const checks = await health();
      const ok = checks.discord && checks.database;
      response.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ status: ok ? "ok" : "unavailable", ...checks }));
    };
    answer().catch(() => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end("error\n");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
