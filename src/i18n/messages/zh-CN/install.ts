import type { Messages } from "../types.js";

export const install: Messages<"install"> = {
  "forcedPrivate": "仅你可见：此服务器不允许成员自己的应用公开发言，因此 Discord 在这里将机器人的回复设为仅你可见。",
  "modelOff": "通过你个人安装的机器人无法使用 {model}。请选择其他模型。",
  "inFlight": "你已有 {max, plural, other {# 个任务}} 正在运行，这是个人安装允许的上限。请等待其中一个完成。",
  "imagesUsed": "你今天通过个人安装已使用 {used} 张图片（共 {quota} 张）；将于{resets}重置。",
  "imagesLeft": "你今天还剩 {left} 张图片（共 {quota} 张），但请求了 {asked} 张；请减少数量，或等到{resets}重置。",
  "budgetSpent": "你个人安装的每日预算已用完；将于{resets}重置。",
  "budgetOver": "这将超出你每日预算的剩余额度（{left, number, ::currency/USD}）；请换用更便宜的模型或减少图片数量，或等到{resets}重置。",
  "usageTitle": "你今天的用量（个人安装）",
  "usageScope": "按你个人安装的机器人统计：私信、群组私信以及未添加该机器人的服务器。这些限额由机器人的运营者设定。",
};
