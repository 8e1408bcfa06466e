import type { Messages } from "../types.js";

export const result: Messages<"result"> = {
  "fact": "**{label}：** {value}",
  "prompt": "プロンプト",
  "model": "モデル",
  "size": "サイズ",
  "seed": "シード",
  "time": "所要時間",
  "style": "スタイル",
  "asset": "アセット",
  "assetValue": "{kind, select, emoji {絵文字} sticker {スタンプ} icon {サーバーアイコン} banner {サーバーバナー} other {イベントのカバー画像}}{transparent, select, yes {（背景削除済み）} other {}} · {kib, number} KiB",
  "noImage": "今回は画像がありません — モデルは文章で答えました",
  "noText": "（モデルは画像もテキストも返しませんでした）",
  "withheldLabel": "非表示",
  "withheld": "{count, plural, other {# 枚の画像が安全チェックで検出されたため表示していません}}。このチャンネルは NSFW に設定されていません。",
  "describeTitle": "この画像のためのプロンプト",
  "describeHint": "「実行」を押すと、サーバーの /imagine モデルでそのプロンプトから画像を作ります。",
  "describeNone": "今回はプロンプトがありません",
  "describeAnswered": "モデルはプロンプトを出さずに答えました：{answer}\n「再生成」を押すともう一度尋ねます。",
  "describeNoText": "モデルはテキストを返しませんでした。「再生成」を押すともう一度尋ねます。",
  "scaledToFit": "Discord のアップロード上限に収めるため {size} に縮小しました",
  "reencodedToFit": "Discord のアップロード上限に収めるため WebP に再エンコードしました",
};
