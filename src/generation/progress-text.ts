// The deferred reply's text while a job runs: waiting for a slot, queued at fal, generating (elapsed, bar, ETA, latest log).
import type { JobPhase } from "./steps.js";
import type { GenerationRequest } from "../models/index.js";
import { quote } from "../wording.js";
import { userText } from "../discord/user-text.js";

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

/** The first line of a job's progress: the model and the prompt. */
export function progressHeader(modelName: string, request: Pick<GenerationRequest, "prompt" | "action">): string {
  return `**${modelName}** · ${shownPromptText(request, 150)}`;
}

export function progressText(header: string, phase: JobPhase, now: number): string {
  switch (phase.phase) {
    case "waiting": {
      const ahead = phase.position - 1;
      return `${header}\n⏳ Waiting for a free slot — ${ahead === 0 ? "next in line" : `${ahead} job${ahead === 1 ? "" : "s"} ahead`}`;
    }
    case "queued":
      if (phase.position === undefined) return `${header}\n⏳ Sending to fal…`;
      return `${header}\n⏳ Waiting in fal's queue — ${phase.position === 0 ? "next up" : `position ${phase.position + 1}`}`;
    case "running": {
      const elapsed = now - phase.startedAt;
      const lines = [header];
      if (phase.typicalMs) {
        const remaining = phase.typicalMs - elapsed;
        const eta = remaining > 0 ? `about ${clock(remaining)} left` : "almost done";
        lines.push(`🎨 Generating · ${clock(elapsed)} · ${bar(elapsed / phase.typicalMs)} ${eta}`);
      } else {
        lines.push(`🎨 Generating · ${clock(elapsed)}`);
      }
      if (phase.log) lines.push(`-# ${quote(phase.log, 180)}`);
      return lines.join("\n");
    }
  }
}
