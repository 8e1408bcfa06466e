import type { Messages } from "../types.js";

export const describe: Messages<"describe"> = {
  "noImages": "Ce message ne contient aucune image à décrire. Utilise Décrire sur un message avec une image jointe ou intégrée.",
  "noPrompt": "Ce bouton n’a plus de prompt associé. Relance /describe.",
};
