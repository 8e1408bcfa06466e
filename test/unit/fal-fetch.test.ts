import { describe, expect, it } from "vitest";
import { falFetch } from "../../src/fal/fetch.js";
import { closedAddress, localServer } from "./local-server.js";

const seen: { accept?: string | string[]; body: string }[] = [];

const local = localServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    seen.push({ accept: req.headers.accept, body });
    if (req.url === "/moved") return res.writeHead(307, { location: "/json" }).end();
    if (req.url === "/json") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, body }));
    // A large error page, more than undici buffers before it waits for the reader.
    if (req.url === "/busy") return res.writeHead(503, { "content-type": "text/html" }).end("x".repeat(1024 * 1024));
    res.writeHead(404).end();
  });
});

describe("falFetch", () => {
  it("answers as fetch does: status, headers, JSON body, a redirect followed, one Accept header however it was spelled", async () => {
    const response = await falFetch(`${local.base}/moved`, {
      method: "POST",
      headers: { Accept: "application/json", accept: "text/event-stream", "content-type": "application/json" },
      body: JSON.stringify({ prompt: "a cat" }),
    });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(await response.json()).toEqual({ ok: true, body: '{"prompt":"a cat"}' });
    expect(seen.at(-1)!.accept).toBe("application/json, text/event-stream");
  });

  it("fails to connect as fetch does, with TypeError: fetch failed", async () => {
    const error = await falFetch(`${await closedAddress()}/json`).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("fetch failed");
  });

  it("reads an error's body at once (fal's client may never read it), and keeps it for a caller who does", async () => {
    const response = await falFetch(`${local.base}/busy`);
    expect([response.ok, response.status, response.statusText]).toEqual([false, 503, "Service Unavailable"]);
    // Never read by the caller; the next requests still get answers on the same origin.
    const next = await Promise.all(Array.from({ length: 20 }, () => falFetch(`${local.base}/json`).then((r) => r.status)));
    expect(next.every((status) => status === 200)).toBe(true);
    expect((await response.text()).length).toBe(1024 * 1024);
  });
});
