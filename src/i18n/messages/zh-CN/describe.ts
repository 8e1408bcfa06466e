import type { Messages } from "../types.js";

export const describe: Messages<"describe"> = {
  "noImages": "那条消息里没有可描述的图片。请在带有附件图片或嵌入图片的消息上使用“描述图片”。",
  "noPrompt": "这个按钮已经没有对应的提示词了。请重新运行 /describe。",
};
