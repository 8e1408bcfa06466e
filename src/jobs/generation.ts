// One generation from submit to files ready for Discord: fal's queue, the timeout, the re-host retry,
// the result, and the outputs downloaded and fitted to the upload limit.
import type { QueueStatus } from "@fal-ai/client";
import type { FalClient } from "../fal/client.js";
import { classifyFalError, type FalFailure } from "../fal/errors.js";
import { cancel, fetchResult, submit, waitForCompletion } from "../fal/queue.js";
import type { Logger } from "../log.js";
import { download } from "../media/download.js";
import { fitToLimit, type FittedImage } from "../media/fit.js";
import type { ModelDefinition, NormalizedOutput, OutputImage } from "../models/types.js";
import type { RunTimes } from "./eta.js";
import { imageUrlsOf, InputUnavailableError, rehostImages, withImageUrls } from "./rehost.js";

export interface GenerationJob {
  /** Short reference shown to the user and written in every log line of the job. */
  ref: string;
  model: ModelDefinition;
  input: Record<string, unknown>;
  /** Per-file byte limit of the message the result goes into. */
  uploadLimitBytes: number;
  /** Withhold images the model flagged as NSFW (the channel is not marked NSFW). */
  withholdNsfw: boolean;
}

export interface GenerationDeps {
  fal: FalClient;
  log: Logger;
  runTimes: RunTimes;
  timeoutMs: number;
  /** Re-host input images on fal storage before the first submit. */
  uploadInputs: boolean;
}

export type JobPhase =
  | { phase: "queued"; position?: number }
  | { phase: "running"; startedAt: number; typicalMs?: number; log?: string }
  | { phase: "delivering" };

export interface DeliveredImage extends FittedImage {
  width?: number;
  height?: number;
}

export type GenerationOutcome =
  | {
      ok: true;
      output: NormalizedOutput;
      files: DeliveredImage[];
      withheld: OutputImage[];
      elapsedMs: number;
      requestId: string;
    }
  | { ok: false; failure: JobFailure };

export type JobFailure =
  | FalFailure
  | { kind: "timeout"; afterMs: number }
  | { kind: "input-unavailable"; url: string }
  | { kind: "output-unavailable"; message: string };

class JobTimeout extends Error {
  constructor(readonly afterMs: number) {
    super(`the job took longer than ${afterMs} ms`);
  }
}

export async function runGeneration(
  job: GenerationJob,
  deps: GenerationDeps,
  onPhase: (phase: JobPhase) => void,
): Promise<GenerationOutcome> {
  const started = performance.now();
  const log = deps.log.child({ job: job.ref, model: job.model.id });
  const field = job.model.inputImages?.field;
  let input = job.input;
  let rehosted = false;
  try {
    if (field && deps.uploadInputs) {
      input = withImageUrls(input, field, await rehostImages(deps.fal, imageUrlsOf(input, field)));
      rehosted = true;
    }
    for (;;) {
      const requestId = await submit(deps.fal, job.model.endpoint, input);
      log.info({ requestId }, "submitted to fal");
      try {
        const raw = await watchAndFetch(job, deps, requestId, onPhase, log);
        const output = job.model.normalizeOutput(raw);
        onPhase({ phase: "delivering" });
        const withheld = job.withholdNsfw ? output.images.filter((image) => image.nsfw) : [];
        const shown = output.images.filter((image) => !withheld.includes(image));
        const files = await Promise.all(shown.map((image, index) => fetchOutput(job, image, index)));
        const elapsedMs = performance.now() - started;
        log.info({ requestId, images: files.length, withheld: withheld.length, ms: Math.round(elapsedMs) }, "generation finished");
        return { ok: true, output, files, withheld, elapsedMs, requestId };
      } catch (error) {
        const failure = error instanceof JobTimeout ? undefined : classifyFalError(error);
        if (failure?.kind === "input-download" && field && !rehosted) {
          log.warn({ requestId, urls: failure.urls }, "fal could not fetch an input image; re-hosting on fal storage and retrying once");
          input = withImageUrls(input, field, await rehostImages(deps.fal, imageUrlsOf(input, field)));
          rehosted = true;
          continue;
        }
        throw error;
      }
    }
  } catch (error) {
    return { ok: false, failure: describeFailure(error, log) };
  }
}

async function watchAndFetch(
  job: GenerationJob,
  deps: GenerationDeps,
  requestId: string,
  onPhase: (phase: JobPhase) => void,
  log: Logger,
): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new JobTimeout(deps.timeoutMs)), deps.timeoutMs);
  let runningSince: number | undefined;
  let lastLog: string | undefined;
  const onStatus = (status: QueueStatus) => {
    if (status.status === "IN_QUEUE") return onPhase({ phase: "queued", position: status.queue_position });
    runningSince ??= performance.now();
    const latest = status.logs?.at(-1)?.message;
    if (latest) lastLog = latest;
    if (status.status === "IN_PROGRESS") {
      onPhase({ phase: "running", startedAt: runningSince, typicalMs: deps.runTimes.typical(job.model.id), log: lastLog });
    }
  };
  try {
    await waitForCompletion(deps.fal, job.model.endpoint, requestId, {
      onStatus,
      signal: controller.signal,
      onFallback: (error) => log.warn({ err: error, requestId }, "status stream failed; polling instead"),
    });
    if (runningSince !== undefined) deps.runTimes.record(job.model.id, performance.now() - runningSince);
    return await fetchResult(deps.fal, job.model.endpoint, requestId);
  } catch (error) {
    if (controller.signal.aborted) {
      await cancel(deps.fal, job.model.endpoint, requestId).catch((cancelError: unknown) =>
        log.warn({ err: cancelError, requestId }, "cancelling the timed-out request at fal failed"),
      );
      log.warn({ requestId, timeoutMs: deps.timeoutMs }, "generation timed out; cancelled at fal");
      throw controller.signal.reason;
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const maxOutputBytes = 64 * 1024 * 1024;

async function fetchOutput(job: GenerationJob, image: OutputImage, index: number): Promise<DeliveredImage> {
  const file = await download(image.url, { maxBytes: maxOutputBytes, timeoutMs: 60_000 }).catch((error: unknown) => {
    throw Object.assign(new Error(`could not download output ${index + 1}`, { cause: error }), { outputUnavailable: true });
  });
  const extension = file.contentType.split("/")[1]?.replace("jpeg", "jpg") ?? "png";
  const fileName = `${job.model.id}-${job.ref.toLowerCase()}-${index + 1}.${extension}`;
  const fitted = await fitToLimit({ bytes: file.bytes, contentType: file.contentType, fileName }, job.uploadLimitBytes);
  return { ...fitted, width: image.width, height: image.height };
}

function describeFailure(error: unknown, log: Logger): JobFailure {
  if (error instanceof JobTimeout) return { kind: "timeout", afterMs: error.afterMs };
  if (error instanceof InputUnavailableError) {
    log.warn({ err: error }, "an input image could not be downloaded for re-hosting");
    return { kind: "input-unavailable", url: error.url };
  }
  if ((error as { outputUnavailable?: boolean }).outputUnavailable) {
    log.error({ err: error }, "an output image could not be downloaded");
    return { kind: "output-unavailable", message: (error as Error).message };
  }
  const failure = classifyFalError(error);
  if (failure.kind === "unauthorized") {
    // Every job fails until an admin acts, so the line says exactly what is wrong and what to do.
    log.error({ err: error, failure }, `fal refused the bot's FAL_KEY (HTTP ${failure.status}); set a valid key and restart the bot`);
    return failure;
  }
  const level = failure.kind === "unknown" ? "error" : "warn";
  log[level]({ err: error, failure }, "generation failed");
  return failure;
}
