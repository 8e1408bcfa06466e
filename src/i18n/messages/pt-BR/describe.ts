import type { Messages } from "../types.js";

export const describe: Messages<"describe"> = {
  "noImages": "Essa mensagem não tem imagens para descrever. Use Descrever em uma mensagem com uma imagem anexada ou incorporada.",
  "noPrompt": "Este botão não tem mais um prompt associado. Execute /describe de novo.",
};
