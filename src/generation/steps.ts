// The steps of one generation at fal, each usable on its own so a job can resume at any of them:
// submit, await the result (with the timeout and the cancel), and fetch the outputs fitted for Discord.
import type { QueueStatus } from "@fal-ai/client";
import { setTimeout as delay } from "node:timers/promises";
import type { FalClient } from "../fal/client.js";
import { classifyFalError, type FalFailure } from "../fal/errors.js";
import { cancel, fetchResult, isAlreadyCompleted, isPassing, waitForCallback, waitForCompletion } from "../fal/queue.js";
import type { Logger } from "../log.js";
import type { BufferPool } from "../media/buffer-pool.js";
import { extensionOf, type Download } from "../media/download.js";
import { fitToLimit, type FittedImage } from "../media/fit.js";
import type { GenerationRequest, ModelDefinition, NormalizedOutput, OutputImage } from "../models/index.js";
import { assetRules } from "../discord/expression-rules.js";
import { fitAsset } from "../media/asset-fit.js";
import type { RunTimes } from "./eta.js";
import type { FalCallbacks } from "./fal-callbacks.js";
import { imageUrlsOf, InputUnavailableError, MAX_OUTPUT_IMAGE_BYTES, rehostImages, withImageUrls } from "../fal/rehost.js";
import { SourceUnavailableError } from "./canvas-input.js";

export type JobPhase =
  | { phase: "waiting"; position: number }
  | { phase: "queued"; position?: number }
  | { phase: "running"; startedAt: number; typicalMs?: number; log?: string };

export interface DeliveredImage extends FittedImage {
  width?: number;
  height?: number;
  /** The model flagged it and the server posts such images behind a spoiler. */
  spoiler?: boolean;
}

export type JobFailure =
  | FalFailure
  | { kind: "timeout"; afterMs: number }
  | { kind: "cancelled"; by: string }
  | { kind: "input-unavailable"; url: string }
  /** Zoom out or Pan: the result's image could not be downloaded (or read) to put it on its canvas. */
  | { kind: "source-unavailable"; url: string }
  | { kind: "output-unavailable"; message: string }
  | { kind: "upload-too-large" }
  | { kind: "interrupted" }
  | { kind: "model-unavailable"; modelId: string };

/** A member cancelled the job (the Cancel button). */
export class JobCancelled extends Error {
  constructor(readonly by: string) {
    super("the job was cancelled");
    this.name = "JobCancelled";
  }
}

export class JobTimeout extends Error {
  constructor(readonly afterMs: number) {
    super(`the job took longer than ${afterMs} ms`);
    this.name = "JobTimeout";
  }
}

class OutputUnavailable extends Error {}

/** Discord refused the result's upload as too large (40005), although it fit the limit the interaction announced. */
export class UploadTooLarge extends Error {}

const timedOut = Symbol("timed out");

/** The same input with its images re-hosted on fal storage. */
export async function rehostInput(fal: FalClient, download: Download, model: ModelDefinition, input: Record<string, unknown>) {
  const field = model.inputImages?.field;
  if (!field) return input;
  return withImageUrls(input, field, await rehostImages(fal, download, imageUrlsOf(input, field)));
}

/** True when fal failed to fetch an input image, the case a re-host and one more submit can cure. */
export function isInputDownloadFailure(error: unknown): boolean {
  return !(error instanceof JobTimeout) && classifyFalError(error).kind === "input-download";
}

export interface AwaitOptions {
  fal: FalClient;
  log: Logger;
  runTimes: RunTimes;
  /** Time left before the job is cancelled at fal. */
  timeoutMs: number;
  /** Stops watching without cancelling at fal (shutdown). */
  signal: AbortSignal;
  /** A member's cancel: cancels the request at fal (as the timeout does) and throws its reason. */
  cancel?: AbortSignal;
  onPhase(phase: JobPhase): void;
  /** Called once, when fal first reports the request running. */
  onRunning(): void;
  /**
   * The request was submitted with a webhook (FAL_WEBHOOK_URL): its callback ends the wait, with a status read every
   * `sweepMs` meanwhile in case it never comes; no status stream is opened.
   */
  webhook?: { callbacks: FalCallbacks; sweepMs: number } | undefined;
}

/** Reads of a completed request's result before giving up: an answer that was garbled or failed in passing is read again. */
const resultReads = 3;

/**
 * Fetches a completed (billed) request's result, reading it again when fal's answer was not JSON or failed in a way
 * that may pass (5xx, the network): given up on, the member would press Retry and fal would make and bill it twice.
 */
async function readResult(fal: FalClient, endpoint: string, requestId: string, log: Logger): Promise<unknown> {
  for (let read = 1; ; read++) {
    try {
      return await fetchResult(fal, endpoint, requestId);
    } catch (error) {
      if (!(error instanceof SyntaxError || isPassing(error)) || read >= resultReads) throw error;
      log.warn({ err: error, requestId, read }, "fal's result could not be read; reading it again");
      await delay(250 * read);
    }
  }
}

/**
 * Watches the request to completion and returns fal's raw result; on timeout cancels it at fal and throws
 * JobTimeout, unless fal had completed it by then (it is billed): then its result is fetched after all.
 */
export async function awaitResult(model: ModelDefinition, requestId: string, options: AwaitOptions): Promise<unknown> {
  const { fal, log, runTimes } = options;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new JobTimeout(options.timeoutMs)), Math.max(0, options.timeoutMs));
  const signal = AbortSignal.any([timeout.signal, options.signal, ...(options.cancel ? [options.cancel] : [])]);
  // The timeout or a member's cancel: either ends the request at fal.
  const ended = () => (timeout.signal.aborted ? timeout.signal : options.cancel?.aborted ? options.cancel : undefined);
  let runningSince: number | undefined;
  let lastLog: string | undefined;
  const onStatus = (status: QueueStatus) => {
    if (status.status === "IN_QUEUE") return options.onPhase({ phase: "queued", position: status.queue_position });
    if (runningSince === undefined) {
      runningSince = performance.now();
      options.onRunning();
    }
    const latest = status.logs?.at(-1)?.message;
    if (latest) lastLog = latest;
    if (status.status === "IN_PROGRESS") {
      options.onPhase({ phase: "running", startedAt: runningSince, typicalMs: runTimes.typical(model.id), log: lastLog });
    }
  };
  const onPollFailed = (error: unknown) => log.warn({ err: error, requestId }, "reading the status failed; polling again");
  try {
    if (options.webhook) {
      const { callbacks, sweepMs } = options.webhook;
      await waitForCallback(fal, model.endpoint, requestId, callbacks.wait(requestId, signal), { onStatus, onPollFailed, signal, sweepMs });
    } else {
      await waitForCompletion(fal, model.endpoint, requestId, {
        onStatus,
        signal,
        onFallback: (error) => log.warn({ err: error, requestId }, "status stream failed; polling instead"),
        onPollFailed,
      });
    }
    if (runningSince !== undefined) runTimes.record(model.id, performance.now() - runningSince);
    return await readResult(fal, model.endpoint, requestId, log);
  } catch (error) {
    const end = ended();
    if (end) {
      const completed = await cancel(fal, model.endpoint, requestId).then(
        () => false,
        (cancelError: unknown) => {
          if (isAlreadyCompleted(cancelError)) return true;
          log.warn({ err: cancelError, requestId }, "cancelling the request at fal failed");
          return false;
        },
      );
      if (completed) {
        log.warn({ requestId, reason: String(end.reason) }, "the request had completed at fal before it could be cancelled; fetching its result");
        const result = await readResult(fal, model.endpoint, requestId, log).catch((resultError: unknown) => {
          log.warn({ err: resultError, requestId }, "fetching the completed request's result failed");
          return timedOut;
        });
        if (result !== timedOut) return result;
      }
      log.warn({ requestId, reason: String(end.reason) }, "cancelled at fal");
      throw end.reason;
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export interface PreparedFiles {
  files: DeliveredImage[];
  withheld: OutputImage[];
}

/** Downloads the outputs to show and fits each to the upload limit; images the model flagged are shown, withheld or put behind a spoiler. */
export async function prepareFiles(
  model: ModelDefinition,
  ref: string,
  output: NormalizedOutput,
  {
    uploadLimitBytes,
    flagged,
    buffers,
    downloadTimeoutMs,
    download,
    asset,
  }: {
    /** An asset's image is fitted to Discord's rules for its kind instead (see discord/expression-rules.ts). */
    asset?: GenerationRequest["asset"] | undefined;
    uploadLimitBytes: number;
    flagged: "show" | "withhold" | "spoiler";
    /** Where the downloads go; the caller hands the files' bytes back once they were sent. */
    buffers: BufferPool;
    downloadTimeoutMs: number;
    download: Download;
  },
): Promise<PreparedFiles> {
  const withheld = flagged === "withhold" ? output.images.filter((image) => image.nsfw) : [];
  const shown = output.images.filter((image) => !withheld.includes(image));
  const allocate = (size: number) => buffers.take(size);
  const files = await Promise.all(
    shown.map(async (image, index) => {
      const file = await download(image.url, { maxBytes: MAX_OUTPUT_IMAGE_BYTES, timeoutMs: downloadTimeoutMs, allocate }).catch((error: unknown) => {
        throw new OutputUnavailable(`could not download output ${index + 1}`, { cause: error });
      });
      // Discord blurs a file whose name starts with SPOILER_ until it is clicked; the gallery item says so too (result-message.ts).
      const spoiler = flagged === "spoiler" && image.nsfw;
      if (asset) {
        const fitted = await fitAsset(file.bytes, assetRules[asset.kind], { trim: asset.transparent, name: asset.kind })
          .catch((error: unknown) => {
            throw new OutputUnavailable(`could not make output ${index + 1} a ${asset.kind}`, { cause: error });
          })
          .finally(() => buffers.give(file.bytes));
        const { bytes, contentType, width, height } = fitted;
        return { bytes, contentType, fileName: `${spoiler ? "SPOILER_" : ""}${fitted.fileName}`, width, height, spoiler };
      }
      const fileName = `${spoiler ? "SPOILER_" : ""}${model.id}-${ref.toLowerCase()}-${index + 1}.${extensionOf(file.contentType)}`;
      const fitted = await fitToLimit({ bytes: file.bytes, contentType: file.contentType, fileName }, uploadLimitBytes);
      return { ...fitted, width: fitted.width ?? image.width, height: fitted.height ?? image.height, spoiler };
    }),
  );
  return { files, withheld };
}

/** What every server takes per file (Discord's limit without boosts). */
const baseUploadLimit = 10 * 1024 * 1024;

/**
 * The same images fitted smaller, after Discord refused them as too large (the channel's limit fell since the
 * command, say): under half the largest, and at most what every server takes.
 */
export async function refitSmaller(prepared: PreparedFiles): Promise<PreparedFiles> {
  const largest = Math.max(...prepared.files.map((file) => file.bytes.byteLength));
  const limit = Math.min(baseUploadLimit, Math.floor(largest / 2));
  const files = await Promise.all(prepared.files.map(async (file) => ({ ...file, ...(await fitToLimit(file, limit)) })));
  return { ...prepared, files };
}

/** What went wrong, for the user and the record; logged once here with the detail an admin needs. */
export function describeFailure(error: unknown, log: Logger): JobFailure {
  if (error instanceof JobTimeout) return { kind: "timeout", afterMs: error.afterMs };
  if (error instanceof JobCancelled) return { kind: "cancelled", by: error.by };
  if (error instanceof SourceUnavailableError) {
    log.warn({ err: error }, "the image to put on a canvas could not be downloaded or read, or its canvas not uploaded");
    return { kind: "source-unavailable", url: error.url };
  }
  if (error instanceof InputUnavailableError) {
    log.warn({ err: error }, "an input image could not be downloaded for re-hosting");
    return { kind: "input-unavailable", url: error.url };
  }
  if (error instanceof UploadTooLarge) {
    log.warn({ err: error }, "Discord refused the result's images as too large, also made smaller");
    return { kind: "upload-too-large" };
  }
  if (error instanceof OutputUnavailable) {
    log.error({ err: error }, "an output image could not be downloaded");
    return { kind: "output-unavailable", message: error.message };
  }
  const failure = classifyFalError(error);
  if (failure.kind === "unauthorized") {
    log.error(
      { err: error, failure },
      `fal refused the bot's FAL_KEY (HTTP ${failure.status}); set a valid key and restart the bot`,
    );
  } else if (failure.kind === "forbidden") {
    log.error({ err: error, failure }, `fal refused the bot's account (HTTP ${failure.status}): ${failure.detail}`);
  } else {
    log[failure.kind === "unknown" ? "error" : "warn"]({ err: error, failure }, "generation failed");
  }
  return failure;
}
