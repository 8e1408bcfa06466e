import { createHash } from "node:crypto";
import { ATTACHMENT_PATH } from "./constants.js";
import { IS_ANIMATED, isAnimated } from "./animation.js";
import { imageSize } from "./image-size.js";
import { snowflake } from "./snowflake.js";
import type { FakeAttachment } from "./types.js";

interface HostedEntry {
  attachment: FakeAttachment;
  available: boolean;
}

export interface NewAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
  description?: string;
  ephemeral?: boolean;
}

/** Most links refreshed in one POST /attachments/refresh-urls. */
export const REFRESH_BATCH_LIMIT = 50;

const signatureOf = (path: string, ex: string) => createHash("sha256").update(path + ex).digest("hex");

/** A signed link, as Discord makes them: ex (expiry, hex seconds), is (issued), hm (signature). */
function sign(origin: string, path: string, ttlMs: number): string {
  const now = Date.now();
  const ex = Math.ceil((now + ttlMs) / 1000).toString(16);
  const is = Math.floor(now / 1000).toString(16);
  return `${origin}${path}?ex=${ex}&is=${is}&hm=${signatureOf(path, ex)}&`;
}

/** Each hosted attachment's link lifetime, for issuing its link again when the API returns it. */
const linkLifetimes = new WeakMap<FakeAttachment, number>();

/** When the link's signature says it expires (epoch ms), if the signature is genuine; undefined otherwise. */
function signedExpiry(path: string, query: URLSearchParams): number | undefined {
  const ex = query.get("ex");
  if (!ex || !query.get("is") || query.get("hm") !== signatureOf(path, ex)) return undefined;
  return Number.parseInt(ex, 16) * 1000;
}

/**
 * The fake CDN: every attachment (uploaded by the bot or posted by a user) is served from here. Like Discord's, its
 * links are signed and expire (`linkTtlMs` after issue; Discord's last about a day): an expired or unsigned link
 * answers 404, and the API hands out fresh links (message reads, POST /attachments/refresh-urls).
 */
export class AttachmentHost {
  private readonly byPath = new Map<string, HostedEntry>();

  constructor(
    private readonly origin: () => string,
    private readonly linkTtlMs: number,
  ) {}

  host(file: NewAttachment, channelId: string): FakeAttachment {
    const id = snowflake();
    const path = `${ATTACHMENT_PATH}/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
    const url = sign(this.origin(), path, this.linkTtlMs);
    // Discord reports dimensions only for a file it could open as an image, whatever its label says.
    const size = imageSize(file.data);
    const attachment: FakeAttachment = {
      id,
      filename: file.filename,
      size: file.data.length,
      url,
      proxy_url: url,
      content_type: file.contentType,
      data: file.data,
      ...(size ? { width: size.width, height: size.height } : {}),
      ...(size && isAnimated(file.data) ? { flags: IS_ANIMATED } : {}),
      ...(file.description !== undefined ? { description: file.description } : {}),
      ...(file.ephemeral ? { ephemeral: true } : {}),
    };
    linkLifetimes.set(attachment, this.linkTtlMs);
    this.byPath.set(path, { attachment, available: true });
    return attachment;
  }

  /** Looks a hosted attachment up by its URL (query string ignored). */
  find(url: string): FakeAttachment | undefined {
    return this.byPath.get(this.pathOf(url))?.attachment;
  }

  setAvailable(url: string, ok: boolean): void {
    const entry = this.byPath.get(this.pathOf(url));
    if (!entry) throw new Error(`fake discord: no hosted attachment at ${url}`);
    entry.available = ok;
  }

  /** What the CDN answers for a link: the entry, "refused" (403), "expired" (404, also when unsigned) or undefined (404). */
  serve(path: string, query: URLSearchParams): FakeAttachment | "refused" | "expired" | undefined {
    const entry = this.byPath.get(path);
    if (!entry) return undefined;
    const expiry = signedExpiry(path, query);
    if (expiry === undefined || Date.now() >= expiry) return "expired";
    return entry.available ? entry.attachment : "refused";
  }

  /** A fresh link for a genuine link of this CDN (expired or not); undefined for anything else. */
  refresh(url: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (parsed.origin !== this.origin() || !this.byPath.has(parsed.pathname)) return undefined;
    return signedExpiry(parsed.pathname, parsed.searchParams) === undefined ? undefined : sign(this.origin(), parsed.pathname, this.linkTtlMs);
  }

  /** When the link expires, once it has: resolves then (at once for an expired link). */
  async expiry(url: string): Promise<void> {
    const parsed = new URL(url);
    const expiry = signedExpiry(parsed.pathname, parsed.searchParams) ?? 0;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiry - Date.now())));
  }


  private pathOf(url: string): string {
    return new URL(url, this.origin()).pathname;
  }
}

/** The attachment as the API returns it now: a link past half its life is issued again (Discord signs on every read). */
export function toApiAttachment(attachment: FakeAttachment): Omit<FakeAttachment, "data"> {
  const ttl = linkLifetimes.get(attachment);
  if (ttl !== undefined) {
    const link = new URL(attachment.url);
    const expiry = signedExpiry(link.pathname, link.searchParams) ?? 0;
    if (expiry - Date.now() < ttl / 2) attachment.url = attachment.proxy_url = sign(link.origin, link.pathname, ttl);
  }
  const { data: _data, ...api } = attachment;
  return api;
}
