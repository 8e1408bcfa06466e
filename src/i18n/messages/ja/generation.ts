import type { Messages } from "../types.js";

export const generation: Messages<"generation"> = {
  "refused": "モデルには何も送信していません。次の点を直してください:\n{problems}",
  "restarting": "ボットは再起動中のため、新しい処理を受け付けられません。1 分ほどしてからもう一度お試しください。",
  "buttonsInServer": "画像が作られたサーバーでボタンを使ってください。そのサーバーの制限が適用されます。",

  "image.numbered": "画像 {n, number}",
  "image.ofResult": "結果の画像 {n, number}",
  "image.resultNumbered": "結果の画像 {n, number}",
  "image.embedded": "埋め込み画像 {n, number}",
  "image.ofStyle": "スタイル「{style}」の画像 {n, number}",

  "input.svg": "{label} は SVG 形式の図で、モデルには読み込めません。PNG に書き出して添付してください。",
  "input.wrongType": "{label} はモデルが読み込める画像ではありません（{type}）。PNG、JPEG、WebP、GIF のいずれかを添付してください。",
  "input.unknownType": "不明な形式",
  "input.empty": "{label} は空のファイル（0 バイト）です。画像をもう一度添付してください。",
  "input.tooLarge": "{label} は {megabytes, number, ::.0} MB あります。画像は {max, number, ::.0} MB までです。もっと小さい画像を添付してください。",
  "input.unreadable":
    "{label} を画像として開けませんでした{claimed, select, yes {（形式は {type} とされています）} other {}}。ファイルが壊れているか、実際には画像ではありません。PNG、JPEG、WebP、GIF のいずれかで保存し直して添付してください。",
  "input.animated": "{label} はアニメーション画像です。モデルが使えるのは静止画だけです。1 コマを PNG、JPEG、WebP のいずれかで保存して添付してください。",

  "style.missing": "「{style}」という名前のスタイルはありません。`/style list` でスタイルの一覧を、`/style save` で新しいスタイルを作れます。",
  "style.noEditModel": "{model} ではスタイル「{style}」の画像を使えません。別のモデルを選んでください。",
  "style.editModelNotAllowed":
    "スタイル「{style}」の画像には編集モデルが必要ですが、このサーバーではここで {editor} を使えません。このスタイルなしで /imagine を使うか、サーバー管理者に相談してください。",
  "style.editModelsNotAllowed":
    "スタイル「{style}」の画像には編集モデルが必要ですが、このサーバーではここで {editor} も {fallback} も使えません。このスタイルなしで /imagine を使うか、サーバー管理者に相談してください。",
  "style.promptTooLong":
    "プロンプトとスタイル「{style}」を合わせると {length, number} 文字になります。{model} は最大 {max, number} 文字までです。プロンプトを短くするか、スタイルなしで使ってください。",
  "style.tooManyImages":
    "{model} で使える画像は最大 {max, plural, other {# 枚}}ですが、{own, plural, =0 {} other {あなたの画像 # 枚と}}スタイル「{style}」の画像 {styleImages, plural, other {# 枚}}で合計 {total, number} 枚になります。画像を減らすか、もっと多く使えるモデルを選んでください。",

  "button.jobGone": "この結果はボットの記録に残っていないため、ボタンは使えません。コマンドをもう一度実行してください。",
  "button.otherServer": "このボタンは別のサーバーの結果のものなので、ここでは何もしません。",
  "button.onItsWay": "この結果はすでにお届け中です。",
  "button.cancelNotYours": "キャンセルできるのは、この画像を依頼した人か、「メッセージの管理」権限を持つモデレーターだけです。",
  "button.cancelTooLate": "キャンセルには間に合いませんでした。画像はもうできあがっていて、お届け中です。",
  "button.cancelFinished": "このジョブはもう終わっているので、キャンセルするものはありません。",
  "button.cancelFailed": "今はこのジョブをキャンセルできませんでした（再起動中かもしれません）。少ししてからもう一度お試しください。",
  "button.retryNotYours": "再試行できるのは、この画像を依頼した人だけです。結果の「再生成」を使うか、ご自身でコマンドを実行してください。",
  "button.noImagesToEdit": "この結果には編集できる画像がありません。",
  "button.deleteNotYours": "削除できるのは、この画像を依頼した人か、「メッセージの管理」権限を持つモデレーターだけです。",
  "button.deleted": "削除しました。",
  "button.outdated": "このボタンは古いバージョンのボットのものです。コマンドをもう一度実行してください。",

  "action.noUpscaler": "このボットにはアップスケーラーがないため、アップスケールは使えません。",
  "action.alreadyLargeSized":
    "この画像はすでに {width}×{height} で、長辺が {target} 以上あるため、アップスケール {target} では大きくなりません。{larger, select, yes {もっと大きくするにはアップスケール 4K を使ってください。} other {}}",
  "action.alreadyLargeMadeAt":
    "この画像はすでに {resolution} で作られていて、長辺が {target} 以上あるため、アップスケール {target} では大きくなりません。{larger, select, yes {もっと大きくするにはアップスケール 4K を使ってください。} other {}}",
  "action.imageNotOffered": "この画像はアップスケール・バリエーション・拡張ができません（結果に含まれていないか、セーフティチェッカーに判定された画像です）。",
  "action.panel": "画像 {position, number}: 次はどうしますか？",

  "editModal.title": "{count, plural, =1 {画像を AI で編集} other {# 枚の画像を AI で編集}}",
  "editModal.instruction": "指示",
  "editModal.instructionHint": "どこを変えますか？それ以外はモデルがそのまま残します。",
  "editModal.placeholder": "例: 空を嵐にして、崖の上に灯台を加える",
  "editModal.model": "モデル",
  "editModal.takesFewer": "{max, plural, other {画像は # 枚まで: {count, number} 枚のうち最初の # 枚を使います}}",

  "menu.noImagesToEdit": "そのメッセージには編集できる画像がありません。画像が添付または埋め込まれたメッセージで「AIで編集」を使ってください。",
  "menu.formExpired": "このフォームは期限切れです。メッセージからもう一度「AIで編集」を使ってください。",

  "reply.noImages": "この結果には編集できる画像がありません。画像のある結果に返信してください。",
  "reply.tooManyAttached":
    "{model} で使える画像は最大 {max, plural, other {# 枚}}（結果の画像と、添付画像 {attachable, plural, other {# 枚}}）ですが、{count, number} 枚添付されています。添付する画像を減らしてください。",
  "passedOver": "{model} は{why, select, off {このサーバーでは無効になっている} other {このサーバーではプレミアムロールが必要な}}ため、ここでの {command} はサーバーの既定のモデル {instead} を使います。",
};
