import type { Messages } from "../types.js";

export const describe: Messages<"describe"> = {
  "noImages": "そのメッセージには説明できる画像がありません。画像が添付または埋め込まれたメッセージで「画像を説明」を使ってください。",
  "noPrompt": "このボタンにはもうプロンプトがありません。/describe をもう一度実行してください。",
};
