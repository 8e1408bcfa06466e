import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { download, DownloadError, extensionOf } from "../../src/media/download.js";
import { fitToLimit } from "../../src/media/fit.js";
import { localServer } from "./local-server.js";

/** A body sent in three chunks, with its length declared (/declared-chunks) or not (/chunks). */
const chunks = [1, 2, 3].map((fill) => Buffer.alloc(70_000, fill));

const local = localServer((req, res) => {
  if (req.url === "/small") return res.writeHead(200, { "content-type": "image/png; charset=binary" }).end(Buffer.alloc(100, 1));
  if (req.url === "/declared-big") return res.writeHead(200, { "content-length": String(10_000) }).end(Buffer.alloc(10_000));
  if (req.url === "/chunked-big") {
    res.writeHead(200, { "content-type": "image/png" });
    for (let i = 0; i < 20; i++) res.write(Buffer.alloc(1000));
    return res.end();
  }
  if (req.url === "/declared-chunks" || req.url === "/chunks") {
    const length = req.url === "/declared-chunks" ? { "content-length": String(Buffer.concat(chunks).byteLength) } : {};
    res.writeHead(200, { "content-type": "image/webp", ...length });
    for (const chunk of chunks) res.write(chunk);
    return res.end();
  }
  if (req.url === "/stall") return void res.writeHead(200).write("x");
  res.writeHead(404).end();
});

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

describe("download", () => {
  it("returns the bytes and the bare content type", async () => {
    const file = await download(`${local.base}/small`, { maxBytes: 1000, timeoutMs: 2000 });
    expect(file.bytes.byteLength).toBe(100);
    expect(file.contentType).toBe("image/png");
  });

  it("assembles a body of many chunks in order, with its length declared or not", async () => {
    const expected = Buffer.concat(chunks);
    for (const path of ["/declared-chunks", "/chunks"]) {
      const file = await download(`${local.base}${path}`, { maxBytes: 1_000_000, timeoutMs: 2000 });
      expect(file.bytes.equals(expected)).toBe(true);
      expect(file.contentType).toBe("image/webp");
    }
  });

  it("puts a body of declared length into the memory it is given", async () => {
    const memory = Buffer.alloc(512 * 1024);
    const file = await download(`${local.base}/declared-chunks`, { maxBytes: 1_000_000, timeoutMs: 2000, allocate: (size) => memory.subarray(0, size) });
    expect(file.bytes.buffer).toBe(memory.buffer);
    expect(file.bytes.equals(Buffer.concat(chunks))).toBe(true);
  });

  it("refuses a file over the cap, declared or streamed", async () => {
    expect((await failure(download(`${local.base}/declared-big`, { maxBytes: 5000, timeoutMs: 2000 }))).reason).toBe("too-large");
    expect((await failure(download(`${local.base}/chunked-big`, { maxBytes: 5000, timeoutMs: 2000 }))).reason).toBe("too-large");
  });

  it("gives up on a stalled download and on an error status", async () => {
    expect((await failure(download(`${local.base}/stall`, { maxBytes: 5000, timeoutMs: 200 }))).reason).toBe("timeout");
    const notFound = await failure(download(`${local.base}/missing`, { maxBytes: 5000, timeoutMs: 2000 }));
    expect([notFound.reason, notFound.status]).toEqual(["status", 404]);
  });
});

describe("fitToLimit", () => {
  const noise = async (size: number) => {
    const raw = Buffer.alloc(size * size * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
    return sharp(raw, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
  };

  it("leaves an image that fits alone", async () => {
    const bytes = await noise(64);
    const fitted = await fitToLimit({ bytes, contentType: "image/png", fileName: "a.png" }, bytes.byteLength);
    expect(fitted.bytes).toBe(bytes);
    expect(fitted.adjustment).toBeUndefined();
  });

  it("re-encodes or scales an image down until it fits, and says so", async () => {
    const bytes = await noise(512);
    const limit = Math.floor(bytes.byteLength / 20);
    const fitted = await fitToLimit({ bytes, contentType: "image/png", fileName: "big.png" }, limit);
    expect(fitted.bytes.byteLength).toBeLessThanOrEqual(limit);
    expect(fitted.fileName).toBe("big.webp");
    expect(fitted.contentType).toBe("image/webp");
    expect(fitted.adjustment).toMatch(/Discord's upload limit/);
    const meta = await sharp(fitted.bytes).metadata();
    expect(meta.format).toBe("webp");
  });
});

describe("extensionOf", () => {
  it("names files by their type, and png when the type says nothing usable", () => {
    expect(["image/png", "image/jpeg", "image/webp", "application/octet-stream", "image/svg+xml", ""].map(extensionOf)).toEqual([
      "png",
      "jpg",
      "webp",
      "png",
      "png",
      "png",
    ]);
  });
});
