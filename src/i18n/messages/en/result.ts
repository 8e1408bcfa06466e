// A job's finished reply: the result's labels and notes, and a Describe's prompts.
export const result = {
  "fact": "**{label}:** {value}",
  "prompt": "Prompt",
  "model": "Model",
  "size": "Size",
  "seed": "Seed",
  "time": "Time",
  "style": "Style",
  "asset": "Asset",
  "assetValue": "{kind, select, emoji {Emoji} sticker {Sticker} icon {Server icon} banner {Server banner} other {Event cover}}{transparent, select, yes {, background removed} other {}} · {kib, number} KiB",
  "noImage": "No image this time — the model answered in words",
  "noText": "(the model returned neither an image nor any text)",
  "withheldLabel": "Withheld",
  "withheld":
    "{count, plural, one {# image was flagged by the safety checker and is not shown} other {# images were flagged by the safety checker and are not shown}}, because this channel is not marked NSFW.",
  "describeTitle": "Prompts for this image",
  "describeHint": "Press Run to make an image from a prompt with the server's /imagine model.",
  "describeNone": "No prompts this time",
  "describeAnswered": "The model answered without prompts: {answer}\nPress Re-roll to ask again.",
  "describeNoText": "The model returned no text. Press Re-roll to ask again.",
  "scaledToFit": "scaled to {size} to fit Discord's upload limit",
  "reencodedToFit": "re-encoded as WebP to fit Discord's upload limit",
} as const;
