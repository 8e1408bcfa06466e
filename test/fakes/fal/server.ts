// HTTP dispatch. Proxied requests (the client's `proxyUrl`) arrive at PROXY_PATH with the real fal URL in
// x-fal-target-url and must carry `Authorization: Key <key>`; upload PUTs and CDN downloads come straight here.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Exchange } from "./http.js";
import type { QueueRoutes } from "./queue-routes.js";
import type { Recorder } from "./recorder.js";
import type { FakeStorage } from "./storage.js";
import { JWKS_PATH, type FakeWebhooks } from "./webhooks.js";
import { classifyTarget, isFalHost } from "./targets.js";

export const PROXY_PATH = "/proxy";
const TARGET_URL_HEADER = "x-fal-target-url";

export interface ServerDeps {
  origin: string;
  key: string;
  recorder: Recorder;
  storage: FakeStorage;
  routes: QueueRoutes;
  webhooks: FakeWebhooks;
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res, deps).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ detail: `fake fal crashed: ${error instanceof Error ? error.message : String(error)}` }));
      } else {
        res.destroy();
      }
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const own = new URL(req.url ?? "/", deps.origin);
  if (own.pathname === PROXY_PATH) return proxied(req, res, own, deps);
  const ex = new Exchange(req, res, own.href, deps.recorder);
  if (own.pathname.startsWith("/cdn/")) ex.route = "cdn";
  else if (own.pathname.startsWith("/upload/")) ex.route = "upload-put";
  else if (own.pathname === JWKS_PATH && req.method === "GET") ex.route = "jwks";
  ex.arrived();
  if (ex.route === "cdn") return deps.storage.handleCdn(ex, own.pathname);
  if (ex.route === "upload-put") return deps.storage.handleUploadPut(ex, own.pathname);
  req.resume();
  if (ex.route === "jwks") return ex.json(200, deps.webhooks.jwks());
  ex.json(404, { detail: "Not Found" });
}

async function proxied(req: IncomingMessage, res: ServerResponse, own: URL, deps: ServerDeps): Promise<void> {
  const header = req.headers[TARGET_URL_HEADER];
  const ex = new Exchange(req, res, typeof header === "string" ? header : own.href, deps.recorder);
  const target = typeof header === "string" && URL.canParse(header) ? new URL(header) : undefined;
  if (!target || !isFalHost(target)) {
    req.resume();
    return ex.json(typeof header === "string" ? 412 : 400, { error: `Missing or invalid ${TARGET_URL_HEADER} header` });
  }
  const method = req.method ?? "GET";
  const route = classifyTarget(method, target);
  ex.route = route.route;
  if (route.route === "submit") ex.endpoint = route.endpoint;
  if ("requestId" in route) ex.requestId = route.requestId;
  ex.arrived();

  if (req.headers.authorization !== `Key ${deps.key}`) {
    req.resume();
    return ex.json(401, { detail: "No user found for Key ID and Secret" });
  }
  const logs = target.searchParams.get("logs") === "1";
  switch (route.route) {
    case "submit":
      return deps.routes.submit(ex, route.endpoint, target.searchParams.get("fal_webhook") ?? undefined);
    case "status":
      return deps.routes.status(ex, route.app, route.requestId, logs);
    case "stream":
      return deps.routes.stream(ex, route.app, route.requestId, logs);
    case "result":
      return deps.routes.result(ex, route.app, route.requestId);
    case "cancel":
      return deps.routes.cancel(ex, route.app, route.requestId);
    case "upload-initiate":
      return deps.storage.handleInitiate(ex);
    case "unknown":
      req.resume();
      return ex.json(404, { detail: "Not Found" });
  }
}
