import type { Messages } from "../types.js";

export const job: Messages<"job"> = {
  "readingImage": "**{model}** · 正在读取你的图片",
  "starting": "⏳ 正在开始…",
  "waiting": "⏳ 正在等待空位 — {ahead, plural, =0 {下一个就是你} other {前面还有 # 个任务}}",
  "sending": "⏳ 正在发送到 fal…",
  "queued": "⏳ 正在 fal 的队列中等待 — {place, plural, =1 {下一个就是你} other {第 # 位}}",
  "generating": "🎨 生成中 · {elapsed}",
  "generatingLeft": "🎨 生成中 · {elapsed} · {bar} 大约还剩 {left}",
  "generatingAlmostDone": "🎨 生成中 · {elapsed} · {bar} 即将完成",

  "failureInvalidInput": "❌ fal 没有接受这个请求：\n{details}\n请修改后重试。(ref {ref})",
  "failureContentPolicy": "🚫 模型根据其内容政策拒绝了这个请求。请换一种说法描述提示词，或使用其他图片。(ref {ref})",
  "failureInputUnavailable":
    "❌ 这个任务中的一张图片无法读取，即使机器人重新上传后也不行。如果是你附加的图片，请重新附加（PNG、JPEG、WebP 或 GIF）后重试；如果它来自某个结果的按钮，请使用更新结果上的按钮。(ref {ref})",
  "failureSourceUnavailable":
    "❌ 要缩小或平移的图片无法下载，也无法交给 fal，因此没有向模型发送任何内容，也没有收费。请点击“重试”，或使用更新结果上的按钮。(ref {ref})",
  "failureUnauthorized": "⚠️ 机器人的 fal 密钥被拒绝，所以现在无法生成图片。需要服务器管理员修正机器人的 FAL_KEY。(ref {ref})",
  "failureForbidden":
    "⚠️ fal 拒绝了机器人的账户，所以现在无法生成图片（通常是因为余额用完，fal 账户被锁定）。需要服务器管理员检查 fal 账户的余额；此次没有收费。(ref {ref})",
  "failureFalError": "⚠️ fal 那边出了问题，没有接受这个任务；没有收费。请过几分钟再试。(ref {ref})",
  "failureUnreadableSubmit": "⚠️ 无法读取 fal 对这个任务的回复，所以机器人不知道 fal 是否正在生成；这不计入你的限额。请重试。(ref {ref})",
  "failureUnreadableResult": "⚠️ fal 已完成这个任务，但即使再次询问也无法读取它的回复；这不计入你的限额。请重试。(ref {ref})",
  "failureBusy": "⏳ fal 目前很忙，尝试多次后仍未接受这个任务。请过几分钟再试。(ref {ref})",
  "failureTimeout": "⌛ 耗时超过 {limit}，因此已取消（不会再产生费用）。请重试。(ref {ref})",
  "failureCancelled": "🛑 已被 <@{by}> 取消；没有收费。(ref {ref})",
  "failureModelError": "❌ 模型在生成你的图片时失败了。请重试；如果一直失败，请换一个模型。(ref {ref})",
  "failureOutputUnavailable": "❌ 图片已生成，但无法从 fal 下载。请重试。(ref {ref})",
  "failureUploadTooLarge":
    "❌ 图片已生成，但即使机器人缩小后，Discord 仍认为它对这个频道来说太大而拒绝了。点击“重试”可再次发送（不会再次收费），或向服务器管理员询问频道的上传限制。(ref {ref})",
  "failureNetwork": "❌ 机器人无法连接到 fal。请一分钟后再试。(ref {ref})",
  "failureInterrupted":
    "⚠️ 机器人在 fal 确认这个任务之前重启了，所以不知道 fal 是否正在生成；这不计入你的限额。点击“重试”可重新运行。(ref {ref})",
  "failureModelUnavailable":
    "❌ 这个任务指定的模型（{modelId}）已不再由本机器人提供，因此任务已停止；这不计入你的限额。请选择其他模型后重试。(ref {ref})",
  "failureUnknown": "❌ 我们这边出了点问题。请重试；如果一直出现，请告诉服务器管理员并提供该 ref。(ref {ref})",

  "buttonReroll": "重新生成",
  "buttonEdit": "编辑",
  "buttonDelete": "删除",
  "buttonCancel": "取消",
  "buttonRetry": "重试",
  "buttonRun": "运行 {n, number}",
  "buttonUpscale": "放大 {size}",
  "buttonVarySubtle": "变化（轻微）",
  "buttonVaryStrong": "变化（强烈）",
  "buttonZoomOut": "缩小视角 {factor, number}×",
  "actionPan": "平移{direction, select, left {向左} right {向右} up {向上} other {向下}}",

};
