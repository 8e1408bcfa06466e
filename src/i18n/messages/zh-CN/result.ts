import type { Messages } from "../types.js";

export const result: Messages<"result"> = {
  "fact": "**{label}：** {value}",
  "prompt": "提示词",
  "model": "模型",
  "size": "尺寸",
  "seed": "种子",
  "time": "用时",
  "style": "风格",
  "asset": "素材",
  "assetValue": "{kind, select, emoji {表情符号} sticker {贴纸} icon {服务器图标} banner {服务器横幅} other {活动封面}}{transparent, select, yes {（已去除背景）} other {}} · {kib, number} KiB",
  "noImage": "这次没有图片——模型用文字作了回答",
  "noText": "（模型既没有返回图片，也没有返回任何文字）",
  "withheldLabel": "已隐藏",
  "withheld": "{count, plural, other {# 张图片被安全检查标记，未予显示}}，因为此频道未标记为 NSFW。",
  "describeTitle": "适用于这张图片的提示词",
  "describeHint": "点击“运行”，即可用服务器的 /imagine 模型根据提示词生成图片。",
  "describeNone": "这次没有提示词",
  "describeAnswered": "模型没有给出提示词，而是回答：{answer}\n点击“重新生成”再问一次。",
  "describeNoText": "模型没有返回任何文字。点击“重新生成”再问一次。",
  "scaledToFit": "已缩小到 {size} 以符合 Discord 的上传限制",
  "reencodedToFit": "已重新编码为 WebP 以符合 Discord 的上传限制",
};
