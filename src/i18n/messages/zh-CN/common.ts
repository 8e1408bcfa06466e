import type { Messages } from "../types.js";

export const common: Messages<"common"> = {
  "unknownCommand": "此命令已不再属于本机器人。Discord 可能仍在显示旧列表；请一分钟后再试。",
  "inactiveComponent": "此按钮或表单已失效。请重新运行命令以获取新的。",
  "internalError": "我们这边出了点问题（编号 {ref}）。请重试；如果一直出现，请告诉服务器管理员并提供该编号。",
  "seconds": "{seconds, number, ::.0} 秒",
};
