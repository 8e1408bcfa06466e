import type { Messages } from "../types.js";

export const install: Messages<"install"> = {
  "forcedPrivate":
    "Só você pode ver isto: este servidor não permite que os apps próprios dos membros publiquem em público, então o Discord mantém as respostas do bot privadas aqui.",
  "modelOff": "{model} não está disponível pela sua própria instalação do bot. Escolha outro modelo.",
  "inFlight":
    "Você já tem {max, plural, one {# tarefa} other {# tarefas}} em andamento, o máximo permitido pela sua própria instalação. Espere uma terminar.",
  "imagesUsed": "Você usou {used} das suas {quota} imagens de hoje pela sua própria instalação; o limite reinicia {resets}.",
  "imagesLeft":
    "Restam {left} das suas {quota} imagens de hoje e você pediu {asked}; peça menos ou espere reiniciar {resets}.",
  "budgetSpent": "Seu orçamento diário para a sua própria instalação acabou; ele reinicia {resets}.",
  "budgetOver":
    "Isso passaria do que resta do seu orçamento diário ({left, number, ::currency/USD}); tente um modelo mais barato ou menos imagens, ou espere reiniciar {resets}.",
  "usageTitle": "Seu uso hoje (sua própria instalação)",
  "usageScope":
    "Contado para a sua própria instalação do bot: DMs, DMs em grupo e servidores que não adicionaram o bot. O operador do bot define esses limites.",
};
