import type { Messages } from "../types.js";

export const install: Messages<"install"> = {
  "forcedPrivate":
    "Toi seul peux voir ceci : ce serveur ne permet pas aux applications personnelles des membres de publier publiquement, donc Discord garde ici les réponses du bot privées.",
  "modelOff": "{model} n'est pas disponible via ta propre installation du bot. Choisis un autre modèle.",
  "inFlight":
    "Tu as déjà {max, plural, one {# tâche} other {# tâches}} en cours, le maximum autorisé via ta propre installation. Attends qu'une se termine.",
  "imagesUsed": "Tu as utilisé {used} de tes {quota} images aujourd'hui via ta propre installation ; le compteur se remet à zéro {resets}.",
  "imagesLeft":
    "Il te reste {left} de tes {quota} images aujourd'hui et tu en as demandé {asked} ; demandes-en moins, ou attends la remise à zéro {resets}.",
  "budgetSpent": "Ton budget quotidien pour ta propre installation est épuisé ; il se renouvelle {resets}.",
  "budgetOver":
    "Cela dépasserait ce qu'il reste de ton budget quotidien ({left, number, ::currency/USD}) ; essaie un modèle moins cher ou moins d'images, ou attends le renouvellement {resets}.",
  "usageTitle": "Ton utilisation aujourd'hui (ta propre installation)",
  "usageScope":
    "Compté pour ta propre installation du bot : messages privés, groupes privés et serveurs qui ne l'ont pas ajouté. L'opérateur du bot fixe ces limites.",
};
