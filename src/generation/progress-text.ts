// The deferred reply's text while a job runs: waiting for a slot, queued at fal, generating (elapsed, bar, ETA, latest log).
import type { JobPhase } from "./steps.js";
import type { GenerationRequest } from "../models/index.js";
import { quote } from "../wording.js";
import { userText } from "../discord/user-text.js";
import { t, type SupportedLocale } from "../i18n/index.js";

const barWidth = 12;

export function clock(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * barWidth);
  return "▰".repeat(filled) + "▱".repeat(barWidth - filled);
}

/** The prompt as the member knows it: for an action on a result, the action and the words the result was made from. */
export function shownPrompt(request: Pick<GenerationRequest, "prompt" | "action">): string {
  return request.action ? `${request.action.label} · ${request.action.basePrompt}` : request.prompt;
}

/** The same, for a message: the member's words made safe to show (see user-text.ts), the action's name as the bot wrote it. */
export function shownPromptText(request: Pick<GenerationRequest, "prompt" | "action">, max: number): string {
  const { action } = request;
  if (!action) return userText(request.prompt, max);
  const label = `${action.label} · `;
  return `${label}${userText(action.basePrompt, Math.max(1, max - label.length))}`;
}

/** The line a job's reply shows before its first progress (a reply to edit posts it at once). */
export function startingText(header: string, locale: SupportedLocale): string {
  return `${header}\n${t(locale, "job.starting")}`;
}

/** The first line of a job's progress: the model and the prompt. */
export function progressHeader(modelName: string, request: Pick<GenerationRequest, "prompt" | "action">): string {
  return `**${modelName}** · ${shownPromptText(request, 150)}`;
}

export function progressText(header: string, phase: JobPhase, now: number, locale: SupportedLocale): string {
  switch (phase.phase) {
    case "waiting":
      return `${header}\n${t(locale, "job.waiting", { ahead: phase.position - 1 })}`;
    case "queued":
      if (phase.position === undefined) return `${header}\n${t(locale, "job.sending")}`;
      return `${header}\n${t(locale, "job.queued", { place: phase.position + 1 })}`;
    case "running": {
      const elapsed = now - phase.startedAt;
      const lines = [header];
      if (phase.typicalMs) {
        const remaining = phase.typicalMs - elapsed;
        const values = { elapsed: clock(elapsed), bar: bar(elapsed / phase.typicalMs) };
        lines.push(
          remaining > 0
            ? t(locale, "job.generatingLeft", { ...values, left: clock(remaining) })
            : t(locale, "job.generatingAlmostDone", values),
        );
      } else {
        lines.push(t(locale, "job.generating", { elapsed: clock(elapsed) }));
      }
      if (phase.log) lines.push(`-# ${quote(phase.log, 180)}`);
      return lines.join("\n");
    }
  }
}
