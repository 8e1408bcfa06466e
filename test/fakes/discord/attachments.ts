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

/** The fake CDN: every attachment (uploaded by the bot or posted by a user) is served from here. */
export class AttachmentHost {
  private readonly byPath = new Map<string, HostedEntry>();

  constructor(private readonly origin: () => string) {}

  host(file: NewAttachment, channelId: string): FakeAttachment {
    const id = snowflake();
    const path = `${ATTACHMENT_PATH}/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
    // Discord CDN URLs are signed: ex (expiry, hex seconds), is (issued), hm (signature).
    const issued = Math.floor(Date.now() / 1000);
    const ex = (issued + 24 * 3600).toString(16);
    const is = issued.toString(16);
    const hm = createHash("sha256").update(path + ex).digest("hex");
    const url = `${this.origin()}${path}?ex=${ex}&is=${is}&hm=${hm}&`;
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

  /** What the CDN answers for a path: the entry, "refused" (403) or undefined (404). */
  serve(path: string): FakeAttachment | "refused" | undefined {
    const entry = this.byPath.get(path);
    if (!entry) return undefined;
    return entry.available ? entry.attachment : "refused";
  }

  private pathOf(url: string): string {
    return new URL(url, this.origin()).pathname;
  }
}

export function toApiAttachment(attachment: FakeAttachment): Omit<FakeAttachment, "data"> {
  const { data: _data, ...api } = attachment;
  return api;
}
