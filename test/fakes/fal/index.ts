// A strict fake of fal (queue, storage, CDN) on 127.0.0.1 that the real @fal-ai/client talks to via FAL_PROXY_URL.
import { EventEmitter } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FailureQueue } from "./failures.js";
import { createModelRunner } from "./model.js";
import { JobQueue } from "./queue.js";
import { QueueRoutes } from "./queue-routes.js";
import { Recorder } from "./recorder.js";
import { createRequestHandler, PROXY_PATH } from "./server.js";
import { FakeStorage } from "./storage.js";
import { FAKE_FAL_KEY, type FakeFal, type FakeFalOptions } from "./types.js";
import { FAKE_FAL_USER_ID, FakeWebhooks, JWKS_PATH } from "./webhooks.js";

export { FAKE_FAL_KEY } from "./types.js";
export { FAKE_FAL_USER_ID, JWKS_PATH } from "./webhooks.js";
export type { OutputImage } from "./outputs.js";
export type {
  Failure,
  FakeFal,
  FakeFalJob,
  FakeFalOptions,
  FalArrival,
  FalLogLine,
  FalQueueState,
  FalResultReply,
  FalRoute,
  ForgedCallback,
  InputFetch,
  RecordedCallback,
  RecordedFalRequest,
} from "./types.js";
export { falEndpointSchemas, type FalEndpointId, FIRERED_IMAGE_SIZES } from "./schemas.js";
export { UPLOAD_LIMIT } from "./storage.js";
export { geminiSize } from "./render.js";
export type { FalFieldError } from "./validation.js";

export async function startFakeFal(options: FakeFalOptions = {}): Promise<FakeFal> {
  const key = options.key ?? FAKE_FAL_KEY;
  const { queueMs = 100, runMs = 200 } = options;
  const events = new EventEmitter();
  // Tests and the bench wait on many jobs at once.
  events.setMaxListeners(0);
  const recorder = new Recorder(events);
  const failures = new FailureQueue();

  // The request handler is attached once listening: it needs the origin, and nobody knows the port before.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const storage = new FakeStorage(origin);
  const queue = new JobQueue(
    {
      queueMs: typeof queueMs === "function" ? queueMs : () => queueMs,
      runMs: typeof runMs === "function" ? runMs : () => runMs,
      logLines: options.logLines ?? 3,
      accountLimit: options.accountLimit ?? Number.POSITIVE_INFINITY,
    },
    events,
    createModelRunner({ storage, recorder, ...(options.outputBytes !== undefined ? { outputBytes: options.outputBytes } : {}) }),
  );
  const routes = new QueueRoutes(queue, failures);
  const webhooks = new FakeWebhooks(options.userId ?? FAKE_FAL_USER_ID, events, {
    retries: options.callbackRetries ?? 3,
    retryMs: options.callbackRetryMs ?? 500,
  });
  events.on("completed", ({ requestId }: { requestId: string }) => {
    const job = queue.jobs.get(requestId);
    if (job) webhooks.completed(job);
  });
  server.on("request", createRequestHandler({ origin, key, recorder, storage, routes, webhooks }));

  let closed: Promise<void> | undefined;
  return {
    url: origin + PROXY_PATH,
    origin,
    port,
    key,
    requests: recorder.requests,
    arrivals: recorder.arrivals,
    events,
    jobs: queue.jobs,
    failNext: (failure, opts) => failures.add(failure, opts?.endpoint, opts?.input),
    refuseUrl: (url) => storage.refuse(url),
    acceptUrl: (url) => storage.accept(url),
    redirectUrl: (url, to) => storage.redirect(url, to),
    upload: (data, contentType) => storage.put(data, contentType),
    waitForRequest: (pred, timeoutMs) => recorder.waitFor(pred, timeoutMs),
    waitForArrival: (pred, timeoutMs) => recorder.waitForArrival(pred, timeoutMs),
    userId: webhooks.userId,
    jwksUrl: origin + JWKS_PATH,
    callbacks: webhooks.callbacks,
    sendCallback: (requestId, opts) => webhooks.sendCallback(queue.jobs.get(requestId), requestId, opts),
    replayCallback: (requestId) => webhooks.replay(requestId),
    waitForCallback: (pred, timeoutMs) => webhooks.waitFor(pred, timeoutMs),
    holdCdn: () => storage.holdDownloads(),
    holdUploads: () => storage.holdUploads(),
    close() {
      closed ??= webhooks.close().then(() => new Promise<void>((resolve) => {
        routes.close();
        storage.releaseAll();
        queue.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }));
      return closed;
    },
  };
}
