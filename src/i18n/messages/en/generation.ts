// /imagine, /edit, the message menus, the buttons and forms under results, and reply to edit: their own answers and
// refusals (src/generation). A job's progress, result and failure texts are not here.
export const generation = {
  "refused": "Nothing was sent to the model. Please change this:\n{problems}",
  "restarting": "The bot is restarting right now, so it cannot take new work. Please try again in a minute.",
  "buttonsInServer": "Use the buttons in the server where the image was made: its limits apply there.",

  "image.numbered": "image {n, number}",
  "image.ofResult": "image {n, number} of the result",
  "image.resultNumbered": "result image {n, number}",
  "image.embedded": "embedded image {n, number}",
  "image.ofStyle": "image {n, number} of your style “{style}”",

  "input.svg": "{label} is an SVG drawing, which the models cannot read; export it as a PNG and attach that.",
  "input.wrongType": "{label} is not an image the models can read ({type}); attach a PNG, JPEG, WebP or GIF.",
  "input.unknownType": "unknown type",
  "input.empty": "{label} is an empty file (0 bytes); attach the image again.",
  "input.tooLarge": "{label} is {megabytes, number, ::.0} MB; images can be at most {max, number, ::.0} MB. Attach a smaller one.",
  "input.unreadable":
    "{label} could not be opened as an image{claimed, select, yes { (it says it is {type})} other {}}: the file is damaged or is not really a picture. Save it again as a PNG, JPEG, WebP or GIF and attach that.",
  "input.animated": "{label} is animated; the models take still images only. Attach one frame of it, saved as a PNG, JPEG or WebP.",

  "style.missing": "You have no style named “{style}”. `/style list` shows your styles, and `/style save` makes one.",
  "style.noEditModel": "{model} cannot use the images of your style “{style}”; choose another model.",
  "style.editModelNotAllowed":
    "The images of your style “{style}” need an edit model, and this server does not let you use {editor} here. Use /imagine without this style, or ask a server admin.",
  "style.editModelsNotAllowed":
    "The images of your style “{style}” need an edit model, and this server lets you use neither {editor} nor {fallback} here. Use /imagine without this style, or ask a server admin.",
  "style.promptTooLong":
    "Your prompt and the style “{style}” come to {length, number} characters together; {model} takes at most {max, number}. Shorten the prompt, or use the style without it.",
  "style.tooManyImages":
    "{model} takes at most {max, plural, one {# image} other {# images}}; {own, plural, =0 {} one {your # image and } other {your # images and }}the style “{style}”'s {styleImages, plural, one {# image} other {# images}} make {total, number}. Attach fewer images, or choose a model that takes more.",

  "button.jobGone": "This result is no longer in the bot's records, so its buttons cannot be used. Run the command again.",
  "button.otherServer": "This button belongs to a result on another server, so it does nothing here.",
  "button.onItsWay": "This result is already on its way.",
  "button.cancelNotYours": "Only the person who asked for this image, or a moderator with Manage Messages, can cancel it.",
  "button.cancelTooLate": "Too late to cancel: the image was already made, so it is being delivered.",
  "button.cancelFinished": "This job has already finished, so there is nothing to cancel.",
  "button.cancelFailed": "The bot could not cancel this job just now (it may be restarting). Try again in a moment.",
  "button.retryNotYours": "Only the person who asked for this image can retry it. Use Re-roll on a result, or run the command yourself.",
  "button.noImagesToEdit": "This result has no images to edit.",
  "button.deleteNotYours": "Only the person who asked for this image, or a moderator with Manage Messages, can delete it.",
  "button.deleted": "Deleted.",
  "button.outdated": "This button is from an older version of the bot. Run the command again.",

  "action.noUpscaler": "This bot offers no upscaler, so Upscale is not available.",
  "action.alreadyLargeSized":
    "This image is already {width}×{height}, {target} or more on its long side, so Upscale {target} would not make it larger.{larger, select, yes { Use Upscale 4K to make it larger.} other {}}",
  "action.alreadyLargeMadeAt":
    "This image is already made at {resolution}, {target} or more on its long side, so Upscale {target} would not make it larger.{larger, select, yes { Use Upscale 4K to make it larger.} other {}}",
  "action.imageNotOffered":
    "This image cannot be upscaled, varied or extended (it is not in the result, or it was flagged by the safety checker).",
  "action.panel": "Image {position, number}: what next?",

  "editModal.title": "{count, plural, one {Edit the image with AI} other {Edit # images with AI}}",
  "editModal.instruction": "Instruction",
  "editModal.instructionHint": "What should change? The model keeps the rest.",
  "editModal.placeholder": "e.g. make the sky stormy and add a lighthouse on the cliff",
  "editModal.model": "Model",
  "editModal.takesFewer":
    "{max, plural, one {Takes one image: uses the first of the {count, number}} other {Takes # images: uses the first # of the {count, number}}}",

  "menu.noImagesToEdit": "That message has no images to edit. Use Edit with AI on a message with an attached image or an embedded picture.",
  "menu.formExpired": "This form has expired; use Edit with AI on the message again.",

  "reply.noImages": "This result has no images to edit. Reply to a result with an image.",
  "reply.tooManyAttached":
    "{model} takes at most {max, plural, one {# image} other {# images}}, the result's and {attachable, plural, one {# attached image} other {# attached images}}; you attached {count, number}. Attach fewer images.",
  "passedOver": "{model} {why, select, off {is turned off on this server} other {needs a premium role on this server}}, so {command} here uses the server's default, {instead}.",
} as const;
