import type { Messages } from "../types.js";

export const common: Messages<"common"> = {
  "unknownCommand": "Esse comando não faz mais parte deste bot. O Discord pode ainda estar mostrando uma lista antiga; tente de novo em um minuto.",
  "inactiveComponent": "Este botão ou formulário não está mais ativo. Use o comando de novo para obter um novo.",
  "internalError": "Algo deu errado do nosso lado (ref. {ref}). Tente de novo; se continuar acontecendo, avise um admin do servidor e cite a ref.",
  "seconds": "{seconds, number, ::.0} s",
};
