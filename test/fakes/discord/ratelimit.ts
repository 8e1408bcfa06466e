import { createHash } from "node:crypto";
import { DEFAULT_CALLBACK_RATE_LIMIT, DEFAULT_ROUTE_RATE_LIMIT } from "./constants.js";
import type { RateLimitOptions, RateLimitWindow } from "./types.js";

export type BucketKind = "route" | "interaction-callback";

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** Seconds until the bucket resets (only meaningful when not allowed). */
  retryAfter: number;
  global: boolean;
}

interface Window {
  startedAt: number;
  count: number;
}

/** Fixed-window buckets keyed by bucket hash + major parameter, answered with Discord's X-RateLimit-* headers. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly perRoute: RateLimitWindow;
  private readonly callback: RateLimitWindow;
  private readonly global: RateLimitWindow | undefined;

  constructor(readonly enabled: boolean, options: RateLimitOptions = {}) {
    this.perRoute = options.perRoute ?? DEFAULT_ROUTE_RATE_LIMIT;
    this.callback = options.interactionCallback ?? DEFAULT_CALLBACK_RATE_LIMIT;
    this.global = options.global;
  }

  /** Counts one request against its bucket (and the global bucket for bot-token requests). */
  take(kind: BucketKind, bucketRoute: string, majorParameter: string, botAuth: boolean): RateLimitDecision | undefined {
    if (!this.enabled) return undefined;
    const config = kind === "route" ? this.perRoute : this.callback;
    const hash = createHash("sha1").update(bucketRoute).digest("hex").slice(0, 32);
    const nowMs = Date.now();
    const route = this.window(`${hash}:${majorParameter}`, config, nowMs);
    const global = this.global && botAuth && kind === "route" ? this.window("global", this.global, nowMs) : undefined;
    if (global && this.global && global.count >= this.global.limit) {
      return this.limited(hash, config, route, nowMs, global.startedAt + this.global.windowMs, true);
    }
    if (route.count >= config.limit) return this.limited(hash, config, route, nowMs, route.startedAt + config.windowMs, false);
    route.count += 1;
    if (global) global.count += 1;
    return { allowed: true, headers: this.headers(hash, config, route, nowMs), retryAfter: 0, global: false };
  }

  private window(key: string, config: RateLimitWindow, nowMs: number): Window {
    let window = this.windows.get(key);
    if (!window || nowMs >= window.startedAt + config.windowMs) {
      window = { startedAt: nowMs, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private limited(hash: string, config: RateLimitWindow, route: Window, nowMs: number, resetAt: number, global: boolean): RateLimitDecision {
    const retryAfter = Math.max(0, resetAt - nowMs) / 1000;
    const headers = {
      ...this.headers(hash, config, route, nowMs),
      "retry-after": String(Math.ceil(retryAfter)),
      "x-ratelimit-scope": global ? "global" : "user",
      ...(global ? { "x-ratelimit-global": "true" } : {}),
    };
    return { allowed: false, headers, retryAfter, global };
  }

  private headers(hash: string, config: RateLimitWindow, window: Window, nowMs: number): Record<string, string> {
    const resetAt = window.startedAt + config.windowMs;
    return {
      "x-ratelimit-limit": String(config.limit),
      "x-ratelimit-remaining": String(Math.max(0, config.limit - window.count)),
      "x-ratelimit-reset": (resetAt / 1000).toFixed(3),
      "x-ratelimit-reset-after": (Math.max(0, resetAt - nowMs) / 1000).toFixed(3),
      "x-ratelimit-bucket": hash,
    };
  }
}
