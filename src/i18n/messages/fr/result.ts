import type { Messages } from "../types.js";

export const result: Messages<"result"> = {
  "fact": "**{label} :** {value}",
  "prompt": "Prompt",
  "model": "Modèle",
  "size": "Taille",
  "seed": "Graine",
  "time": "Durée",
  "style": "Style",
  "asset": "Ressource",
  "assetValue": "{kind, select, emoji {Émoji} sticker {Autocollant} icon {Icône du serveur} banner {Bannière du serveur} other {Couverture d’évènement}}{transparent, select, yes {, arrière-plan retiré} other {}} · {kib, number} Kio",
  "noImage": "Pas d’image cette fois : le modèle a répondu par du texte",
  "noText": "(le modèle n’a renvoyé ni image ni texte)",
  "withheldLabel": "Masquées",
  "withheld":
    "{count, plural, one {# image a été signalée par le filtre de sécurité et n’est pas affichée} other {# images ont été signalées par le filtre de sécurité et ne sont pas affichées}}, car ce salon n’est pas marqué NSFW.",
  "describeTitle": "Prompts pour cette image",
  "describeHint": "Appuie sur Lancer pour créer une image à partir d’un prompt avec le modèle /imagine du serveur.",
  "describeNone": "Pas de prompts cette fois",
  "describeAnswered": "Le modèle a répondu sans prompts : {answer}\nAppuie sur Relancer pour redemander.",
  "describeNoText": "Le modèle n’a renvoyé aucun texte. Appuie sur Relancer pour redemander.",
  "scaledToFit": "réduite à {size} pour tenir dans la limite d’envoi de Discord",
  "reencodedToFit": "réencodée en WebP pour tenir dans la limite d’envoi de Discord",
};
