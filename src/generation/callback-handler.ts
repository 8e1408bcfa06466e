// The answer to one of fal's webhook callbacks (FAL_WEBHOOK_URL). Verified first; then its request id decides: one
// falcord never sent is 404 (fal tries again later, by which time the job may have recorded it); one whose job is
// past fal, or whose callback came already, is 200 and changes nothing (fal's own retries, a replay); otherwise its
// job wakes and fetches the result. Nothing a refused callback says reaches a job.
import { readCallback, type WebhookVerifier } from "../fal/webhook-endpoint.js";
import type { Logger } from "../log.js";
import type { FalCallbacks } from "./fal-callbacks.js";
import type { JobRepository } from "./job.js";

export interface CallbackAnswer {
  status: number;
  text: string;
}

const atFal = new Set(["submitted", "running"]);

export function falCallbackHandler(deps: {
  verifier: WebhookVerifier;
  callbacks: FalCallbacks;
  jobs: Pick<JobRepository, "getByRequestId">;
  log: Logger;
}): (headers: Record<string, string | string[] | undefined>, body: Buffer) => Promise<CallbackAnswer> {
  const { verifier, callbacks, jobs, log } = deps;
  return async (headers, body) => {
    const callback = await readCallback(verifier, headers, body);
    if (!callback.ok) {
      log.warn({ reason: callback.reason, status: callback.httpStatus, ...(callback.sender ? { sender: callback.sender } : {}) }, "refused a fal callback");
      return { status: callback.httpStatus, text: "refused\n" };
    }
    const { requestId } = callback;
    if (callbacks.handled(requestId)) {
      log.debug({ requestId }, "a fal callback came again; nothing to do");
      return { status: 200, text: "ok\n" };
    }
    const job = await jobs.getByRequestId(requestId);
    if (!job) {
      log.warn({ requestId }, "a fal callback for a request this bot does not know; fal will try again");
      return { status: 404, text: "unknown request\n" };
    }
    if (!atFal.has(job.state)) {
      log.debug({ requestId, job: job.ref, state: job.state }, "a fal callback for a job past fal; nothing to do");
      return { status: 200, text: "ok\n" };
    }
    const outcome = callbacks.arrived(requestId);
    log.info({ requestId, job: job.ref, status: callback.status, outcome }, "fal's callback came");
    return { status: 200, text: "ok\n" };
  };
}
