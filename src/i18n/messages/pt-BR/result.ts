import type { Messages } from "../types.js";

export const result: Messages<"result"> = {
  "fact": "**{label}:** {value}",
  "prompt": "Prompt",
  "model": "Modelo",
  "size": "Tamanho",
  "seed": "Semente",
  "time": "Tempo",
  "style": "Estilo",
  "asset": "Recurso",
  "assetValue": "{kind, select, emoji {Emoji} sticker {Figurinha} icon {Ícone do servidor} banner {Banner do servidor} other {Capa de evento}}{transparent, select, yes {, sem fundo} other {}} · {kib, number} KiB",
  "noImage": "Desta vez não veio imagem — o modelo respondeu com palavras",
  "noText": "(o modelo não retornou nem imagem nem texto)",
  "withheldLabel": "Ocultas",
  "withheld":
    "{count, plural, one {# imagem foi sinalizada pelo filtro de segurança e não é exibida} other {# imagens foram sinalizadas pelo filtro de segurança e não são exibidas}}, porque este canal não está marcado como NSFW.",
  "describeTitle": "Prompts para esta imagem",
  "describeHint": "Aperte Executar para criar uma imagem a partir de um prompt com o modelo de /imagine do servidor.",
  "describeNone": "Nenhum prompt desta vez",
  "describeAnswered": "O modelo respondeu sem prompts: {answer}\nAperte Refazer para perguntar de novo.",
  "describeNoText": "O modelo não retornou nenhum texto. Aperte Refazer para perguntar de novo.",
  "scaledToFit": "reduzida para {size} para caber no limite de envio do Discord",
  "reencodedToFit": "recodificada como WebP para caber no limite de envio do Discord",
};
