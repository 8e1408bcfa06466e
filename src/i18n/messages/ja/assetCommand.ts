import type { Messages } from "../types.js";

export const assetCommand: Messages<"assetCommand"> = {
  "label": "{kind, select, emoji {絵文字} sticker {スタンプ} icon {サーバーアイコン} banner {サーバーバナー} other {イベントのカバー画像}}",
  "needsServer": "/asset は falcord を追加したサーバー向けの画像を作ります。そのようなサーバーで使ってください。",
  "memberMissing": "{kind, select, emoji {絵文字} sticker {スタンプ} icon {サーバーアイコン} banner {サーバーバナー} other {イベントのカバー画像}}を作るには、このサーバーで **{permission}** の権限が必要ですが、あなたにはありません。権限を持つモデレーターに頼んでください。",
  "botMissing": "falcord にはこのサーバーで **{permission}** の権限がないため、{kind, select, emoji {絵文字} sticker {スタンプ} icon {サーバーアイコン} banner {サーバーバナー} other {イベントのカバー画像}}を追加できません。サーバー管理者がサーバー設定 → ロールで falcord のロールに付与できます。何も作成・請求されていません。",
};
