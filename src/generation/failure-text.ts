// What a user is told when a job fails: what happened, what to do, and the reference that is in the log.
import type { JobFailure } from "./steps.js";
import { labelForFalField } from "../models/index.js";
import { clock } from "./progress-text.js";

export function failureText(failure: JobFailure, ref: string): string {
  const tail = `(ref ${ref})`;
  switch (failure.kind) {
    case "invalid-input": {
      const details = failure.fields.map((f) => `• ${labelForFalField(f.field)}: ${f.message}`).join("\n");
      return `❌ fal did not accept this request:\n${details}\nChange that and try again. ${tail}`;
    }
    case "content-policy":
      return `🚫 The model refused this request under its content policy. Try rewording the prompt or using other images. ${tail}`;
    case "input-download":
    case "input-unavailable":
      return `❌ One of the images for this job could not be read, even after the bot uploaded it again. If you attached it, attach it again (PNG, JPEG, WebP or GIF) and retry; if it came from a result's buttons, use the buttons on a newer result. ${tail}`;
    case "source-unavailable":
      return `❌ The image to zoom out or pan could not be downloaded or handed to fal, so nothing was sent to the model and nothing was charged. Press Retry, or use the buttons on a newer result. ${tail}`;
    case "unauthorized":
      return `⚠️ The bot's fal key was refused, so it cannot make images right now. A server admin must fix the bot's FAL_KEY. ${tail}`;
    case "forbidden":
      return `⚠️ fal refused the bot's account, so it cannot make images right now (usually the fal account is locked because its balance ran out). A server admin must check the fal account's balance; nothing was charged for this. ${tail}`;
    case "fal-error":
      return `⚠️ fal had a problem on its side and did not take this job; nothing was charged. Please try again in a few minutes. ${tail}`;
    case "unreadable":
      return failure.stage === "submit"
        ? `⚠️ fal's answer to this job could not be read, so the bot cannot tell whether fal is making it; it does not count against your limits. Please try again. ${tail}`
        : `⚠️ fal finished this job but its answer could not be read, even after asking again; it does not count against your limits. Please try again. ${tail}`;
    case "busy":
      return `⏳ fal is busy right now and did not take the job after several tries. Please try again in a few minutes. ${tail}`;
    case "timeout":
      return `⌛ This took longer than ${clock(failure.afterMs)}, so it was cancelled (nothing more will be charged). Please try again. ${tail}`;
    case "cancelled":
      return `🛑 Cancelled by <@${failure.by}>; nothing was charged. ${tail}`;
    case "model-error":
      return `❌ The model failed while making your image. Please try again; if it keeps failing, try another model. ${tail}`;
    case "output-unavailable":
      return `❌ The image was made but could not be downloaded from fal. Please try again. ${tail}`;
    case "upload-too-large":
      return `❌ The image was made, but Discord refused it as too large for this channel, even after the bot made it smaller. Press Retry to send it again (it is not charged again), or ask a server admin about the channel's upload limit. ${tail}`;
    case "network":
      return `❌ The bot could not reach fal. Please try again in a minute. ${tail}`;
    case "interrupted":
      return `⚠️ The bot restarted before fal confirmed this job, so it cannot tell whether fal is making it; it does not count against your limits. Press Retry to run it again. ${tail}`;
    case "model-unavailable":
      return `❌ The model this job asked for (${failure.modelId}) is no longer offered by this bot, so the job was stopped; it does not count against your limits. Please choose another model and try again. ${tail}`;
    case "unknown":
      return `❌ Something went wrong on our side. Please try again; if it keeps happening, tell a server admin and quote the ref. ${tail}`;
  }
}
