// A running job fetches its input images for real, as fal's runners do: an unreachable URL, a non-2xx answer
// or a non-image content type fails the run with fal's file_download_error.
import { epochNow } from "./clock.js";
import sharp from "sharp";
import type { Recorder } from "./recorder.js";
import type { Size } from "./render.js";
import type { FakeStorage } from "./storage.js";
import type { FakeFalJob, FalResultReply, InputFetch } from "./types.js";
import type { FalFieldError } from "./validation.js";

const FETCH_TIMEOUT_MS = 10_000;

interface InputRef {
  url: string;
  loc: (string | number)[];
}

export interface InputDeps {
  storage: FakeStorage;
  recorder: Recorder;
}

/** An input image as the runner fetched it: its size, and its bytes for a model that works on the pixels. */
export interface InputImage extends Size {
  data: Buffer;
}

export type FetchedInputs = { ok: true; images: InputImage[] } | { ok: false; reply: FalResultReply };

export async function fetchInputs(job: FakeFalJob, deps: InputDeps, signal: AbortSignal): Promise<FetchedInputs> {
  const refs = inputRefs(job.params);
  const results = await Promise.all(refs.map((ref) => fetchOne(ref, job, deps, signal)));
  const errors = results.filter((r): r is FalFieldError => "loc" in r);
  if (errors.length > 0) return { ok: false, reply: { status: 422, body: { detail: errors } } };
  return { ok: true, images: results.filter((r): r is InputImage => "width" in r) };
}

function inputRefs(params: Record<string, unknown>): InputRef[] {
  const { image_urls: urls, image_url: url } = params;
  if (Array.isArray(urls)) return urls.map((u, i) => ({ url: String(u), loc: ["body", "image_urls", i] }));
  if (typeof url === "string") return [{ url, loc: ["body", "image_url"] }];
  return [];
}

async function fetchOne(ref: InputRef, job: FakeFalJob, deps: InputDeps, signal: AbortSignal): Promise<InputImage | FalFieldError> {
  const at = epochNow();
  const fetched: InputFetch = { url: ref.url, status: 0 };
  let data: Buffer | undefined;
  try {
    if (deps.storage.isRefused(ref.url)) {
      fetched.status = 403;
    } else {
      const response = await fetch(ref.url, { signal: AbortSignal.any([signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]) });
      fetched.status = response.status;
      fetched.contentType = response.headers.get("content-type") ?? "";
      const body = Buffer.from(await response.arrayBuffer());
      if (response.ok && fetched.contentType.startsWith("image/")) data = body;
    }
  } catch {
    // Unreachable or timed out: status stays 0.
  }
  job.inputFetches.push(fetched);
  deps.recorder.record({
    at,
    method: "GET",
    targetUrl: ref.url.startsWith("data:") ? `${ref.url.slice(0, 64)}…` : ref.url,
    route: "input-fetch",
    endpoint: job.endpoint,
    requestId: job.requestId,
    status: fetched.status,
    ...(data ? { bytes: data.length } : {}),
  });
  if (!data) {
    return {
      loc: ref.loc,
      msg: "Failed to download the file. Please check if the URL is accessible.",
      type: "file_download_error",
      input: ref.url,
    };
  }
  try {
    const { width, height } = await sharp(data).metadata();
    if (!width || !height) throw new Error("no dimensions");
    fetched.width = width;
    fetched.height = height;
    return { width, height, data };
  } catch {
    return {
      loc: ref.loc,
      msg: "Failed to load the image. Please check if the image file is valid.",
      type: "image_load_error",
      input: ref.url,
    };
  }
}
