import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createDownloader, DownloadError, extensionOf, type Download } from "../../src/media/download.js";
import { fitToLimit } from "../../src/media/fit.js";
import { guardedLookup } from "../../src/media/guarded-lookup.js";
import { createUrlPolicy, falStorageCheck, isPrivateAddress } from "../../src/media/url-policy.js";
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
  if (req.url === "/moved") return res.writeHead(302, { location: "/small" }).end();
  if (req.url === "/away") return res.writeHead(302, { location: `${stranger.base}/small` }).end();
  if (req.url === "/metadata") return res.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" }).end();
  if (req.url === "/loop") return res.writeHead(307, { location: "/loop" }).end();
  res.writeHead(404).end();
});

/** A server on loopback that is not a configured origin: nothing may reach it. */
const stranger = localServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(10)));

/** The downloader as the bot builds it, with the local server as its configured origin. */
const download: Download = (url, options) => createDownloader([local.base])(url, options);

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

  it("follows a redirect within the allowed hosts", async () => {
    const file = await download(`${local.base}/moved`, { maxBytes: 1000, timeoutMs: 2000 });
    expect(file.bytes.byteLength).toBe(100);
  });

  it("refuses a redirect off the allowed hosts before connecting, and endless redirects", async () => {
    for (const path of ["/away", "/metadata", "/loop"]) {
      expect((await failure(download(`${local.base}${path}`, { maxBytes: 1000, timeoutMs: 2000 }))).reason, path).toBe("refused");
    }
    expect((await failure(download(`${stranger.base}/small`, { maxBytes: 1000, timeoutMs: 2000 }))).reason).toBe("refused");
    expect(stranger.connections).toBe(0);
  });
});

describe("the download URL policy", () => {
  const policy = createUrlPolicy(["http://127.0.0.1:8080", "http://fal-proxy.internal:9000/"]);
  it.each([
    ["https://cdn.discordapp.com/attachments/1/2/a.png?ex=1&is=2&hm=3", true],
    ["https://media.discordapp.net/attachments/1/2/a.png", true],
    ["https://images-ext-1.discordapp.net/external/abc/https/example.com/a.png", true],
    ["https://discordapp.net.example.com/a.png", false],
    ["https://fal.media/files/a.png", true],
    ["https://v3.fal.media/files/rabbit/a.png", true],
    ["https://v3b.fal.media/files/b/0a90d776/a.png", true],
    ["https://storage.googleapis.com/falserverless/example_outputs/a.png", true],
    ["http://127.0.0.1:8080/cdn/a.png", true],
    ["http://fal-proxy.internal:9000/cdn/a.png", true],
    ["http://cdn.discordapp.com/attachments/a.png", false],
    ["https://cdn.discordapp.com:8443/attachments/a.png", false],
    ["https://user:secret@cdn.discordapp.com/a.png", false],
    ["https://storage.googleapis.com/someone-else/a.png", false],
    ["https://evilfal.media/a.png", false],
    ["https://fal.media.example.com/a.png", false],
    ["https://example.com/a.png", false],
    ["http://169.254.169.254/latest/meta-data/", false],
    ["https://127.0.0.1/a.png", false],
    ["http://127.0.0.1:8081/cdn/a.png", false],
    ["https://[::1]/a.png", false],
    ["https://10.0.0.5/a.png", false],
    ["file:///etc/passwd", false],
    ["data:image/png;base64,AAAA", false],
    ["not a url", false],
  ])("%s → allowed: %s", (url, allowed) => {
    expect(policy.refusal(url) === undefined).toBe(allowed);
  });

  it.each([
    ["127.0.0.1", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["::1", true],
    ["::", true],
    ["fd00::1", true],
    ["fe80::1", true],
    ["::ffff:127.0.0.1", true],
    ["8.8.8.8", false],
    ["2606:4700::1111", false],
  ])("%s is private: %s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it("refuses a name that resolves into the private network, unless it is a configured origin's host", async () => {
    const resolve = (mayBePrivate: boolean) =>
      new Promise<string>((done, fail) =>
        guardedLookup(() => mayBePrivate)("localhost", { family: 4 }, (error, address) => (error ? fail(error) : done(String(address)))),
      );
    await expect(resolve(false)).rejects.toThrow(/private address 127\.0\.0\.1/);
    await expect(resolve(true)).resolves.toBe("127.0.0.1");
  });
});

describe("fal storage links (where a style's images are kept)", () => {
  it("are fal's hosts over https, or the configured fal proxy's origin", () => {
    const isFal = falStorageCheck("http://127.0.0.1:9000/proxy");
    for (const url of [
      "https://v3.fal.media/files/a/b.png",
      "https://fal.media/files/a.png",
      "https://storage.googleapis.com/falserverless/x/a.png",
      "http://127.0.0.1:9000/cdn/a.png",
    ]) {
      expect(isFal(url), url).toBe(true);
    }
    for (const url of [
      "http://v3.fal.media/files/a.png",
      "https://v3.fal.media:8443/files/a.png",
      "https://user:pw@v3.fal.media/files/a.png",
      "https://fal.media.evil.example/a.png",
      "https://evilfal.media/a.png",
      "https://storage.googleapis.com/other-bucket/a.png",
      "https://cdn.discordapp.com/attachments/1/2/a.png",
      "http://127.0.0.1:9001/cdn/a.png",
      "not a url",
    ]) {
      expect(isFal(url), url).toBe(false);
    }
    expect(falStorageCheck()("http://127.0.0.1:9000/cdn/a.png")).toBe(false);
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
    expect(fitted.adjustment?.kind).toMatch(/^(scaled|reencoded)$/);
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
