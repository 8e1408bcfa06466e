import type { Messages } from "../types.js";

export const common: Messages<"common"> = {
  "unknownCommand": "Cette commande ne fait plus partie de ce bot. Discord affiche peut-être encore une ancienne liste ; réessaie dans une minute.",
  "inactiveComponent": "Ce bouton ou ce formulaire n’est plus actif. Relance la commande pour en obtenir un nouveau.",
  "internalError": "Un problème est survenu de notre côté (réf. {ref}). Réessaie ; si cela se reproduit, préviens un admin du serveur en citant la réf.",
  "seconds": "{seconds, number, ::.0} s",
};
