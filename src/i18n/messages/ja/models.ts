import type { Messages } from "../types.js";

export const models: Messages<"models"> = {
  "nano-banana": "Google の高速・低コストな画像モデル。テキストから普段使いのきれいな画像を作ります。",
  "gemini-25-flash-image": "Nano Banana の中身のモデルを Google 自身の名前で。テキストからすばやく画像を作ります。",
  "nano-banana-pro": "Google で最も高性能な画像モデル。精密なディテールと読みやすい文字、最大 4K、ウェブ検索も可能。",
  "nano-banana-2": "Flash の速さで Pro に近い品質。超横長・超縦長の形と、任意の思考モードに対応。",
  "nano-banana-edit": "あなたの画像を最大 3 枚まで、説明どおりに変更・合成します。速くて安価。",
  "gemini-25-flash-image-edit": "Nano Banana（編集）の中身のモデルを Google 自身の名前で。画像を最大 3 枚まで編集します。",
  "nano-banana-pro-edit": "最大 14 枚の画像から、丁寧で精密な編集と合成を行います。最大 4K。",
  "nano-banana-2-edit": "最大 14 枚の画像から、速くて高品質な編集と合成を行います。最大 4K。",
  "gemini-flash-edit": "以前の Gemini エディター。画像 1 枚と指示だけで、ほかの設定はありません。",
  "firered-edit": "顔や文字を崩さないオープンソースのエディター。英語と中国語の指示を理解します。",
  "seedvr-upscale": "忠実なアップスケール（結果の「アップスケール 2K/4K」）。描き直さずに、より鮮明で大きくします。",
  "bria-background-removal": "画像から被写体を切り抜き、透明な背景に載せます（絵文字やスタンプ用）。",
  "gemini-25-flash-vision": "画像を読み取り、似た画像を作れるプロンプトを書きます（/describe と「説明」メニュー）。",
};
