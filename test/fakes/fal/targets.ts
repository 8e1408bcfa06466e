// What a proxied request's x-fal-target-url asks for. Status, stream, result and cancel live under
// {owner}/{alias}/requests/{id} — without the endpoint's sub-path — so anything else there is not a route.
export type Target =
  | { route: "submit"; endpoint: string }
  | { route: "status" | "stream" | "result" | "cancel"; app: string; requestId: string }
  | { route: "upload-initiate" }
  | { route: "unknown" };

/** The hosts the official fal proxy forwards to. */
export function isFalHost(url: URL): boolean {
  return /(\.|^)fal\.(run|ai)$/.test(url.hostname);
}

export function classifyTarget(method: string, url: URL): Target {
  if (url.hostname === "queue.fal.run") return classifyQueue(method, url);
  if (url.hostname === "rest.fal.ai" && url.pathname === "/storage/upload/initiate" && method === "POST") {
    return { route: "upload-initiate" };
  }
  return { route: "unknown" };
}

function classifyQueue(method: string, url: URL): Target {
  const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const [owner, alias, marker, requestId, ...rest] = segments;
  if (!owner || !alias) return { route: "unknown" };
  if (marker === "requests" && requestId) {
    const app = `${owner}/${alias}`;
    const tail = rest.join("/");
    if (method === "GET" && tail === "") return { route: "result", app, requestId };
    if (method === "GET" && tail === "status") return { route: "status", app, requestId };
    if (method === "GET" && tail === "status/stream") return { route: "stream", app, requestId };
    if (method === "PUT" && tail === "cancel") return { route: "cancel", app, requestId };
    return { route: "unknown" };
  }
  return method === "POST" ? { route: "submit", endpoint: segments.join("/") } : { route: "unknown" };
}
