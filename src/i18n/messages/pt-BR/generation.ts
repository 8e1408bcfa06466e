import type { Messages } from "../types.js";

export const generation: Messages<"generation"> = {
  "refused": "Nada foi enviado ao modelo. Altere o seguinte:\n{problems}",
  "restarting": "O bot está reiniciando agora e não pode aceitar novos trabalhos. Tente de novo em um minuto.",
  "buttonsInServer": "Use os botões no servidor onde a imagem foi criada: os limites dele valem lá.",

  "image.numbered": "imagem {n, number}",
  "image.ofResult": "imagem {n, number} do resultado",
  "image.resultNumbered": "imagem {n, number} do resultado",
  "image.embedded": "imagem incorporada {n, number}",
  "image.ofStyle": "imagem {n, number} do seu estilo “{style}”",

  "input.svg": "{label} é um desenho SVG, que os modelos não conseguem ler; exporte-o como PNG e anexe esse arquivo.",
  "input.wrongType": "{label} não é uma imagem que os modelos consigam ler ({type}); anexe um PNG, JPEG, WebP ou GIF.",
  "input.unknownType": "tipo desconhecido",
  "input.empty": "{label} é um arquivo vazio (0 bytes); anexe a imagem de novo.",
  "input.tooLarge": "{label} tem {megabytes, number, ::.0} MB; as imagens podem ter no máximo {max, number, ::.0} MB. Anexe uma menor.",
  "input.unreadable":
    "{label} não pôde ser aberto como imagem{claimed, select, yes { (ele se diz {type})} other {}}: o arquivo está corrompido ou não é realmente uma imagem. Salve-o de novo como PNG, JPEG, WebP ou GIF e anexe esse arquivo.",
  "input.animated": "{label} é animado; os modelos só aceitam imagens estáticas. Anexe um único quadro, salvo como PNG, JPEG ou WebP.",

  "style.missing": "Você não tem nenhum estilo chamado “{style}”. `/style list` mostra seus estilos, e `/style save` cria um.",
  "style.noEditModel": "O {model} não consegue usar as imagens do seu estilo “{style}”; escolha outro modelo.",
  "style.editModelNotAllowed":
    "As imagens do seu estilo “{style}” precisam de um modelo de edição, e este servidor não deixa você usar o {editor} aqui. Use /imagine sem esse estilo ou fale com um admin do servidor.",
  "style.editModelsNotAllowed":
    "As imagens do seu estilo “{style}” precisam de um modelo de edição, e este servidor não deixa você usar nem o {editor} nem o {fallback} aqui. Use /imagine sem esse estilo ou fale com um admin do servidor.",
  "style.promptTooLong":
    "Seu prompt e o estilo “{style}” somam {length, number} caracteres; o {model} aceita no máximo {max, number}. Encurte o prompt ou use-o sem o estilo.",
  "style.tooManyImages":
    "O {model} aceita no máximo {max, plural, one {# imagem} other {# imagens}}; {own, plural, =0 {} one {sua imagem e } other {suas # imagens e }}{styleImages, plural, one {a imagem} other {as # imagens}} do estilo “{style}” somam {total, number}. Anexe menos imagens ou escolha um modelo que aceite mais.",

  "button.jobGone": "Este resultado não está mais nos registros do bot, então os botões dele não funcionam. Execute o comando de novo.",
  "button.otherServer": "Este botão pertence a um resultado de outro servidor, então não faz nada aqui.",
  "button.onItsWay": "Este resultado já está a caminho.",
  "button.cancelNotYours": "Só quem pediu esta imagem, ou um moderador com a permissão Gerenciar mensagens, pode cancelá-la.",
  "button.cancelTooLate": "Tarde demais para cancelar: a imagem já foi feita e está sendo entregue.",
  "button.cancelFinished": "Este trabalho já terminou, então não há nada para cancelar.",
  "button.cancelFailed": "O bot não conseguiu cancelar este trabalho agora (talvez esteja reiniciando). Tente de novo daqui a pouco.",
  "button.retryNotYours": "Só quem pediu esta imagem pode tentar de novo. Use Gerar de novo em um resultado ou execute o comando você mesmo.",
  "button.noImagesToEdit": "Este resultado não tem imagens para editar.",
  "button.deleteNotYours": "Só quem pediu esta imagem, ou um moderador com a permissão Gerenciar mensagens, pode excluí-la.",
  "button.deleted": "Excluído.",
  "button.outdated": "Este botão é de uma versão antiga do bot. Execute o comando de novo.",

  "action.noUpscaler": "Este bot não oferece um ampliador, então Ampliar não está disponível.",
  "action.alreadyLargeSized":
    "Esta imagem já tem {width}×{height}, {target} ou mais no lado maior, então Ampliar {target} não a deixaria maior.{larger, select, yes { Use Ampliar 4K para deixá-la maior.} other {}}",
  "action.alreadyLargeMadeAt":
    "Esta imagem já foi feita em {resolution}, {target} ou mais no lado maior, então Ampliar {target} não a deixaria maior.{larger, select, yes { Use Ampliar 4K para deixá-la maior.} other {}}",
  "action.imageNotOffered":
    "Esta imagem não pode ser ampliada, variada nem estendida (ela não está no resultado ou foi marcada pelo filtro de segurança).",
  "action.panel": "Imagem {position, number}: e agora?",

  "editModal.title": "{count, plural, one {Editar a imagem com IA} other {Editar # imagens com IA}}",
  "editModal.instruction": "Instrução",
  "editModal.instructionHint": "O que deve mudar? O modelo mantém o resto.",
  "editModal.placeholder": "ex.: deixe o céu tempestuoso e coloque um farol no penhasco",
  "editModal.model": "Modelo",
  "editModal.takesFewer":
    "{max, plural, one {Aceita uma imagem: usa a primeira das {count, number}} other {Aceita # imagens: usa as # primeiras das {count, number}}}",

  "menu.noImagesToEdit": "Essa mensagem não tem imagens para editar. Use Editar com IA em uma mensagem com uma imagem anexada ou incorporada.",
  "menu.formExpired": "Este formulário expirou; use Editar com IA na mensagem de novo.",

  "reply.noImages": "Este resultado não tem imagens para editar. Responda a um resultado que tenha uma imagem.",
  "reply.tooManyAttached":
    "O {model} aceita no máximo {max, plural, one {# imagem} other {# imagens}}, a do resultado e {attachable, plural, one {# imagem anexada} other {# imagens anexadas}}; você anexou {count, number}. Anexe menos imagens.",
  "passedOver": "{model} {why, select, off {está desativado neste servidor} other {exige um cargo premium neste servidor}}, então {command} aqui usa o padrão do servidor, {instead}.",
};
