import type { Messages } from "../types.js";

export const assetCommand: Messages<"assetCommand"> = {
  "label": "{kind, select, emoji {Émoji} sticker {Autocollant} icon {Icône du serveur} banner {Bannière du serveur} other {Couverture d’évènement}}",
  "needsServer": "/asset crée des images pour un serveur qui a ajouté falcord lui-même : utilise-le sur un tel serveur.",
  "memberMissing": "Créer {kind, select, emoji {un émoji} sticker {un autocollant} icon {l’icône du serveur} banner {la bannière du serveur} other {une couverture d’évènement}} demande la permission **{permission}** sur ce serveur, que tu n’as pas. Demande à un modérateur qui l’a.",
  "botMissing": "falcord n’a pas la permission **{permission}** sur ce serveur : il ne pourrait donc pas y ajouter {kind, select, emoji {un émoji} sticker {un autocollant} icon {l’icône du serveur} banner {la bannière du serveur} other {une couverture d’évènement}}. Un administrateur peut la donner au rôle de falcord dans Paramètres du serveur → Rôles ; rien n’a été créé ni facturé.",
};
