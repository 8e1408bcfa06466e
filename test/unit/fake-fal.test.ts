// The fake fal, driven by the real @fal-ai/client configured exactly as the bot configures it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, type QueueStatus, ValidationError } from "@fal-ai/client";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFal, type FalClient } from "../../src/fal/client.js";
import { classifyFalError } from "../../src/fal/errors.js";
import {
  FAKE_FAL_KEY,
  type FakeFal,
  type FakeFalOptions,
  type FalEndpointId,
  falEndpointSchemas,
  type OutputImage,
  startFakeFal,
} from "../fakes/fal/index.js";

interface GeminiOut {
  images: OutputImage[];
  description: string;
}

const fakes: FakeFal[] = [];
async function fakeFal(options: FakeFalOptions = { queueMs: 30, runMs: 40 }): Promise<{ fake: FakeFal; fal: FalClient }> {
  const fake = await startFakeFal(options);
  fakes.push(fake);
  return { fake, fal: createFal({ FAL_KEY: fake.key, FAL_PROXY_URL: fake.url }) };
}
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

// Loosely typed wrappers: the tests send inputs fal's typings would refuse.
async function submit(fal: FalClient, endpoint: string, input: Record<string, unknown>): Promise<string> {
  const queued = await fal.queue.submit(endpoint, { input });
  return queued.request_id;
}
async function result<T>(fal: FalClient, endpoint: string, requestId: string): Promise<T> {
  const { data } = await fal.queue.result(endpoint, { requestId });
  return data as T;
}
async function failure(promise: Promise<unknown>): Promise<ApiError<unknown>> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}
function completed(fake: FakeFal, requestId: string): Promise<void> {
  if (fake.jobs.get(requestId)?.state === "COMPLETED") return Promise.resolve();
  return new Promise((resolve) => {
    const onCompleted = (e: { requestId: string }): void => {
      if (e.requestId !== requestId) return;
      fake.events.off("completed", onCompleted);
      resolve();
    };
    fake.events.on("completed", onCompleted);
  });
}
async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#808080" } }).png().toBuffer();
}
async function download(url: string): Promise<{ status: number; type: string | null; data: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get("content-type"), data: Buffer.from(await response.arrayBuffer()) };
}

describe("fake fal: a generation end to end", () => {
  it("submit → SSE status stream → result → CDN download, ~4 requests on the wire", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 300, runMs: 150, logLines: 3 });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "a cat", aspect_ratio: "16:9" });

    const stream = await fal.queue.streamStatus("fal-ai/nano-banana", { requestId, logs: true });
    const updates: QueueStatus[] = [];
    stream.on("data", (s: QueueStatus) => updates.push(s));
    const done = await stream.done();
    expect(done?.status).toBe("COMPLETED");

    const states = updates.map((u) => u.status);
    expect(states[0]).toBe("IN_QUEUE");
    expect(states.at(-1)).toBe("COMPLETED");
    expect(states.indexOf("IN_PROGRESS")).toBeGreaterThan(states.lastIndexOf("IN_QUEUE"));
    const positions = updates.flatMap((u) => (u.status === "IN_QUEUE" ? [u.queue_position] : []));
    expect(positions.at(-1)).toBe(0);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    expect(new Set(positions).size).toBe(positions.length);
    const logs = updates.flatMap((u) => (u.status === "IN_PROGRESS" ? u.logs : []));
    expect(logs.map((l) => l.message)).toEqual(["Generating (1/3)", "Generating (2/3)", "Generating (3/3)"]);
    expect(logs[0]).toMatchObject({ level: "INFO", source: "USER" });
    const last = updates.at(-1);
    expect(last).toMatchObject({ status: "COMPLETED", logs: [], metrics: { inference_time: expect.any(Number) } });

    const output = await result<GeminiOut>(fal, "fal-ai/nano-banana", requestId);
    expect(output.description).toContain("a cat");
    expect(output.images).toHaveLength(1);
    const [image] = output.images;
    // Gemini 2.5 Flash Image's published output_format default is jpeg.
    expect(image).toMatchObject({ content_type: "image/jpeg", width: 1344, height: 768 });
    expect(image?.url.startsWith(fake.origin + "/cdn/")).toBe(true);
    const file = await download(image!.url);
    expect(file).toMatchObject({ status: 200, type: "image/jpeg" });
    expect(file.data.length).toBe(image?.file_size);
    const meta = await sharp(file.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1344, 768]);

    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([
      ["submit", 200],
      ["stream", 200],
      ["result", 200],
      ["cdn", 200],
    ]);
    const [sub, str, res] = fake.requests;
    expect(sub).toMatchObject({ method: "POST", targetUrl: "https://queue.fal.run/fal-ai/nano-banana", requestId });
    expect(sub?.body).toEqual({ prompt: "a cat", aspect_ratio: "16:9" });
    expect(str?.targetUrl).toBe(`https://queue.fal.run/fal-ai/nano-banana/requests/${requestId}/status/stream?logs=1`);
    expect(res?.targetUrl).toBe(`https://queue.fal.run/fal-ai/nano-banana/requests/${requestId}`);
    expect(fake.jobs.get(requestId)).toMatchObject({ state: "COMPLETED", endpoint: "fal-ai/nano-banana", cancelled: false });
  });

  it("an edit endpoint: status and result drop the sub-path; polling with logs works; the sub-path URL 404s", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 30, runMs: 150, logLines: 2 });
    const input = fake.upload(await png(300, 200), "image/png");
    const endpoint = "fal-ai/nano-banana/edit";
    const queued = await fal.queue.submit(endpoint, { input: { prompt: "make it blue", image_urls: [input] } });
    const base = `https://queue.fal.run/fal-ai/nano-banana/requests/${queued.request_id}`;
    expect(queued).toMatchObject({ status_url: `${base}/status`, response_url: base, cancel_url: `${base}/cancel` });

    const seen: QueueStatus[] = [];
    const final = await fal.queue.subscribeToStatus(endpoint, {
      requestId: queued.request_id,
      logs: true,
      pollInterval: 10,
      onQueueUpdate: (s) => seen.push(s),
    });
    expect(final.status).toBe("COMPLETED");
    expect(seen.some((s) => s.status === "IN_PROGRESS" && s.logs.length > 0)).toBe(true);
    const polls = fake.requests.filter((r) => r.route === "status");
    expect(polls.every((r) => r.targetUrl === `${base}/status?logs=1`)).toBe(true);
    expect(polls.at(-1)?.status).toBe(200);
    expect(polls.slice(0, -1).every((r) => r.status === 202)).toBe(true);

    const output = await result<GeminiOut>(fal, endpoint, queued.request_id);
    // aspect_ratio defaults to auto: the input's 3:2 shape.
    expect(output.images[0]).toMatchObject({ width: 1248, height: 832 });
    expect(fake.requests.find((r) => r.route === "result")?.targetUrl).toBe(base);
    expect(fake.requests.find((r) => r.route === "input-fetch")).toMatchObject({ targetUrl: input, status: 200 });

    const wrong = await fetch(fake.url, {
      headers: {
        authorization: `Key ${fake.key}`,
        "x-fal-target-url": `https://queue.fal.run/${endpoint}/requests/${queued.request_id}/status`,
      },
    });
    expect(wrong.status).toBe(404);
    const wrongResult = await fetch(fake.url, {
      headers: { authorization: `Key ${fake.key}`, "x-fal-target-url": `https://queue.fal.run/${endpoint}/requests/${queued.request_id}` },
    });
    expect(wrongResult.status).toBe(404);
  });
});

describe("fake fal: rejections at submit", () => {
  let fake: FakeFal;
  let fal: FalClient;
  beforeAll(async () => {
    fake = await startFakeFal({ queueMs: 0, runMs: 0 });
    fal = createFal({ FAL_KEY: FAKE_FAL_KEY, FAL_PROXY_URL: fake.url });
  });
  afterAll(() => fake.close());

  it("422 with pydantic-style fieldErrors: a bad enum, a missing prompt, an unknown field, a count out of range", async () => {
    const badEnum = await failure(submit(fal, "fal-ai/nano-banana", { prompt: "x", aspect_ratio: "7:3" }));
    expect(badEnum).toBeInstanceOf(ValidationError);
    expect(badEnum.status).toBe(422);
    const [enumError] = (badEnum as ValidationError).getFieldErrors("aspect_ratio");
    expect(enumError).toMatchObject({ loc: ["body", "aspect_ratio"], type: "literal_error" });
    expect(enumError?.msg).toContain("'16:9'");

    const missing = (await failure(submit(fal, "fal-ai/nano-banana", { aspect_ratio: "1:1" }))) as ValidationError;
    expect(missing.fieldErrors).toEqual([
      { loc: ["body", "prompt"], msg: "Field required", type: "missing", input: { aspect_ratio: "1:1" } },
    ]);

    const extra = (await failure(submit(fal, "fal-ai/nano-banana", { prompt: "x", style: "noir" }))) as ValidationError;
    expect(extra.fieldErrors).toEqual([
      { loc: ["body", "style"], msg: "Extra inputs are not permitted", type: "extra_forbidden", input: "noir" },
    ]);

    const many = (await failure(submit(fal, "fal-ai/nano-banana-pro", { prompt: "x", num_images: 5 }))) as ValidationError;
    expect(many.getFieldErrors("num_images")[0]).toMatchObject({ type: "less_than_equal" });

    const steps = (await failure(
      submit(fal, "fal-ai/firered-image-edit-v1.1", { prompt: "x", image_urls: ["https://x/y.png"], num_inference_steps: 51, output_format: "webp" }),
    )) as ValidationError;
    expect(steps.fieldErrors.map((e) => e.loc.at(-1)).sort()).toEqual(["num_inference_steps", "output_format"]);

    const noImages = (await failure(submit(fal, "fal-ai/nano-banana/edit", { prompt: "x", image_urls: [] }))) as ValidationError;
    expect(noImages.getFieldErrors("image_urls")[0]).toMatchObject({ type: "too_short" });
    expect(fake.requests.filter((r) => r.route === "submit").every((r) => r.status === 422)).toBe(true);
    expect(fake.jobs.size).toBe(0);
  });

  it("401 for a wrong key, without retrying", async () => {
    const stranger = createFal({ FAL_KEY: "wrong-key:wrong-secret", FAL_PROXY_URL: fake.url });
    const before = fake.requests.length;
    const error = await failure(submit(stranger, "fal-ai/nano-banana", { prompt: "x" }));
    expect(error).not.toBeInstanceOf(ValidationError);
    expect(error.status).toBe(401);
    expect(error.body).toEqual({ detail: expect.any(String) });
    expect(fake.requests.slice(before).map((r) => [r.route, r.status])).toEqual([["submit", 401]]);
  });

  it("404 for an unknown endpoint and for a job asked under another app", async () => {
    expect((await failure(submit(fal, "fal-ai/flux/dev", { prompt: "x" }))).status).toBe(404);
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    expect((await failure(fal.queue.status("fal-ai/nano-banana-pro", { requestId }))).status).toBe(404);
  });
});

describe("fake fal: input images", () => {
  let images: Server;
  let imagesOrigin: string;
  beforeAll(async () => {
    const body = await png(200, 400);
    images = createServer((req, res) => {
      if (req.url === "/ok.png") res.writeHead(200, { "content-type": "image/png", "content-length": body.length }).end(body);
      else if (req.url === "/page.html") res.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
    imagesOrigin = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => images.close(() => resolve())));

  it("an input URL that 404s fails the run: COMPLETED, and the result is a 422 file_download_error", async () => {
    const { fake, fal } = await fakeFal();
    const bad = `${imagesOrigin}/missing.png`;
    const requestId = await submit(fal, "fal-ai/nano-banana/edit", { prompt: "x", image_urls: [`${imagesOrigin}/ok.png`, bad] });
    const stream = await fal.queue.streamStatus("fal-ai/nano-banana/edit", { requestId });
    expect((await stream.done())?.status).toBe("COMPLETED");
    const error = (await failure(fal.queue.result("fal-ai/nano-banana/edit", { requestId }))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual([
      {
        loc: ["body", "image_urls", 1],
        msg: "Failed to download the file. Please check if the URL is accessible.",
        type: "file_download_error",
        input: bad,
      },
    ]);
    const fetches = fake.requests.filter((r) => r.route === "input-fetch").map((r) => [r.targetUrl, r.status]);
    expect(fetches).toEqual(expect.arrayContaining([[`${imagesOrigin}/ok.png`, 200], [bad, 404]]));
  });

  it("a non-image content type and a refused URL fail the same way; gemini-flash-edit reports image_url", async () => {
    const { fake, fal } = await fakeFal();
    const html = `${imagesOrigin}/page.html`;
    const first = await submit(fal, "fal-ai/gemini-flash-edit", { prompt: "x", image_url: html });
    const refused = fake.upload(await png(10, 10), "image/png");
    fake.refuseUrl(refused);
    const second = await submit(fal, "fal-ai/firered-image-edit-v1.1", { prompt: "x", image_urls: [refused] });
    await Promise.all([completed(fake, first), completed(fake, second)]);
    const one = (await failure(fal.queue.result("fal-ai/gemini-flash-edit", { requestId: first }))) as ValidationError;
    expect(one.fieldErrors[0]).toMatchObject({ loc: ["body", "image_url"], type: "file_download_error", input: html });
    const two = (await failure(fal.queue.result("fal-ai/firered-image-edit-v1.1", { requestId: second }))) as ValidationError;
    expect(two.fieldErrors[0]).toMatchObject({ loc: ["body", "image_urls", 0], type: "file_download_error" });
    expect((await download(refused)).status).toBe(403);
    fake.acceptUrl(refused);
    expect((await download(refused)).status).toBe(200);
  });

  it("a redirected CDN URL answers 302 with its Location", async () => {
    const { fake } = await fakeFal();
    const moved = fake.upload(await png(10, 10), "image/png");
    fake.redirectUrl(moved, "http://169.254.169.254/latest/meta-data/");
    const response = await fetch(moved, { redirect: "manual" });
    expect([response.status, response.headers.get("location")]).toEqual([302, "http://169.254.169.254/latest/meta-data/"]);
    expect(fake.requests.filter((r) => r.route === "cdn").map((r) => r.status)).toEqual([302]);
  });

  it("a working input URL is fetched; FireRed's default output size is the input's size", async () => {
    const { fake, fal } = await fakeFal();
    const url = `${imagesOrigin}/ok.png`;
    const requestId = await submit(fal, "fal-ai/firered-image-edit-v1.1", { prompt: "x", image_urls: [url], output_format: "jpeg" });
    await completed(fake, requestId);
    const output = await result<{ images: OutputImage[] }>(fal, "fal-ai/firered-image-edit-v1.1", requestId);
    expect(output.images[0]).toMatchObject({ width: 200, height: 400, content_type: "image/jpeg" });
    expect(fake.jobs.get(requestId)?.inputFetches).toEqual([{ url, status: 200, contentType: "image/png", width: 200, height: 400 }]);
    const meta = await sharp((await download(output.images[0]!.url)).data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 200, 400]);
  });
  // Each endpoint's fields as fal publishes them (the saved model pages, else fal's API reference).
  describe("published schemas", () => {
    it("a seed or safety_tolerance sent to Gemini 2.5 Flash Image or Nano Banana Pro's edit is a 422; the others take them", async () => {
      // A fake of its own: the accepted jobs run (and fetch their inputs) while later tests count requests.
      const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
      const flash = ["fal-ai/nano-banana", "fal-ai/gemini-25-flash-image", "fal-ai/nano-banana/edit", "fal-ai/gemini-25-flash-image/edit", "fal-ai/nano-banana-pro/edit"];
      for (const endpoint of flash) {
        const input = { prompt: "x", ...(endpoint.endsWith("/edit") && { image_urls: ["https://x/y.png"] }) };
        for (const [field, value] of [["seed", 42], ["safety_tolerance", "2"]] as const) {
          const error = (await failure(submit(fal, endpoint, { ...input, [field]: value }))) as ValidationError;
          expect(error.fieldErrors, `${endpoint} ${field}`).toEqual([
            { loc: ["body", field], msg: "Extra inputs are not permitted", type: "extra_forbidden", input: value },
          ]);
        }
      }
      // The endpoints whose published schema has them take them.
      const accepted = [
        await submit(fal, "fal-ai/nano-banana-pro", { prompt: "x", seed: 42, safety_tolerance: "2" }),
        await submit(fal, "fal-ai/nano-banana-2", { prompt: "x", seed: 42, safety_tolerance: "2" }),
        await submit(fal, "fal-ai/firered-image-edit-v1.1", { prompt: "x", image_urls: [`${imagesOrigin}/ok.png`], seed: 42 }),
      ];
      await Promise.all(accepted.map((id) => completed(fake, id)));
      // limit_generations is on Nano Banana Pro's edit page, not on Gemini 2.5 Flash Image's.
      expect((await failure(submit(fal, "fal-ai/nano-banana", { prompt: "x", limit_generations: true }))).status).toBe(422);
    });

    it("defaults Gemini 2.5 Flash Image's output_format to jpeg, the others' to png", () => {
      const defaults = (endpoint: FalEndpointId, input: Record<string, unknown>) =>
        (falEndpointSchemas[endpoint].parse(input) as { output_format?: string }).output_format;
      const edit = { prompt: "x", image_urls: ["https://x/y.png"] };
      expect(defaults("fal-ai/nano-banana", { prompt: "x" })).toBe("jpeg");
      expect(defaults("fal-ai/gemini-25-flash-image", { prompt: "x" })).toBe("jpeg");
      expect(defaults("fal-ai/nano-banana/edit", edit)).toBe("jpeg");
      expect(defaults("fal-ai/gemini-25-flash-image/edit", edit)).toBe("jpeg");
      expect(defaults("fal-ai/nano-banana-pro", { prompt: "x" })).toBe("png");
      expect(defaults("fal-ai/nano-banana-2/edit", edit)).toBe("png");
      expect(defaults("fal-ai/firered-image-edit-v1.1", edit)).toBe("png");
    });

    it("takes FireRed's acceleration (none, regular, high) and a custom image_size {width, height}", async () => {
      const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
      const edit = { prompt: "x", image_urls: [`${imagesOrigin}/ok.png`] };
      const parsed = falEndpointSchemas["fal-ai/firered-image-edit-v1.1"].parse(edit);
      expect(parsed.acceleration).toBe("regular");
      const requestId = await submit(fal, "fal-ai/firered-image-edit-v1.1", { ...edit, acceleration: "high", image_size: { width: 1280, height: 720 } });
      await completed(fake, requestId);
      const output = await result<{ images: OutputImage[] }>(fal, "fal-ai/firered-image-edit-v1.1", requestId);
      expect(output.images[0]).toMatchObject({ width: 1280, height: 720 });
      const bad = (await failure(submit(fal, "fal-ai/firered-image-edit-v1.1", { ...edit, acceleration: "turbo" }))) as ValidationError;
      expect(bad.fieldErrors).toEqual([
        expect.objectContaining({ loc: ["body", "acceleration"], type: "literal_error", input: "turbo" }),
      ]);
    });
  });
});

describe("fake fal: storage", () => {
  it("fal.storage.upload puts the bytes on the fake CDN", async () => {
    const { fake, fal } = await fakeFal();
    const bytes = await png(64, 48);
    const url = await fal.storage.upload(new Blob([bytes], { type: "image/png" }));
    expect(url.startsWith(`${fake.origin}/cdn/`)).toBe(true);
    const file = await download(url);
    expect(file.type).toBe("image/png");
    expect(file.data.equals(bytes)).toBe(true);
    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([
      ["upload-initiate", 200],
      ["upload-put", 200],
      ["cdn", 200],
    ]);
    expect(fake.requests[0]?.targetUrl).toBe("https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3");
    expect(fake.requests[0]?.body).toMatchObject({ content_type: "image/png" });
    expect(fake.requests[1]?.bytes).toBe(bytes.length);
  });

  it("holdCdn: downloads arrive (recorded as arrivals) but are answered only once released", async () => {
    const { fake } = await fakeFal();
    const url = fake.upload(await png(8, 8), "image/png");
    const release = fake.holdCdn();
    const pending = download(url);
    const arrival = await fake.waitForArrival((a) => a.route === "cdn" && a.targetUrl === url);
    expect(arrival).toMatchObject({ method: "GET", route: "cdn" });
    // An answered download is recorded in the same turn as its arrival; this one is not.
    expect(fake.requests).toEqual([]);
    release();
    expect((await pending).type).toBe("image/png");
    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([["cdn", 200]]);
    // Released for good: later downloads are answered at once.
    await download(url);
    expect(fake.arrivals.map((a) => a.route)).toEqual(["cdn", "cdn"]);
  });
});

describe("fake fal: stalled uploads", () => {
  it("holdUploads: the PUT arrives but is answered only once released; the file is on the CDN after that", async () => {
    const { fake, fal } = await fakeFal();
    const bytes = await png(8, 8);
    const release = fake.holdUploads();
    let done = false;
    const pending = fal.storage.upload(new Blob([bytes], { type: "image/png" })).finally(() => (done = true));
    await fake.waitForArrival((a) => a.route === "upload-put");
    expect(fake.requests.map((r) => r.route)).toEqual(["upload-initiate"]);
    expect(done).toBe(false);
    release();
    const url = await pending;
    expect((await download(url)).data.equals(bytes)).toBe(true);
    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([
      ["upload-initiate", 200],
      ["upload-put", 200],
      ["cdn", 200],
    ]);
  });
});

describe("fake fal: the account's concurrency limit", () => {
  it("runs at most accountLimit requests at once; the rest wait first come first served, their positions counting down", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 20, runMs: 300, accountLimit: 2 });
    const started: string[] = [];
    let runningAtOnce = 0;
    let peak = 0;
    fake.events.on("started", (e: { requestId: string }) => {
      started.push(e.requestId);
      peak = Math.max(peak, ++runningAtOnce);
    });
    fake.events.on("completed", () => runningAtOnce--);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await submit(fal, "fal-ai/nano-banana", { prompt: `job ${i}` }));
    // The last one's stream sees its place fall as the line moves, never rise.
    const positions: number[] = [];
    const stream = await fal.queue.streamStatus("fal-ai/nano-banana", { requestId: ids[4]! });
    stream.on("data", (status: QueueStatus) => status.status === "IN_QUEUE" && positions.push(status.queue_position));

    // The three over the limit wait in line behind the two dispatched, each told how many are ahead of it.
    const waiting = await Promise.all(ids.slice(2).map((requestId) => fal.queue.status("fal-ai/nano-banana", { requestId })));
    expect(waiting.map((status) => (status.status === "IN_QUEUE" ? status.queue_position : -1))).toEqual([3, 4, 5]);

    await stream.done();
    expect(positions[0]).toBe(5);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    expect(positions.at(-1)).toBe(0);

    await Promise.all(ids.map((id) => completed(fake, id)));
    expect(peak).toBe(2);
    expect(started).toEqual(ids);
  });

  it("a cancelled request leaves the line and the ones behind it move up", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 60_000, accountLimit: 1 });
    const running = await submit(fal, "fal-ai/nano-banana", { prompt: "first" });
    const second = await submit(fal, "fal-ai/nano-banana", { prompt: "second" });
    const third = await submit(fal, "fal-ai/nano-banana", { prompt: "third" });
    const place = async (requestId: string) => {
      const status = await fal.queue.status("fal-ai/nano-banana", { requestId });
      return status.status === "IN_QUEUE" ? status.queue_position : status.status;
    };
    expect(await place(third)).toBe(4);
    await fal.queue.cancel("fal-ai/nano-banana", { requestId: second });
    expect(await place(third)).toBe(3);
    // With no time in fal's queue, the freed slot starts the third on the next timer turn: wait for that event.
    const thirdStarted = new Promise<void>((resolve) =>
      fake.events.on("started", (e: { requestId: string }) => e.requestId === third && resolve()),
    );
    await fal.queue.cancel("fal-ai/nano-banana", { requestId: running });
    expect(fake.jobs.get(third)?.dispatched).toBe(true);
    await thirdStarted;
    expect(await place(third)).toBe("IN_PROGRESS");
    await fal.queue.cancel("fal-ai/nano-banana", { requestId: third });
  });
});

describe("fake fal: cancel", () => {
  it("cancelling a never-finishing job answers 202 and ends its stream; cancelling again answers 400", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 10, runMs: 20 });
    fake.failNext({ kind: "never-finish" });
    const requestId = await submit(fal, "fal-ai/nano-banana-2", { prompt: "x" });
    const stream = await fal.queue.streamStatus("fal-ai/nano-banana-2", { requestId, logs: true });
    const running = new Promise<void>((resolve) => stream.on("data", (s: QueueStatus) => s.status === "IN_PROGRESS" && resolve()));
    await running;

    await fal.queue.cancel("fal-ai/nano-banana-2", { requestId });
    expect(fake.requests.find((r) => r.route === "cancel")).toMatchObject({ status: 202, requestId });
    await stream.done();
    expect(fake.jobs.get(requestId)).toMatchObject({ cancelled: true, state: "COMPLETED" });
    expect((await failure(fal.queue.result("fal-ai/nano-banana-2", { requestId }))).status).toBe(400);

    const again = await failure(fal.queue.cancel("fal-ai/nano-banana-2", { requestId }));
    expect([again.status, again.body]).toEqual([400, { status: "ALREADY_COMPLETED" }]);
  });

  it("cancelling after completion answers 400 ALREADY_COMPLETED", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    await completed(fake, requestId);
    const error = await failure(fal.queue.cancel("fal-ai/nano-banana", { requestId }));
    expect([error.status, error.body]).toEqual([400, { status: "ALREADY_COMPLETED" }]);
  });

  it("result before completion answers 400 still in progress", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 10, runMs: 10 });
    fake.failNext({ kind: "never-finish" });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    const error = await failure(fal.queue.result("fal-ai/nano-banana", { requestId }));
    expect([error.status, error.body]).toEqual([400, { detail: "Request is still in progress" }]);
  });
});

describe("fake fal: failure injection", () => {
  it("text-only: COMPLETED with no images and a description", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "text-only", description: "Which cat do you mean?" });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "a cat" });
    await completed(fake, requestId);
    expect(await result(fal, "fal-ai/nano-banana", requestId)).toEqual({ images: [], description: "Which cat do you mean?" });
  });

  it("nsfw on FireRed: has_nsfw_concepts true for every image", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const input = fake.upload(await png(32, 32), "image/png");
    fake.failNext({ kind: "nsfw" }, { endpoint: "fal-ai/firered-image-edit-v1.1" });
    const other = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    const requestId = await submit(fal, "fal-ai/firered-image-edit-v1.1", {
      prompt: "x",
      image_urls: [input],
      num_images: 2,
      image_size: "landscape_4_3",
      seed: 7,
    });
    await Promise.all([completed(fake, other), completed(fake, requestId)]);
    expect((await result<GeminiOut>(fal, "fal-ai/nano-banana", other)).images).toHaveLength(1);
    const output = await result<{ images: OutputImage[]; has_nsfw_concepts: boolean[]; seed: number; prompt: string }>(
      fal,
      "fal-ai/firered-image-edit-v1.1",
      requestId,
    );
    expect(output).toMatchObject({ has_nsfw_concepts: [true, true], seed: 7, prompt: "x" });
    expect(output.images.map((i) => [i.width, i.height])).toEqual([
      [1024, 768],
      [1024, 768],
    ]);
  });

  it("nsfw on chosen images only: those are flagged and black, the others as usual", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const input = fake.upload(await png(32, 32), "image/png");
    fake.failNext({ kind: "nsfw", images: [2] }, { endpoint: "fal-ai/firered-image-edit-v1.1" });
    const requestId = await submit(fal, "fal-ai/firered-image-edit-v1.1", { prompt: "x", image_urls: [input], num_images: 2 });
    await completed(fake, requestId);
    const output = await result<{ images: OutputImage[]; has_nsfw_concepts: boolean[] }>(fal, "fal-ai/firered-image-edit-v1.1", requestId);
    expect(output.has_nsfw_concepts).toEqual([false, true]);
    const brightest = await Promise.all(
      output.images.map(async (image) => {
        const { channels } = await sharp(Buffer.from(await (await fetch(image.url)).arrayBuffer())).stats();
        return Math.max(...channels.slice(0, 3).map((c) => c.max));
      }),
    );
    expect(brightest[0]).toBeGreaterThan(0);
    expect(brightest[1]).toBe(0);
  });

  it("server-error: COMPLETED, then the result answers 500", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "server-error" });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    await completed(fake, requestId);
    expect((await fal.queue.status("fal-ai/nano-banana", { requestId })).status).toBe("COMPLETED");
    const error = await failure(fal.queue.result("fal-ai/nano-banana", { requestId }));
    expect(error.status).toBe(500);
  });

  it("busy: 503 once, the client retries and the submit succeeds", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "busy", times: 1 });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([
      ["submit", 503],
      ["submit", 200],
    ]);
    expect(fake.jobs.has(requestId)).toBe(true);
  });

  it("validation, unauthorized and slow-submit at submit", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "validation", field: "prompt", msg: "Prompt flagged" });
    fake.failNext({ kind: "unauthorized" });
    fake.failNext({ kind: "slow-submit", ms: 50 });
    const invalid = (await failure(submit(fal, "fal-ai/nano-banana", { prompt: "x" }))) as ValidationError;
    expect(invalid.getFieldErrors("prompt")[0]).toMatchObject({ msg: "Prompt flagged", input: "x" });
    expect((await failure(submit(fal, "fal-ai/nano-banana", { prompt: "x" }))).status).toBe(401);
    const started = Date.now();
    const [answered, arrived] = [fake.requests.length, fake.arrivals.length];
    const slow = submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    // A held submit is an arrival at once, and a recorded request only once answered.
    await fake.waitForArrival((a) => a.route === "submit" && fake.arrivals.indexOf(a) >= arrived);
    expect(fake.requests).toHaveLength(answered);
    await slow;
    expect(fake.requests).toHaveLength(answered + 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("a failure for one input: only the submit whose body matches gets it, whatever comes first", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const isTarget = (body: unknown) => (body as { prompt?: unknown }).prompt === "target";
    fake.failNext({ kind: "validation", msg: "Prompt flagged" }, { input: isTarget });
    fake.failNext({ kind: "server-error" }, { input: isTarget });
    const bystander = await submit(fal, "fal-ai/nano-banana", { prompt: "bystander" });
    expect(fake.jobs.get(bystander)?.failure).toBeUndefined();
    const refused = (await failure(submit(fal, "fal-ai/nano-banana", { prompt: "target" }))) as ValidationError;
    expect(refused.getFieldErrors("prompt")[0]).toMatchObject({ msg: "Prompt flagged", input: "target" });
    const crashed = await submit(fal, "fal-ai/nano-banana", { prompt: "target" });
    expect(fake.jobs.get(crashed)?.failure).toEqual({ kind: "server-error" });
    const clean = await submit(fal, "fal-ai/nano-banana", { prompt: "target" });
    expect(fake.jobs.get(clean)?.failure).toBeUndefined();
  });

  it("validation with a type: fal's error type at submit, e.g. a content-policy refusal", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "validation", type: "content_policy_violation", msg: "Prompt flagged by the safety checker" });
    const error = (await failure(submit(fal, "fal-ai/nano-banana", { prompt: "x" }))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual([
      { loc: ["body", "prompt"], msg: "Prompt flagged by the safety checker", type: "content_policy_violation", input: "x" },
    ]);
    expect(classifyFalError(error)).toEqual({ kind: "content-policy", message: "Prompt flagged by the safety checker" });
    expect(fake.jobs.size).toBe(0);
  });

  it("validation when result: the submit is taken, the job COMPLETES, and the result answers the 422", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const msg = "The generated image was flagged by the content checker";
    fake.failNext({ kind: "validation", type: "content_policy_violation", msg, when: "result" });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "a forbidden thing" });
    await completed(fake, requestId);
    expect((await fal.queue.status("fal-ai/nano-banana", { requestId })).status).toBe("COMPLETED");
    const error = (await failure(fal.queue.result("fal-ai/nano-banana", { requestId }))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(error.fieldErrors).toEqual([
      { loc: ["body", "prompt"], msg, type: "content_policy_violation", input: "a forbidden thing" },
    ]);
    expect(classifyFalError(error)).toEqual({ kind: "content-policy", message: msg });
    expect(fake.jobs.get(requestId)?.result?.status).toBe(422);
    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([
      ["submit", 200],
      ["status", 200],
      ["result", 422],
    ]);
    // Only that job: the next one succeeds.
    const next = await submit(fal, "fal-ai/nano-banana", { prompt: "y" });
    await completed(fake, next);
    expect((await result<GeminiOut>(fal, "fal-ai/nano-banana", next)).images).toHaveLength(1);
  });

  it.each(["end", "reset"] as const)("stream-break (%s): the stream stops after its first event; polling still completes", async (how) => {
    const { fake, fal } = await fakeFal({ queueMs: 150, runMs: 100 });
    fake.failNext({ kind: "stream-break", how });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    const stream = await fal.queue.streamStatus("fal-ai/nano-banana", { requestId, logs: true });
    const updates: QueueStatus[] = [];
    stream.on("data", (s: QueueStatus) => updates.push(s));
    if (how === "end") {
      expect((await stream.done())?.status).toBe("IN_QUEUE");
    } else {
      const error: unknown = await stream.done().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
    }
    expect(updates.map((u) => u.status)).toEqual(["IN_QUEUE"]);
    expect(fake.jobs.get(requestId)?.state).not.toBe("COMPLETED");

    const final = await fal.queue.subscribeToStatus("fal-ai/nano-banana", { requestId, logs: true, pollInterval: 10 });
    expect(final.status).toBe("COMPLETED");
    expect((await result<GeminiOut>(fal, "fal-ai/nano-banana", requestId)).images).toHaveLength(1);
    expect(updates).toHaveLength(1);
    const routes = fake.requests.map((r) => r.route);
    expect(routes.slice(0, 3)).toEqual(["submit", "stream", "status"]);
    expect(routes.at(-1)).toBe("result");

    // Only that job: a new job's stream runs to COMPLETED.
    const next = await submit(fal, "fal-ai/nano-banana", { prompt: "y" });
    const whole = await fal.queue.streamStatus("fal-ai/nano-banana", { requestId: next });
    expect((await whole.done())?.status).toBe("COMPLETED");
  });

  it("forbidden: 403 at submit with fal's locked-account detail, not retried", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "forbidden" });
    const error = await failure(submit(fal, "fal-ai/nano-banana", { prompt: "x" }));
    expect(error.status).toBe(403);
    expect(error.body).toEqual({ detail: expect.stringMatching(/^User is locked\. Reason: Exhausted balance/) });
    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([["submit", 403]]);
    expect(fake.jobs.size).toBe(0);
  });

  it("http-error at submit: each attempt counts; the client retries a 429 but not a 500", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "http-error", route: "submit", status: 429 });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    fake.failNext({ kind: "http-error", route: "submit", status: 500 });
    const error = await failure(submit(fal, "fal-ai/nano-banana", { prompt: "y" }));
    expect(error.status).toBe(500);
    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([
      ["submit", 429],
      ["submit", 200],
      ["submit", 500],
    ]);
    expect([...fake.jobs.keys()]).toEqual([requestId]);
  });

  it("http-error on status: the stream and the polls answer it `times` times, then the job's real status", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "http-error", route: "status", status: 503, times: 2 });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    await completed(fake, requestId);
    const stream = await fal.queue.streamStatus("fal-ai/nano-banana", { requestId });
    expect((await failure(stream.done())).status).toBe(503);
    // The client retries a status poll's 503 itself.
    expect((await fal.queue.status("fal-ai/nano-banana", { requestId })).status).toBe("COMPLETED");
    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([
      ["submit", 200],
      ["stream", 503],
      ["status", 503],
      ["status", 200],
    ]);
  });

  it("http-error on result: once COMPLETED, the result answers it `times` times", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "http-error", route: "result", status: 500, times: 2 });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    await completed(fake, requestId);
    expect((await failure(fal.queue.result("fal-ai/nano-banana", { requestId }))).status).toBe(500);
    expect((await failure(fal.queue.result("fal-ai/nano-banana", { requestId }))).status).toBe(500);
    expect((await result<GeminiOut>(fal, "fal-ai/nano-banana", requestId)).images).toHaveLength(1);
    // The fault's `times` count on its own job: the next job is untouched.
    const next = await submit(fal, "fal-ai/nano-banana", { prompt: "y" });
    await completed(fake, next);
    expect((await result<GeminiOut>(fal, "fal-ai/nano-banana", next)).images).toHaveLength(1);
  });

  it("malformed-json: a 200 whose JSON is cut off, at submit (the job is taken), on status and on result", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const notJson = async (promise: Promise<unknown>) => expect(await promise.then(() => undefined, (e: unknown) => e)).toBeInstanceOf(SyntaxError);
    fake.failNext({ kind: "malformed-json", route: "submit" });
    await notJson(submit(fal, "fal-ai/nano-banana", { prompt: "x" }));
    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([["submit", 200]]);
    const [taken] = [...fake.jobs.values()];
    expect(taken?.requestId).toBe(fake.requests[0]?.requestId);

    fake.failNext({ kind: "malformed-json", route: "status", times: 2 });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "y" });
    await completed(fake, requestId);
    // On the stream the garbled text is an event the client cannot parse; the next poll is whole.
    const stream = await fal.queue.streamStatus("fal-ai/nano-banana", { requestId });
    await notJson(stream.done());
    await notJson(fal.queue.status("fal-ai/nano-banana", { requestId }));
    expect((await fal.queue.status("fal-ai/nano-banana", { requestId })).status).toBe("COMPLETED");

    fake.failNext({ kind: "malformed-json", route: "result" });
    const third = await submit(fal, "fal-ai/nano-banana", { prompt: "z" });
    await completed(fake, third);
    await notJson(fal.queue.result("fal-ai/nano-banana", { requestId: third }));
    expect((await result<GeminiOut>(fal, "fal-ai/nano-banana", third)).images).toHaveLength(1);
  });

  it("output-missing: the job completes with output URLs that answer 404", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "output-missing" });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x", num_images: 2 });
    await completed(fake, requestId);
    const { images } = await result<GeminiOut>(fal, "fal-ai/nano-banana", requestId);
    expect(images).toHaveLength(2);
    for (const image of images) expect((await download(image.url)).status).toBe(404);
  });

  it("large-output: a PNG bigger than Discord's 10 MiB", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "large-output" });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x" });
    await completed(fake, requestId);
    const [image] = (await result<GeminiOut>(fal, "fal-ai/nano-banana", requestId)).images;
    expect(image?.file_size).toBeGreaterThan(10 * 1024 * 1024);
    const file = await download(image!.url);
    expect(file.data.length).toBe(image?.file_size);
    expect((await sharp(file.data).metadata()).format).toBe("png");
  });

  it("output-url: a normal run whose images link where the test says", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    fake.failNext({ kind: "output-url", url: "http://169.254.169.254/latest/meta-data/" });
    const requestId = await submit(fal, "fal-ai/nano-banana", { prompt: "x", num_images: 2 });
    await completed(fake, requestId);
    const output = await result<GeminiOut>(fal, "fal-ai/nano-banana", requestId);
    expect(output.images.map((image) => image.url)).toEqual(["http://169.254.169.254/latest/meta-data/", "http://169.254.169.254/latest/meta-data/"]);
    expect(output.description).toContain("2 images");
  });

  it("gemini-flash-edit answers a single image", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const input = fake.upload(await png(64, 64), "image/png");
    const requestId = await submit(fal, "fal-ai/gemini-flash-edit", { prompt: "x", image_url: input });
    await completed(fake, requestId);
    const output = await result<{ image: OutputImage; description: string }>(fal, "fal-ai/gemini-flash-edit", requestId);
    expect(output.image).toMatchObject({ width: 1024, height: 1024, content_type: "image/png" });
    expect(output.description).toEqual(expect.any(String));
    expect(output).not.toHaveProperty("images");
  });
});

describe("fake fal: SeedVR2's upscaler", () => {
  it("multiplies the input's sides by upscale_factor (or reaches a target resolution) and answers { image, seed }", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const input = fake.upload(await png(96, 64), "image/png");
    const endpoint = "fal-ai/seedvr/upscale/image";
    const cases: [Record<string, unknown>, [number, number], string][] = [
      [{ image_url: input, upscale_mode: "factor", upscale_factor: 2.5 }, [240, 160], "jpeg"],
      [{ image_url: input, upscale_factor: 4, output_format: "png" }, [384, 256], "png"],
      [{ image_url: input, upscale_mode: "target", target_resolution: "720p" }, [1080, 720], "jpeg"],
    ];
    for (const [body, [width, height], format] of cases) {
      const requestId = await submit(fal, endpoint, body);
      await completed(fake, requestId);
      const output = await result<{ image: OutputImage; seed: number }>(fal, endpoint, requestId);
      expect(output).not.toHaveProperty("images");
      expect(output.seed).toEqual(expect.any(Number));
      expect([output.image.width, output.image.height]).toEqual([width, height]);
      const meta = await sharp((await download(output.image.url)).data).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([format, width, height]);
    }
  });

  it("is strict like fal: a prompt, a factor over 10, an unknown format or no image is a 422", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const input = fake.upload(await png(32, 32), "image/png");
    const bad: [Record<string, unknown>, (string | number)[]][] = [
      [{ image_url: input, prompt: "sharper" }, ["body", "prompt"]],
      [{ image_url: input, upscale_factor: 12 }, ["body", "upscale_factor"]],
      [{ image_url: input, output_format: "gif" }, ["body", "output_format"]],
      [{ image_urls: [input] }, ["body", "image_url"]],
    ];
    for (const [body, loc] of bad) {
      const error = await failure(submit(fal, "fal-ai/seedvr/upscale/image", body));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.map((e) => e.loc)).toContainEqual(loc);
    }
    expect(fake.jobs.size).toBe(0);
  });
});

describe("fake fal: Bria's background removal", () => {
  const endpoint = "fal-ai/bria/background/remove";
  const ground = { r: 245, g: 245, b: 240 };
  const subject = { r: 200, g: 40, b: 60 };
  /** A light ground with a square subject at [16, 8] to [47, 39]. */
  async function scene(): Promise<Buffer> {
    const square = await sharp({ create: { width: 32, height: 32, channels: 3, background: subject } }).png().toBuffer();
    return sharp({ create: { width: 80, height: 48, channels: 3, background: ground } })
      .composite([{ input: square, left: 16, top: 8 }])
      .jpeg({ quality: 95 })
      .toBuffer();
  }

  it("answers { image }, a PNG of the input's size, the corner's colour transparent and the subject opaque", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const input = fake.upload(await scene(), "image/jpeg");
    const requestId = await submit(fal, endpoint, { image_url: input });
    await completed(fake, requestId);
    const output = await result<{ image: OutputImage }>(fal, endpoint, requestId);
    expect(Object.keys(output)).toEqual(["image"]);
    expect(output.image).toMatchObject({ content_type: "image/png", width: 80, height: 48 });
    const { data, info } = await sharp((await download(output.image.url)).data).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([80, 48, 4]);
    const pixel = (x: number, y: number) => [...data.subarray((y * 80 + x) * 4, (y * 80 + x) * 4 + 4)];
    for (const [x, y] of [[0, 0], [79, 0], [0, 47], [79, 47], [60, 24]]) expect(pixel(x!, y!)[3]).toBe(0);
    for (const [x, y] of [[17, 9], [31, 24], [46, 38]]) {
      const [r, g, b, alpha] = pixel(x!, y!);
      expect(alpha).toBe(255);
      expect(Math.abs(r! - subject.r) + Math.abs(g! - subject.g) + Math.abs(b! - subject.b)).toBeLessThan(30);
    }
  });

  it("leaves the rectangle of the fake's own output on transparency", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const made = await submit(fal, "fal-ai/nano-banana", { prompt: "a fox" });
    await completed(fake, made);
    const { images } = await result<GeminiOut>(fal, "fal-ai/nano-banana", made);
    const requestId = await submit(fal, endpoint, { image_url: images[0]!.url, sync_mode: true });
    await completed(fake, requestId);
    const { image } = await result<{ image: OutputImage }>(fal, endpoint, requestId);
    expect(image.url).toMatch(/^data:image\/png;base64,/);
    const { data, info } = await sharp(Buffer.from(image.url.split(",")[1]!, "base64")).raw().toBuffer({ resolveWithObject: true });
    const alpha = (x: number, y: number) => data[(y * info.width + x) * 4 + 3];
    expect([alpha(0, 0), alpha(info.width - 1, info.height - 1), alpha(info.width / 2, info.height / 2)]).toEqual([0, 0, 255]);
  });

  it("is strict like fal: no image_url, a prompt or image_urls is a 422", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const input = fake.upload(await png(32, 32), "image/png");
    const bad: [Record<string, unknown>, (string | number)[]][] = [
      [{}, ["body", "image_url"]],
      [{ image_url: input, prompt: "the fox" }, ["body", "prompt"]],
      [{ image_urls: [input] }, ["body", "image_url"]],
      [{ image_url: input, sync_mode: "yes" }, ["body", "sync_mode"]],
    ];
    for (const [body, loc] of bad) {
      const error = await failure(submit(fal, endpoint, body));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.map((e) => e.loc)).toContainEqual(loc);
    }
    expect(fake.jobs.size).toBe(0);
  });
});

describe("fake fal: every endpoint accepts a minimal valid input", () => {
  let fake: FakeFal;
  let fal: FalClient;
  let image: string;
  beforeAll(async () => {
    fake = await startFakeFal({ queueMs: 0, runMs: 0, logLines: 1 });
    fal = createFal({ FAL_KEY: FAKE_FAL_KEY, FAL_PROXY_URL: fake.url });
    image = fake.upload(await png(48, 48), "image/png");
  });
  afterAll(() => fake.close());

  const minimal: Record<FalEndpointId, (image: string) => Record<string, unknown>> = {
    "fal-ai/nano-banana": () => ({ prompt: "x" }),
    "fal-ai/nano-banana/edit": (url) => ({ prompt: "x", image_urls: [url] }),
    "fal-ai/gemini-25-flash-image": () => ({ prompt: "x" }),
    "fal-ai/gemini-25-flash-image/edit": (url) => ({ prompt: "x", image_urls: [url] }),
    "fal-ai/nano-banana-pro": () => ({ prompt: "x" }),
    "fal-ai/nano-banana-pro/edit": (url) => ({ prompt: "x", image_urls: [url] }),
    "fal-ai/nano-banana-2": () => ({ prompt: "x" }),
    "fal-ai/nano-banana-2/edit": (url) => ({ prompt: "x", image_urls: [url] }),
    "fal-ai/gemini-flash-edit": (url) => ({ prompt: "x", image_url: url }),
    "fal-ai/firered-image-edit-v1.1": (url) => ({ prompt: "x", image_urls: [url] }),
    "openrouter/router/vision": (url) => ({ prompt: "x", image_urls: [url], model: "google/gemini-2.5-flash" }),
    "fal-ai/seedvr/upscale/image": (url) => ({ image_url: url }),
    "fal-ai/bria/background/remove": (url) => ({ image_url: url }),
  };

  it("covers every schema", () => {
    expect(Object.keys(minimal).sort()).toEqual(Object.keys(falEndpointSchemas).sort());
  });

  it.each(Object.entries(minimal))("%s", async (endpoint, input) => {
    const requestId = await submit(fal, endpoint, input(image));
    await completed(fake, requestId);
    const output = await result<Record<string, unknown>>(fal, endpoint, requestId);
    if (endpoint === "openrouter/router/vision") expect(output.output).toEqual(expect.any(String));
    else expect(output.image ?? (output.images as unknown[])[0]).toMatchObject({ url: expect.stringContaining("/cdn/") });
  });

  it("sizes follow aspect_ratio and resolution", async () => {
    const cases: [string, Record<string, unknown>, [number, number]][] = [
      ["fal-ai/nano-banana-pro", { prompt: "x", aspect_ratio: "9:16", resolution: "2K" }, [1536, 2688]],
      ["fal-ai/nano-banana-2", { prompt: "x", aspect_ratio: "4:1", resolution: "0.5K", num_images: 2 }, [1024, 256]],
      ["fal-ai/nano-banana-2", { prompt: "x", output_format: "webp" }, [1024, 1024]],
    ];
    for (const [endpoint, input, [width, height]] of cases) {
      const requestId = await submit(fal, endpoint, input);
      await completed(fake, requestId);
      const { images } = await result<GeminiOut>(fal, endpoint, requestId);
      expect(images).toHaveLength(Number(input.num_images ?? 1));
      expect(images.map((i) => [i.width, i.height])).toEqual(images.map(() => [width, height]));
      const meta = await sharp((await download(images[0]!.url)).data).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([input.output_format ?? "png", width, height]);
    }
  });
});

describe("fake fal: openrouter/router/vision", () => {
  const endpoint = "openrouter/router/vision";

  it("refuses what fal's schema refuses: no model, an unknown field, a temperature over 2, no image list", async () => {
    const { fake, fal } = await fakeFal();
    const image = fake.upload(await png(32, 32), "image/png");
    const cases: [Record<string, unknown>, (string | number)[], string][] = [
      [{ prompt: "x", image_urls: [image] }, ["body", "model"], "missing"],
      [{ prompt: "x", image_urls: [image], model: "google/gemini-2.5-flash", seed: 1 }, ["body", "seed"], "extra_forbidden"],
      [{ prompt: "x", image_urls: [image], model: "google/gemini-2.5-flash", temperature: 3 }, ["body", "temperature"], "less_than_equal"],
      [{ prompt: "x", model: "google/gemini-2.5-flash" }, ["body", "image_urls"], "missing"],
    ];
    for (const [input, loc, type] of cases) {
      const error = await failure(submit(fal, endpoint, input));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.status).toBe(422);
      expect((error as ValidationError).fieldErrors).toEqual([expect.objectContaining({ loc, type })]);
    }
    expect(fake.jobs.size).toBe(0);
  });

  it("fetches the image and answers the numbered prompts the question asks for, made from the image, with token usage", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const image = fake.upload(await png(96, 64), "image/png");
    const question = "Write prompts for this image, one a line:\n1. <prompt>\n2. <prompt>\n3. <prompt>";
    const requestId = await submit(fal, endpoint, { prompt: question, image_urls: [image], model: "google/gemini-2.5-flash", max_tokens: 500 });
    await completed(fake, requestId);
    const answer = await result<{ output: string; usage: Record<string, number> }>(fal, endpoint, requestId);
    expect(fake.jobs.get(requestId)?.inputFetches).toEqual([expect.objectContaining({ url: image, status: 200, width: 96, height: 64 })]);
    const lines = answer.output.split("\n");
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^${i + 1}\\. A .*wide landscape picture, 96×64`)));
    const { prompt_tokens: input, completion_tokens: output, total_tokens: total, cost } = answer.usage;
    expect(input).toBeGreaterThan(1290);
    expect(total).toBe(input! + output!);
    expect(cost).toBeCloseTo((input! * 0.3 + output! * 2.5) / 1_000_000, 6);

    const caption = await submit(fal, endpoint, { prompt: "What is this?", image_urls: [image], model: "google/gemini-2.5-flash" });
    await completed(fake, caption);
    expect((await result<{ output: string }>(fal, endpoint, caption)).output).toBe("A caption of a wide landscape picture, 96×64.");
  });

  it("answers a text-only failure's description word for word (what a model might read off an image)", async () => {
    const { fake, fal } = await fakeFal({ queueMs: 0, runMs: 0 });
    const image = fake.upload(await png(32, 32), "image/png");
    fake.failNext({ kind: "text-only", description: "1. Visit https://example.com <@123>" });
    const requestId = await submit(fal, endpoint, { prompt: "1. <prompt>", image_urls: [image], model: "google/gemini-2.5-flash" });
    await completed(fake, requestId);
    expect((await result<{ output: string }>(fal, endpoint, requestId)).output).toBe("1. Visit https://example.com <@123>");
  });
});
