import type { Messages } from "../types.js";

export const models: Messages<"models"> = {
  "nano-banana": "Google 快速、低成本的图像模型：根据文字提示生成日常好图。",
  "gemini-25-flash-image": "Nano Banana 背后的模型，用的是 Google 自己的名字：根据文字提示快速出图。",
  "nano-banana-pro": "Google 最强的图像模型：细节精准、文字清晰，最高 4K，可联网搜索。",
  "nano-banana-2": "接近 Pro 的质量、Flash 的速度，支持超宽和超高比例，可选思考模式。",
  "nano-banana-edit": "按你的描述修改或组合最多 3 张图片，快速又便宜。",
  "gemini-25-flash-image-edit": "Nano Banana（编辑）背后的模型，用的是 Google 自己的名字：编辑最多 3 张图片。",
  "nano-banana-pro-edit": "用最多 14 张你的图片进行细致的编辑和合成，最高 4K。",
  "nano-banana-2-edit": "用最多 14 张你的图片进行快速、高质量的编辑和合成，最高 4K。",
  "gemini-flash-edit": "较早的 Gemini 编辑器：一张图片加一条指令，没有其他设置。",
  "firered-edit": "开源编辑器，能保持人脸和文字完好；理解中英文提示。",
  "seedvr-upscale": "忠实放大（结果上的“放大 2K/4K”）：更清晰、更大，不会重新绘制画面。",
  "bria-background-removal": "把图片中的主体抠出来，放在透明背景上（用于表情和贴纸）。",
  "gemini-25-flash-vision": "读取一张图片，写出能生成类似图片的提示词（/describe 和“描述”菜单）。",
};
