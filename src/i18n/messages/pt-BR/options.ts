import type { Messages } from "../types.js";

export const options: Messages<"options"> = {
  "label.aspectRatio": "proporção",
  "label.resolution": "resolução",
  "label.count": "número de imagens",
  "label.format": "formato de saída",
  "label.seed": "seed",
  "label.negativePrompt": "prompt negativo",
  "label.steps": "número de etapas",
  "label.guidance": "fidelidade ao prompt",
  "label.imageSize": "tamanho da imagem",
  "label.width": "largura",
  "label.height": "altura",
  "label.widthPixels": "largura em pixels",
  "label.heightPixels": "altura em pixels",
  "label.acceleration": "aceleração",
  "label.safetyChecker": "filtro de segurança",
  "label.safetyTolerance": "tolerância de segurança",
  "label.webSearch": "pesquisa na web",
  "label.thinking": "nível de raciocínio",
  "label.prompt": "prompt",
  "label.images": "imagens",
  "label.image": "imagem",
  "outOfRange":
    "Em “{label}”, informe {integer, select, yes {um número inteiro} other {um número}} de {min, number, ::group-off} a {max, number, ::group-off}; você informou {value}.",
  "onOrOff": "“{label}” só pode estar ativado ou desativado.",
  "negativePromptText": "O prompt negativo precisa ser texto.",
  "negativePromptTooLong": "O prompt negativo tem {length, number} caracteres; o {model} aceita no máximo {max, number}. Encurte-o.",
  "imageSizeUnknown":
    "O {model} não conhece o tamanho de imagem “{value}”; escolha {sizes}, ou informe LARGURAxALTURA, como 1024x768, com cada lado de {min, number, ::group-off} a {max, number, ::group-off} pixels.",
  "promptEmpty":
    "O prompt está vazio; descreva {kind, select, edit {a mudança que você quer} vision {o que quer saber sobre a imagem} other {a imagem que você quer}}.",
  "promptInvisible":
    "O prompt só tem caracteres invisíveis (como espaços de largura zero); descreva em palavras {kind, select, edit {a mudança que você quer} vision {o que quer saber sobre a imagem} other {a imagem que você quer}}.",
  "promptTooLong": "O prompt tem {length, number} caracteres; o {model} aceita no máximo {max, number}. Encurte-o.",
  "textOnlyToCounterpart":
    "O {model} cria imagens só a partir de texto e não aceita imagens de entrada; remova as imagens ou escolha o {counterpart} para editá-las.",
  "textOnly": "O {model} cria imagens só a partir de texto e não aceita imagens de entrada; remova as imagens ou escolha um modelo de edição.",
  "imageCount":
    "O {model} aceita {exact, select, yes {exatamente {min, plural, one {# imagem} other {# imagens}}} other {de {min, number} a {max, number} imagens}}; você enviou {count, number}.",
  "attachOne": "Anexe uma imagem{edit, select, yes { para editar} other {}}.",
  "attachMore": "Anexe mais {missing, plural, one {# imagem} other {# imagens}}{edit, select, yes { para editar} other {}}.",
  "removeSome": "Remova {extra, plural, one {# imagem} other {# imagens}}.",
  "removeSomeOrSwitch":
    "Remova {extra, plural, one {# imagem} other {# imagens}} ou troque para{some, select, yes {, por exemplo,} other {}} {models}, que {modelCount, plural, one {aceita} other {aceitam}} essa quantidade.",
  "notOffered": "O {model} não permite ajustar “{label}”; deixe “{label}” em branco.",
  "notOfferedElsewhere":
    "O {model} não permite ajustar “{label}”; escolha{some, select, yes {, por exemplo,} other {}} {models} ou deixe “{label}” em branco.",
  "notInList": "O {model} não oferece “{value}” em “{label}”; escolha {many, select, yes {entre } other {}}{allowed}.",
  "notInListElsewhere":
    "O {model} não oferece “{value}” em “{label}”; escolha {many, select, yes {entre } other {}}{allowed} ou troque para{some, select, yes {, por exemplo,} other {}} {models}, que {modelCount, plural, one {oferece} other {oferecem}} essa opção.",
  "notTaken": "O {model} não aceita “{field}”.",
  "notAccepted": "O {model} não aceitou “{label}”: {reason}.",
  "sideMissing":
    "Você informou “{given}”, mas não “{missing}”; informe os dois (cada um de {min, number, ::group-off} a {max, number, ::group-off} pixels) ou nenhum para manter o tamanho da imagem original.",
  "sizeOrSides": "Escolha um tamanho de imagem ou uma largura e altura, não os dois.",
  "upscaleOneImage": "O {model} amplia exatamente 1 imagem; você enviou {count, number}.",
  "upscaleNoOption": "O {model} não permite ajustar “{label}”.",
  "upscaleFactor": "O {model} amplia uma imagem de 1 a 10 vezes; ×{factor} está fora desse intervalo.",
  "upscaleNotAccepted": "O {model} não aceitou a imagem: {reason}.",
  "backgroundOneImage": "O {model} remove o fundo de exatamente 1 imagem; você enviou {count, number}.",
  "backgroundNoOption": "O {model} só recebe uma imagem: não há “{label}” para ajustar.",
  "backgroundNotAccepted": "O {model} não conseguiu processar a imagem: {reason}.",
};
