// Describe (/describe and the message menu): its own refusals. Its answer is worded with the job's result.
export const describe = {
  "noImages": "That message has no images to describe. Use Describe on a message with an attached image or an embedded picture.",
  "noPrompt": "This button has no prompt behind it any more. Run /describe again.",
} as const;
