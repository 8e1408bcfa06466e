// The operators' endpoints, on HTTP_PORT: GET /healthz (200 when the bot is connected to Discord and its database
// answers, else 503, with what is wrong) and GET /metrics (Prometheus' text format). Nothing else; no secrets.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface Health {
  discord: boolean;
  database: boolean;
}

export interface OperatorEndpoints {
  port: number;
  close(): Promise<void>;
}

export async function startOperatorEndpoints(
  { host, port }: { host: string; port: number },
  { health, registry }: { health: () => Promise<Health>; registry: Registry },
): Promise<OperatorEndpoints> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://falcord").pathname;
    const answer = async () => {
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
