// fal storage and CDN: upload initiate (proxied), the signed PUT and CDN downloads (direct, on the fake's own origin).
import { randomUUID } from "node:crypto";
import { extname } from "node:path";
import { z } from "zod";
import { type Exchange, readBody } from "./http.js";
import { parseJsonBody, validateInput } from "./validation.js";

/** Bigger uploads get 413 (the real client switches to multipart past 90 MB, which the fake does not offer). */
export const UPLOAD_LIMIT = 100 * 1024 * 1024;
const INITIATE_BODY_LIMIT = 64 * 1024;

interface StoredFile {
  data: Buffer;
  contentType: string;
}

const initiateSchema = z.object({ content_type: z.string(), file_name: z.string() });

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

export class FakeStorage {
  private readonly files = new Map<string, StoredFile>();
  /** upload path → the CDN path its bytes will be served at. */
  private readonly uploads = new Map<string, { cdnPath: string; contentType: string }>();
  private readonly refused = new Set<string>();
  /** CDN URL → where it redirects. */
  private readonly redirects = new Map<string, string>();
  /** Held CDN downloads and upload PUTs: they arrive but are answered only once released. */
  private readonly downloadsHeld = new Hold();
  private readonly uploadsHeld = new Hold();

  constructor(private readonly origin: string) {}

  /** Stores a file and returns its CDN URL. */
  put(data: Buffer, contentType: string, ext = extensionFor(contentType)): string {
    const path = `/cdn/${randomUUID()}.${ext}`;
    this.files.set(path, { data, contentType });
    return this.origin + path;
  }

  /** Deletes a file from the CDN: its URL answers 404 from now on. */
  remove(url: string): void {
    if (url.startsWith(this.origin)) this.files.delete(url.slice(this.origin.length));
  }

  /** Holds CDN downloads until the returned function (or releaseAll) is called. */
  holdDownloads(): () => void {
    return this.downloadsHeld.hold();
  }

  /** Holds upload PUTs (a stalled upload: no answer) until the returned function (or releaseAll) is called. */
  holdUploads(): () => void {
    return this.uploadsHeld.hold();
  }

  releaseAll(): void {
    this.downloadsHeld.release();
    this.uploadsHeld.release();
  }

  refuse(url: string): void {
    this.refused.add(new URL(url).href);
  }

  accept(url: string): void {
    this.refused.delete(new URL(url).href);
  }

  redirect(url: string, to: string): void {
    this.redirects.set(new URL(url).href, to);
  }

  isRefused(url: string): boolean {
    try {
      return this.refused.has(new URL(url).href);
    } catch {
      return false;
    }
  }

  async handleInitiate(ex: Exchange): Promise<void> {
    ex.route = "upload-initiate";
    const raw = await readBody(ex.req, INITIATE_BODY_LIMIT);
    const body = parseJsonBody(raw.data);
    if (!body.ok) return ex.json(422, { detail: body.detail });
    ex.body = body.value;
    const checked = validateInput(initiateSchema, body.value);
    if (!checked.ok) return ex.json(422, { detail: checked.detail });
    const contentType = String(checked.params.content_type);
    const fileExt = extname(String(checked.params.file_name)).slice(1);
    const ext = EXTENSIONS[contentType] ?? (/^[a-z0-9]{1,8}$/i.test(fileExt) ? fileExt : "bin");
    const cdnPath = `/cdn/${randomUUID()}.${ext}`;
    const uploadPath = `/upload/${randomUUID()}`;
    this.uploads.set(uploadPath, { cdnPath, contentType });
    ex.json(200, { upload_url: this.origin + uploadPath, file_url: this.origin + cdnPath });
  }

  async handleUploadPut(ex: Exchange, path: string): Promise<void> {
    ex.route = "upload-put";
    const pending = this.uploads.get(path);
    if (ex.req.method !== "PUT" || !pending) {
      ex.req.resume();
      return ex.json(pending ? 405 : 404, { detail: pending ? "Method Not Allowed" : "Unknown upload URL" });
    }
    const body = await readBody(ex.req, UPLOAD_LIMIT);
    await this.uploadsHeld.until();
    ex.bytes = body.size;
    if (body.tooLarge) return ex.json(413, { detail: `File too large: the limit is ${UPLOAD_LIMIT} bytes` });
    const contentType = ex.req.headers["content-type"] ?? pending.contentType;
    this.files.set(pending.cdnPath, { data: body.data, contentType });
    ex.bytesOut(200, null, { "content-length": 0 });
  }

  async handleCdn(ex: Exchange, path: string): Promise<void> {
    ex.route = "cdn";
    ex.req.resume();
    await this.downloadsHeld.until();
    const file = this.files.get(path);
    if (this.refused.has(this.origin + path)) return ex.json(403, { detail: "Access denied" });
    const to = this.redirects.get(this.origin + path);
    if (to !== undefined) return ex.bytesOut(302, null, { location: to, "content-length": 0 });
    if (!file) return ex.json(404, { detail: "File not found" });
    if (ex.req.method !== "GET" && ex.req.method !== "HEAD") return ex.json(405, { detail: "Method Not Allowed" });
    ex.bytes = ex.req.method === "GET" ? file.data.length : 0;
    ex.bytesOut(200, ex.req.method === "GET" ? file.data : null, {
      "content-type": file.contentType,
      "content-length": file.data.length,
      "cache-control": "public, max-age=31536000",
    });
  }
}

/** A gate requests wait at while it is held. */
class Hold {
  private held: { until: Promise<void>; release: () => void } | undefined;

  hold(): () => void {
    if (!this.held) {
      let release = () => {};
      const until = new Promise<void>((resolve) => (release = resolve));
      this.held = { until, release };
    }
    const held = this.held;
    return () => {
      held.release();
      if (this.held === held) this.held = undefined;
    };
  }

  release(): void {
    this.held?.release();
    this.held = undefined;
  }

  async until(): Promise<void> {
    if (this.held) await this.held.until;
  }
}

function extensionFor(contentType: string): string {
  return EXTENSIONS[contentType] ?? "bin";
}
