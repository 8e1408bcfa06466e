// /asset: its job's label, and what the command answers when it cannot start one.
export const assetCommand = {
  "label": "{kind, select, emoji {Emoji} sticker {Sticker} icon {Server icon} banner {Server banner} other {Event cover}}",
  "needsServer": "/asset makes images for a server that has added falcord itself: use it in such a server.",
  "memberMissing": "Making {kind, select, emoji {an emoji} sticker {a sticker} icon {the server icon} banner {the server banner} other {an event cover}} takes the **{permission}** permission in this server, which you do not have. Ask a moderator who has it.",
  "botMissing": "falcord does not have the **{permission}** permission in this server, so it could not add {kind, select, emoji {an emoji} sticker {a sticker} icon {the server icon} banner {the server banner} other {an event cover}} to it. A server admin can give it to falcord’s role in Server Settings → Roles; nothing was made or charged.",
} as const;
