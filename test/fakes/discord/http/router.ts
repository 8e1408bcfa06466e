import type { IncomingHttpHeaders } from "node:http";
import type { BucketKind } from "../ratelimit.js";
import type { UploadedFile } from "./body.js";

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  route: string;
  headers: IncomingHttpHeaders;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
}

export interface RouteDef {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path under /api/v10, e.g. "/channels/:channel/messages/:message". */
  template: string;
  auth: "bot" | "none";
  bucket: BucketKind;
  handle(req: RouteRequest): RouteResponse | Promise<RouteResponse>;
}

/** A route for the bot token, in the per-route bucket (most of the API). */
export function botRoute(method: RouteDef["method"], template: string, handle: RouteDef["handle"]): RouteDef {
  return { method, template, auth: "bot", bucket: "route", handle };
}

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

/** Matches a path against route templates; literal segments win over parameters. */
export class Router {
  private readonly routes: RouteDef[] = [];

  add(...routes: RouteDef[]): void {
    this.routes.push(...routes);
  }

  /** The matching route, "method" when the path exists under another method, or undefined. */
  match(method: string, path: string): RouteMatch | "method" | undefined {
    const segments = path.split("/").filter(Boolean);
    let best: { match: RouteMatch; literals: number } | undefined;
    let pathExists = false;
    for (const route of this.routes) {
      const result = matchTemplate(route.template, segments);
      if (!result) continue;
      pathExists = true;
      if (route.method !== method) continue;
      if (!best || result.literals > best.literals) best = { match: { route, params: result.params }, literals: result.literals };
    }
    if (best) return best.match;
    return pathExists ? "method" : undefined;
  }
}

function matchTemplate(template: string, segments: string[]): { params: Record<string, string>; literals: number } | undefined {
  const parts = template.split("/").filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  let literals = 0;
  for (const [i, part] of parts.entries()) {
    const segment = safeDecode(segments[i] ?? "");
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part === segment) literals += 1;
    else return undefined;
  }
  return { params, literals };
}

/** The major parameter discord.js (and Discord) key buckets by. */
export function majorParameter(path: string): string {
  const match = /^\/webhooks\/(\d{17,20}\/[^/?]+)|^\/(?:channels|guilds|webhooks)\/(\d{17,20})/.exec(path);
  return match?.[2] ?? match?.[1] ?? "global";
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
