// What a modal needs from the interaction that opened it, kept in memory until the modal comes back. A custom_id
// holds at most 100 characters, far too few for a list of signed image URLs.
import { randomBytes } from "node:crypto";

export interface PendingFormsOptions {
  ttlMs?: number;
  maxEntries?: number;
}

/** Entries expire after ttlMs (a modal left open longer must be reopened) and the oldest go first beyond maxEntries. */
export class PendingForms<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(options: PendingFormsOptions = {}, private readonly clock: () => number = Date.now) {
    this.ttlMs = options.ttlMs ?? 15 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /** Stores the value and returns its id: 12 URL-safe characters, no ":". */
  put(value: T): string {
    this.dropExpired();
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    const id = randomBytes(9).toString("base64url");
    this.entries.set(id, { value, expiresAt: this.clock() + this.ttlMs });
    return id;
  }

  /** Removes and returns the value; undefined when unknown or expired. A modal is submitted once. */
  take(id: string): T | undefined {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    return entry && entry.expiresAt > this.clock() ? entry.value : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  private dropExpired(): void {
    const now = this.clock();
    // Insertion order is expiry order: stop at the first live entry.
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(id);
    }
  }
}
