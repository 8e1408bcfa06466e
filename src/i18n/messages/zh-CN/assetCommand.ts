import type { Messages } from "../types.js";

export const assetCommand: Messages<"assetCommand"> = {
  "label": "{kind, select, emoji {表情符号} sticker {贴纸} icon {服务器图标} banner {服务器横幅} other {活动封面}}",
  "needsServer": "/asset 为已添加 falcord 的服务器制作图片：请在这样的服务器中使用。",
  "memberMissing": "制作{kind, select, emoji {表情符号} sticker {贴纸} icon {服务器图标} banner {服务器横幅} other {活动封面}}需要本服务器的 **{permission}** 权限，而你没有。请找拥有该权限的版主。",
  "botMissing": "falcord 在本服务器没有 **{permission}** 权限，因此无法添加{kind, select, emoji {表情符号} sticker {贴纸} icon {服务器图标} banner {服务器横幅} other {活动封面}}。服务器管理员可以在服务器设置 → 身份组中把它授予 falcord 的身份组；没有制作或收取任何费用。",
};
