// A job's own reply, in the language of the member who asked: its progress, its failure, the buttons under it, and
// what a press of those buttons answers.
export const job = {
  // Progress
  "readingImage": "**{model}** · reading your image",
  "starting": "⏳ Starting…",
  "waiting": "⏳ Waiting for a free slot — {ahead, plural, =0 {next in line} one {# job ahead} other {# jobs ahead}}",
  "sending": "⏳ Sending to fal…",
  "queued": "⏳ Waiting in fal's queue — {place, plural, =1 {next up} other {position #}}",
  "generating": "🎨 Generating · {elapsed}",
  "generatingLeft": "🎨 Generating · {elapsed} · {bar} about {left} left",
  "generatingAlmostDone": "🎨 Generating · {elapsed} · {bar} almost done",

  // Failures; "(ref …)" is the same in every language: it is what the log holds and a member quotes.
  "failureInvalidInput": "❌ fal did not accept this request:\n{details}\nChange that and try again. (ref {ref})",
  "failureContentPolicy":
    "🚫 The model refused this request under its content policy. Try rewording the prompt or using other images. (ref {ref})",
  "failureInputUnavailable":
    "❌ One of the images for this job could not be read, even after the bot uploaded it again. If you attached it, attach it again (PNG, JPEG, WebP or GIF) and retry; if it came from a result's buttons, use the buttons on a newer result. (ref {ref})",
  "failureSourceUnavailable":
    "❌ The image to zoom out or pan could not be downloaded or handed to fal, so nothing was sent to the model and nothing was charged. Press Retry, or use the buttons on a newer result. (ref {ref})",
  "failureUnauthorized":
    "⚠️ The bot's fal key was refused, so it cannot make images right now. A server admin must fix the bot's FAL_KEY. (ref {ref})",
  "failureForbidden":
    "⚠️ fal refused the bot's account, so it cannot make images right now (usually the fal account is locked because its balance ran out). A server admin must check the fal account's balance; nothing was charged for this. (ref {ref})",
  "failureFalError":
    "⚠️ fal had a problem on its side and did not take this job; nothing was charged. Please try again in a few minutes. (ref {ref})",
  "failureUnreadableSubmit":
    "⚠️ fal's answer to this job could not be read, so the bot cannot tell whether fal is making it; it does not count against your limits. Please try again. (ref {ref})",
  "failureUnreadableResult":
    "⚠️ fal finished this job but its answer could not be read, even after asking again; it does not count against your limits. Please try again. (ref {ref})",
  "failureBusy": "⏳ fal is busy right now and did not take the job after several tries. Please try again in a few minutes. (ref {ref})",
  "failureTimeout": "⌛ This took longer than {limit}, so it was cancelled (nothing more will be charged). Please try again. (ref {ref})",
  "failureCancelled": "🛑 Cancelled by <@{by}>; nothing was charged. (ref {ref})",
  "failureModelError": "❌ The model failed while making your image. Please try again; if it keeps failing, try another model. (ref {ref})",
  "failureOutputUnavailable": "❌ The image was made but could not be downloaded from fal. Please try again. (ref {ref})",
  "failureUploadTooLarge":
    "❌ The image was made, but Discord refused it as too large for this channel, even after the bot made it smaller. Press Retry to send it again (it is not charged again), or ask a server admin about the channel's upload limit. (ref {ref})",
  "failureNetwork": "❌ The bot could not reach fal. Please try again in a minute. (ref {ref})",
  "failureInterrupted":
    "⚠️ The bot restarted before fal confirmed this job, so it cannot tell whether fal is making it; it does not count against your limits. Press Retry to run it again. (ref {ref})",
  "failureModelUnavailable":
    "❌ The model this job asked for ({modelId}) is no longer offered by this bot, so the job was stopped; it does not count against your limits. Please choose another model and try again. (ref {ref})",
  "failureUnknown": "❌ Something went wrong on our side. Please try again; if it keeps happening, tell a server admin and quote the ref. (ref {ref})",

  // Buttons, and the actions they name in a new job's prompt line
  "buttonReroll": "Re-roll",
  "buttonEdit": "Edit",
  "buttonDelete": "Delete",
  "buttonCancel": "Cancel",
  "buttonRetry": "Retry",
  "buttonRun": "Run {n, number}",
  "buttonUpscale": "Upscale {size}",
  "buttonVarySubtle": "Vary (Subtle)",
  "buttonVaryStrong": "Vary (Strong)",
  "buttonZoomOut": "Zoom out {factor, number}×",
  "actionPan": "Pan {direction, select, left {left} right {right} up {up} other {down}}",

  // What a press of the buttons answers
} as const;
