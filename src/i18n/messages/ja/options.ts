import type { Messages } from "../types.js";

export const options: Messages<"options"> = {
  "label.aspectRatio": "アスペクト比",
  "label.resolution": "解像度",
  "label.count": "画像の枚数",
  "label.format": "出力形式",
  "label.seed": "シード",
  "label.negativePrompt": "ネガティブプロンプト",
  "label.steps": "ステップ数",
  "label.guidance": "ガイダンス",
  "label.imageSize": "画像サイズ",
  "label.width": "幅",
  "label.height": "高さ",
  "label.widthPixels": "幅（ピクセル）",
  "label.heightPixels": "高さ（ピクセル）",
  "label.acceleration": "高速化",
  "label.safetyChecker": "セーフティチェッカーの設定",
  "label.safetyTolerance": "セーフティ許容度",
  "label.webSearch": "ウェブ検索の設定",
  "label.thinking": "思考レベル",
  "label.prompt": "プロンプト",
  "label.images": "画像",
  "label.image": "画像",
  "outOfRange":
    "{label}は {min, number, ::group-off}～{max, number, ::group-off} の{integer, select, yes {整数} other {数値}}で指定してください。指定された値: {value}。",
  "onOrOff": "{label}はオンかオフで指定してください。",
  "negativePromptText": "ネガティブプロンプトはテキストで指定してください。",
  "negativePromptTooLong": "ネガティブプロンプトが {length, number} 文字あります。{model} は最大 {max, number} 文字までです。短くしてください。",
  "imageSizeUnknown":
    "画像サイズ「{value}」は {model} では使えません。{sizes} のいずれかを選ぶか、1024x768 のように 幅x高さ で指定してください（各辺 {min, number, ::group-off}～{max, number, ::group-off} ピクセル）。",
  "promptEmpty": "プロンプトが空です。{kind, select, edit {どう変えたいか} vision {画像について何を尋ねたいか} other {作りたい画像}}を書いてください。",
  "promptInvisible":
    "プロンプトに見えない文字（ゼロ幅スペースなど）しかありません。{kind, select, edit {どう変えたいか} vision {画像について何を尋ねたいか} other {作りたい画像}}を言葉で書いてください。",
  "promptTooLong": "プロンプトが {length, number} 文字あります。{model} は最大 {max, number} 文字までです。短くしてください。",
  "textOnlyToCounterpart":
    "{model} はテキストだけから画像を作るモデルで、入力画像は使えません。画像を外すか、編集するなら {counterpart} を選んでください。",
  "textOnly": "{model} はテキストだけから画像を作るモデルで、入力画像は使えません。画像を外すか、編集モデルを選んでください。",
  "imageCount":
    "{model} で使える画像は{exact, select, yes {ちょうど {min, plural, other {# 枚}}} other {{min, number}～{max, number} 枚}}ですが、{count, number} 枚指定されました。",
  "attachOne": "{edit, select, yes {編集する画像} other {画像}}を 1 枚添付してください。",
  "attachMore": "{edit, select, yes {編集する画像} other {画像}}をあと {missing, plural, other {# 枚}}添付してください。",
  "removeSome": "画像を {extra, plural, other {# 枚}}減らしてください。",
  "removeSomeOrSwitch":
    "画像を {extra, plural, other {# 枚}}減らすか、{modelCount, plural, other {その枚数を使える}}{some, select, yes {モデル（たとえば {models}）} other {{models}}}に切り替えてください。",
  "notOffered": "{model} では{label}を設定できません。{label}は空欄のままにしてください。",
  "notOfferedElsewhere":
    "{model} では{label}を設定できません。{some, select, yes {たとえば {models} などのモデル} other {{models}}}を選ぶか、{label}を空欄のままにしてください。",
  "notInList": "{model} には{label}「{value}」はありません。{allowed}{many, select, yes {のいずれか} other {}}を選んでください。",
  "notInListElsewhere":
    "{model} には{label}「{value}」はありません。{allowed}{many, select, yes {のいずれか} other {}}を選ぶか、{modelCount, plural, other {それを使える}}{some, select, yes {モデル（たとえば {models}）} other {{models}}}に切り替えてください。",
  "notTaken": "{model} は「{field}」を受け付けません。",
  "notAccepted": "{model} は{label}を受け付けませんでした: {reason}。",
  "sideMissing":
    "{given}は指定されていますが、{missing}がありません。両方（各 {min, number, ::group-off}～{max, number, ::group-off} ピクセル）を指定するか、入力画像のサイズのままにするならどちらも指定しないでください。",
  "sizeOrSides": "画像サイズか、幅と高さか、どちらか一方だけを指定してください。",
  "upscaleOneImage": "{model} がアップスケールできる画像はちょうど 1 枚ですが、{count, number} 枚指定されました。",
  "upscaleNoOption": "{model} では{label}を設定できません。",
  "upscaleFactor": "{model} が拡大できるのは 1～10 倍です。×{factor} はその範囲外です。",
  "upscaleNotAccepted": "{model} はこの画像を受け付けませんでした: {reason}。",
  "backgroundOneImage": "{model} が背景を除去できる画像はちょうど 1 枚ですが、{count, number} 枚指定されました。",
  "backgroundNoOption": "{model} は画像を受け取るだけで、{label}は設定できません。",
  "backgroundNotAccepted": "{model} はこの画像を処理できませんでした: {reason}。",
};
