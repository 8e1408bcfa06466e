import type { Messages } from "../types.js";

export const describe: Messages<"describe"> = {
  "noImages": "Ese mensaje no tiene imágenes que describir. Usa Describir en un mensaje con una imagen adjunta o incrustada.",
  "noPrompt": "Este botón ya no tiene ningún prompt asociado. Vuelve a ejecutar /describe.",
};
