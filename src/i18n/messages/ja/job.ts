import type { Messages } from "../types.js";

export const job: Messages<"job"> = {
  "readingImage": "**{model}** · 画像を読み取っています",
  "starting": "⏳ 開始しています…",
  "waiting": "⏳ 空きを待っています — {ahead, plural, =0 {次の順番です} other {前に # 件}}",
  "sending": "⏳ fal に送信しています…",
  "queued": "⏳ fal の待ち行列にいます — {place, plural, =1 {次の順番です} other {# 番目}}",
  "generating": "🎨 生成中 · {elapsed}",
  "generatingLeft": "🎨 生成中 · {elapsed} · {bar} 残り約 {left}",
  "generatingAlmostDone": "🎨 生成中 · {elapsed} · {bar} まもなく完了",

  "failureInvalidInput": "❌ fal がこのリクエストを受け付けませんでした:\n{details}\nここを直してもう一度お試しください。(ref {ref})",
  "failureContentPolicy":
    "🚫 モデルがコンテンツポリシーによりこのリクエストを拒否しました。プロンプトの言い回しを変えるか、別の画像を使ってください。(ref {ref})",
  "failureInputUnavailable":
    "❌ このジョブの画像の 1 つを、ボットがアップロードし直しても読み取れませんでした。ご自分で添付した画像なら、もう一度添付して (PNG、JPEG、WebP または GIF) やり直してください。結果のボタンから来た画像なら、新しい結果のボタンを使ってください。(ref {ref})",
  "failureSourceUnavailable":
    "❌ ズームアウトまたはパンする画像をダウンロードできず、fal にも渡せなかったため、モデルには何も送られず、料金もかかっていません。「再試行」を押すか、新しい結果のボタンを使ってください。(ref {ref})",
  "failureUnauthorized":
    "⚠️ ボットの fal キーが拒否されたため、今は画像を作れません。サーバー管理者がボットの FAL_KEY を直す必要があります。(ref {ref})",
  "failureForbidden":
    "⚠️ fal がボットのアカウントを拒否したため、今は画像を作れません (多くの場合、残高がなくなり fal アカウントがロックされています)。サーバー管理者が fal アカウントの残高を確認する必要があります。このジョブの料金はかかっていません。(ref {ref})",
  "failureFalError":
    "⚠️ fal 側で問題が起きたため、このジョブは受け付けられませんでした。料金はかかっていません。数分後にもう一度お試しください。(ref {ref})",
  "failureUnreadableSubmit":
    "⚠️ このジョブへの fal の応答を読み取れなかったため、fal が作成中かどうか分かりません。利用上限には数えられません。もう一度お試しください。(ref {ref})",
  "failureUnreadableResult":
    "⚠️ fal はこのジョブを終えましたが、問い合わせ直してもその応答を読み取れませんでした。利用上限には数えられません。もう一度お試しください。(ref {ref})",
  "failureBusy": "⏳ fal は現在混み合っており、何度か試してもジョブを受け付けませんでした。数分後にもう一度お試しください。(ref {ref})",
  "failureTimeout": "⌛ {limit} を超えたためキャンセルしました (これ以上料金はかかりません)。もう一度お試しください。(ref {ref})",
  "failureCancelled": "🛑 <@{by}> がキャンセルしました。料金はかかっていません。(ref {ref})",
  "failureModelError": "❌ 画像の作成中にモデルが失敗しました。もう一度お試しください。失敗が続く場合は別のモデルをお試しください。(ref {ref})",
  "failureOutputUnavailable": "❌ 画像はできましたが、fal からダウンロードできませんでした。もう一度お試しください。(ref {ref})",
  "failureUploadTooLarge":
    "❌ 画像はできましたが、ボットが小さくしてもこのチャンネルには大きすぎるとして Discord に拒否されました。「再試行」を押すともう一度送ります (再度の料金はかかりません)。チャンネルのアップロード上限についてはサーバー管理者にお尋ねください。(ref {ref})",
  "failureNetwork": "❌ ボットが fal に接続できませんでした。1 分後にもう一度お試しください。(ref {ref})",
  "failureInterrupted":
    "⚠️ fal がこのジョブを受け付けたと確認する前にボットが再起動したため、fal が作成中かどうか分かりません。利用上限には数えられません。「再試行」を押すともう一度実行します。(ref {ref})",
  "failureModelUnavailable":
    "❌ このジョブが指定したモデル ({modelId}) はこのボットでもう提供されていないため、ジョブを停止しました。利用上限には数えられません。別のモデルを選んでもう一度お試しください。(ref {ref})",
  "failureUnknown": "❌ こちら側で問題が発生しました。もう一度お試しください。繰り返し起きる場合は、ref を添えてサーバー管理者に伝えてください。(ref {ref})",

  "buttonReroll": "再生成",
  "buttonEdit": "編集",
  "buttonDelete": "削除",
  "buttonCancel": "キャンセル",
  "buttonRetry": "再試行",
  "buttonRun": "実行 {n, number}",
  "buttonUpscale": "アップスケール {size}",
  "buttonVarySubtle": "バリエーション (弱)",
  "buttonVaryStrong": "バリエーション (強)",
  "buttonZoomOut": "ズームアウト {factor, number}×",
  "actionPan": "パン {direction, select, left {左} right {右} up {上} other {下}}",

};
