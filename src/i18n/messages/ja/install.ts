import type { Messages } from "../types.js";

export const install: Messages<"install"> = {
  "forcedPrivate":
    "このメッセージはあなたにだけ表示されています：このサーバーではメンバー個人のアプリによる公開投稿が許可されていないため、Discord がボットの返信をここでは非公開にしています。",
  "modelOff": "{model} は、あなた個人にインストールしたボットでは使えません。別のモデルを選んでください。",
  "inFlight":
    "すでに {max, plural, other {# 件のジョブ}} が実行中で、個人インストールで許可されている上限です。どれかが終わるまでお待ちください。",
  "imagesUsed": "個人インストールで今日使える画像 {quota} 枚のうち {used} 枚を使いました。{resets}にリセットされます。",
  "imagesLeft":
    "今日の画像は {quota} 枚のうち残り {left} 枚ですが、{asked} 枚を依頼しました。枚数を減らすか、{resets}のリセットまでお待ちください。",
  "budgetSpent": "個人インストールの 1 日の予算を使い切りました。{resets}にリセットされます。",
  "budgetOver":
    "1 日の予算の残り（{left, number, ::currency/USD}）を超えてしまいます。安いモデルにするか画像を減らすか、{resets}のリセットまでお待ちください。",
  "usageTitle": "今日の利用状況（個人インストール）",
  "usageScope":
    "ボットの個人インストールでの利用分です：DM、グループ DM、ボットを追加していないサーバー。これらの上限はボットの運営者が設定しています。",
};
