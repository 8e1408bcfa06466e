import type { Messages } from "../types.js";

export const catalog: Messages<"catalog"> = {
  "title": "模型",
  "intro": "用 `/imagine` 根据文字生成图片,用 `/edit` 修改你附加的图片,用 `/describe`(或消息的应用 → Describe)获取图片的提示词;结果下方的 Upscale 按钮使用 SeedVR2。",
  "textOnly": "仅文字",
  "inputImages": "{count, plural, other {# 张输入图片}}",
  "inputImagesRange": "{min}–{max} 张输入图片",
  "resolutions": "分辨率 {values}",
  "upToImages": "最多 {max} 张图片",
  "formats": "{values}(默认 {fallback})",
  "seed": "种子",
  "webSearch": "网络搜索",
  "negativePrompt": "负面提示词",
  "accelerations": "加速 {values}",
  "customSize": "自定义宽 × 高",
  "kindEdit": "编辑图片",
  "kindTextToImage": "根据文字生成图片",
  "kindVision": "根据图片写提示词",
  "kindUpscale": "放大图片",
  "kindBackgroundRemoval": "去除图片背景",
};
