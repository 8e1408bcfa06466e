import type { Messages } from "../types.js";

export const catalog: Messages<"catalog"> = {
  "title": "モデル",
  "intro": "`/imagine` でテキストから画像を作成、`/edit` で添付した画像を変更、`/describe`(またはメッセージのアプリ → Describe)で画像のプロンプトを取得できます。結果の下の Upscale ボタンは SeedVR2 を使います。",
  "textOnly": "テキストのみ",
  "inputImages": "入力画像 {count, plural, other {# 枚}}",
  "inputImagesRange": "入力画像 {min}–{max} 枚",
  "resolutions": "解像度 {values}",
  "upToImages": "最大 {max} 枚",
  "formats": "{values}(既定 {fallback})",
  "seed": "シード",
  "webSearch": "ウェブ検索",
  "negativePrompt": "ネガティブプロンプト",
  "accelerations": "高速化 {values}",
  "customSize": "幅 × 高さを指定",
  "kindEdit": "画像を編集",
  "kindTextToImage": "テキストから画像を作成",
  "kindVision": "画像からプロンプトを作成",
  "kindUpscale": "画像を高解像度化",
  "kindBackgroundRemoval": "画像の背景を削除",
};
