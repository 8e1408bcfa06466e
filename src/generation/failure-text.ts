// What a user is told when a job fails: what happened, what to do, and the reference that is in the log.
import type { JobFailure } from "./steps.js";
import { labelForFalField } from "../models/index.js";
import { clock } from "./progress-text.js";
import { t, type MessageKey, type SupportedLocale } from "../i18n/index.js";

/** The message of each failure whose words need only the ref. */
const plainFailures = {
  "content-policy": "job.failureContentPolicy",
  "input-download": "job.failureInputUnavailable",
  "input-unavailable": "job.failureInputUnavailable",
  "source-unavailable": "job.failureSourceUnavailable",
  unauthorized: "job.failureUnauthorized",
  forbidden: "job.failureForbidden",
  "fal-error": "job.failureFalError",
  busy: "job.failureBusy",
  "model-error": "job.failureModelError",
  "output-unavailable": "job.failureOutputUnavailable",
  "upload-too-large": "job.failureUploadTooLarge",
  network: "job.failureNetwork",
  interrupted: "job.failureInterrupted",
  unknown: "job.failureUnknown",
} as const satisfies Partial<Record<JobFailure["kind"], MessageKey>>;

export function failureText(failure: JobFailure, ref: string, locale: SupportedLocale): string {
  switch (failure.kind) {
    case "invalid-input": {
      const details = failure.fields.map((f) => `• ${labelForFalField(f.field, locale)}: ${f.message}`).join("\n");
      return t(locale, "job.failureInvalidInput", { details, ref });
    }
    case "unreadable":
      return t(locale, failure.stage === "submit" ? "job.failureUnreadableSubmit" : "job.failureUnreadableResult", { ref });
    case "timeout":
      return t(locale, "job.failureTimeout", { limit: clock(failure.afterMs), ref });
    case "cancelled":
      return t(locale, "job.failureCancelled", { by: failure.by, ref });
    case "model-unavailable":
      return t(locale, "job.failureModelUnavailable", { modelId: failure.modelId, ref });
    default:
      return t(locale, plainFailures[failure.kind], { ref });
  }
}
