import type { Messages } from "../types.js";

export const generation: Messages<"generation"> = {
  "refused": "没有向模型发送任何内容。请修改以下内容：\n{problems}",
  "restarting": "机器人正在重启，暂时无法接受新任务。请一分钟后再试。",
  "buttonsInServer": "请在生成这张图片的服务器里使用这些按钮：那里的限制才适用。",

  "image.numbered": "图片 {n, number}",
  "image.ofResult": "结果中的图片 {n, number}",
  "image.resultNumbered": "结果图片 {n, number}",
  "image.embedded": "嵌入图片 {n, number}",
  "image.ofStyle": "你的风格“{style}”中的图片 {n, number}",

  "input.svg": "{label} 是 SVG 矢量图，模型无法读取；请导出为 PNG 后再附上。",
  "input.wrongType": "{label} 不是模型能读取的图片（{type}）；请附上 PNG、JPEG、WebP 或 GIF 图片。",
  "input.unknownType": "未知类型",
  "input.empty": "{label} 是空文件（0 字节）；请重新附上图片。",
  "input.tooLarge": "{label} 大小为 {megabytes, number, ::.0} MB；图片最大为 {max, number, ::.0} MB。请附上更小的图片。",
  "input.unreadable":
    "{label} 无法作为图片打开{claimed, select, yes {（它声称是 {type}）} other {}}：文件已损坏，或其实不是图片。请重新保存为 PNG、JPEG、WebP 或 GIF 后再附上。",
  "input.animated": "{label} 是动图；模型只接受静态图片。请附上其中一帧，保存为 PNG、JPEG 或 WebP。",

  "style.missing": "你没有名为“{style}”的风格。`/style list` 可查看你的风格，`/style save` 可创建新风格。",
  "style.noEditModel": "{model} 无法使用你的风格“{style}”中的图片；请选择其他模型。",
  "style.editModelNotAllowed":
    "你的风格“{style}”中的图片需要编辑模型，而此服务器不允许你在这里使用 {editor}。请不带此风格使用 /imagine，或询问服务器管理员。",
  "style.editModelsNotAllowed":
    "你的风格“{style}”中的图片需要编辑模型，而此服务器不允许你在这里使用 {editor} 或 {fallback}。请不带此风格使用 /imagine，或询问服务器管理员。",
  "style.promptTooLong":
    "你的提示词加上风格“{style}”共 {length, number} 个字符；{model} 最多接受 {max, number} 个。请缩短提示词，或不带风格使用。",
  "style.tooManyImages":
    "{model} 最多接受 {max, plural, other {# 张图片}}；{own, plural, =0 {} other {你的 # 张图片加上}}风格“{style}”的 {styleImages, plural, other {# 张图片}}共 {total, number} 张。请减少图片，或选择能接受更多图片的模型。",

  "button.jobGone": "机器人的记录中已没有这个结果，因此它的按钮无法使用。请重新运行命令。",
  "button.otherServer": "这个按钮属于另一个服务器上的结果，在这里不起作用。",
  "button.onItsWay": "这个结果已经在发送途中。",
  "button.cancelNotYours": "只有请求这张图片的人，或拥有“管理消息”权限的管理员，才能取消它。",
  "button.cancelTooLate": "来不及取消了：图片已经生成，正在发送。",
  "button.cancelFinished": "这个任务已经结束，没有可取消的内容。",
  "button.cancelFailed": "机器人现在无法取消这个任务（可能正在重启）。请稍后再试。",
  "button.retryNotYours": "只有请求这张图片的人才能重试。请在结果上使用“重新生成”，或自己运行命令。",
  "button.noImagesToEdit": "这个结果没有可编辑的图片。",
  "button.deleteNotYours": "只有请求这张图片的人，或拥有“管理消息”权限的管理员，才能删除它。",
  "button.deleted": "已删除。",
  "button.outdated": "这个按钮来自旧版本的机器人。请重新运行命令。",

  "action.noUpscaler": "这个机器人没有提供放大模型，因此无法使用“放大”。",
  "action.alreadyLargeSized":
    "这张图片已经是 {width}×{height}，长边已达 {target} 或以上，“放大 {target}”不会让它变大。{larger, select, yes {请使用“放大 4K”来放大它。} other {}}",
  "action.alreadyLargeMadeAt":
    "这张图片已经以 {resolution} 生成，长边已达 {target} 或以上，“放大 {target}”不会让它变大。{larger, select, yes {请使用“放大 4K”来放大它。} other {}}",
  "action.imageNotOffered": "这张图片无法放大、变化或扩展（它不在结果中，或被安全检查标记了）。",
  "action.panel": "图片 {position, number}：接下来做什么？",

  "editModal.title": "{count, plural, =1 {用 AI 编辑图片} other {用 AI 编辑 # 张图片}}",
  "editModal.instruction": "指令",
  "editModal.instructionHint": "要改什么？其余部分模型会保持不变。",
  "editModal.placeholder": "例如：把天空变成暴风雨，并在悬崖上加一座灯塔",
  "editModal.model": "模型",
  "editModal.takesFewer": "{max, plural, other {最多 # 张图片：使用 {count, number} 张中的前 # 张}}",

  "menu.noImagesToEdit": "那条消息里没有可编辑的图片。请在带有附件图片或嵌入图片的消息上使用“用 AI 编辑”。",
  "menu.formExpired": "此表单已过期；请在消息上重新使用“用 AI 编辑”。",

  "reply.noImages": "这个结果没有可编辑的图片。请回复带有图片的结果。",
  "reply.tooManyAttached":
    "{model} 最多接受 {max, plural, other {# 张图片}}（结果图片加上 {attachable, plural, other {# 张附加图片}}）；你附上了 {count, number} 张。请减少附加的图片。",
  "passedOver": "{model}{why, select, off {在此服务器上已关闭} other {在此服务器上需要高级身份组}}，因此这里的 {command} 使用服务器的默认模型 {instead}。",
};
