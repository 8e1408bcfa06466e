import type { Messages } from "../types.js";

export const common: Messages<"common"> = {
  "unknownCommand": "そのコマンドはこのボットにはもうありません。Discord が古い一覧を表示している可能性があります。1 分後にもう一度お試しください。",
  "inactiveComponent": "このボタンまたはフォームはもう使えません。コマンドをもう一度実行して新しいものを表示してください。",
  "internalError": "こちら側で問題が発生しました（参照番号 {ref}）。もう一度お試しください。繰り返し起きる場合は、参照番号を添えてサーバー管理者に伝えてください。",
  "seconds": "{seconds, number, ::.0} 秒",
};
