import type { Messages } from "../types.js";

export const job: Messages<"job"> = {
  "readingImage": "**{model}** · lecture de ton image",
  "starting": "⏳ Démarrage…",
  "waiting": "⏳ En attente d’une place libre — {ahead, plural, =0 {tu es le prochain} one {# tâche avant toi} other {# tâches avant toi}}",
  "sending": "⏳ Envoi à fal…",
  "queued": "⏳ Dans la file d’attente de fal — {place, plural, =1 {tu es le prochain} other {position #}}",
  "generating": "🎨 Génération · {elapsed}",
  "generatingLeft": "🎨 Génération · {elapsed} · {bar} encore environ {left}",
  "generatingAlmostDone": "🎨 Génération · {elapsed} · {bar} presque terminé",

  "failureInvalidInput": "❌ fal n’a pas accepté cette demande :\n{details}\nCorrige cela et réessaie. (ref {ref})",
  "failureContentPolicy":
    "🚫 Le modèle a refusé cette demande en vertu de sa politique de contenu. Essaie de reformuler le prompt ou d’utiliser d’autres images. (ref {ref})",
  "failureInputUnavailable":
    "❌ L’une des images de cette tâche n’a pas pu être lue, même après que le bot l’a de nouveau téléversée. Si tu l’as jointe, joins-la à nouveau (PNG, JPEG, WebP ou GIF) et réessaie ; si elle venait des boutons d’un résultat, utilise les boutons d’un résultat plus récent. (ref {ref})",
  "failureSourceUnavailable":
    "❌ L’image à dézoomer ou à décaler n’a pas pu être téléchargée ni transmise à fal : rien n’a été envoyé au modèle et rien n’a été facturé. Appuie sur Réessayer ou utilise les boutons d’un résultat plus récent. (ref {ref})",
  "failureUnauthorized":
    "⚠️ La clé fal du bot a été refusée, il ne peut donc pas créer d’images pour le moment. Un admin du serveur doit corriger la FAL_KEY du bot. (ref {ref})",
  "failureForbidden":
    "⚠️ fal a refusé le compte du bot, il ne peut donc pas créer d’images pour le moment (en général, le compte fal est bloqué parce que son solde est épuisé). Un admin du serveur doit vérifier le solde du compte fal ; rien n’a été facturé pour ceci. (ref {ref})",
  "failureFalError":
    "⚠️ fal a rencontré un problème de son côté et n’a pas pris cette tâche ; rien n’a été facturé. Réessaie dans quelques minutes. (ref {ref})",
  "failureUnreadableSubmit":
    "⚠️ La réponse de fal à cette tâche était illisible, le bot ne sait donc pas si fal est en train de la faire ; elle ne compte pas dans tes limites. Réessaie. (ref {ref})",
  "failureUnreadableResult":
    "⚠️ fal a terminé cette tâche mais sa réponse était illisible, même après une nouvelle demande ; elle ne compte pas dans tes limites. Réessaie. (ref {ref})",
  "failureBusy": "⏳ fal est surchargé en ce moment et n’a pas pris la tâche après plusieurs essais. Réessaie dans quelques minutes. (ref {ref})",
  "failureTimeout": "⌛ Cela a pris plus de {limit}, la tâche a donc été annulée (rien de plus ne sera facturé). Réessaie. (ref {ref})",
  "failureCancelled": "🛑 Annulé par <@{by}> ; rien n’a été facturé. (ref {ref})",
  "failureModelError": "❌ Le modèle a échoué en créant ton image. Réessaie ; si l’échec se répète, essaie un autre modèle. (ref {ref})",
  "failureOutputUnavailable": "❌ L’image a été créée mais n’a pas pu être téléchargée depuis fal. Réessaie. (ref {ref})",
  "failureUploadTooLarge":
    "❌ L’image a été créée, mais Discord l’a refusée car trop lourde pour ce salon, même après que le bot l’a réduite. Appuie sur Réessayer pour l’envoyer à nouveau (elle n’est pas facturée une seconde fois) ou demande à un admin du serveur la limite d’envoi du salon. (ref {ref})",
  "failureNetwork": "❌ Le bot n’a pas pu joindre fal. Réessaie dans une minute. (ref {ref})",
  "failureInterrupted":
    "⚠️ Le bot a redémarré avant que fal ne confirme cette tâche, il ne sait donc pas si fal est en train de la faire ; elle ne compte pas dans tes limites. Appuie sur Réessayer pour la relancer. (ref {ref})",
  "failureModelUnavailable":
    "❌ Le modèle demandé par cette tâche ({modelId}) n’est plus proposé par ce bot, la tâche a donc été arrêtée ; elle ne compte pas dans tes limites. Choisis un autre modèle et réessaie. (ref {ref})",
  "failureUnknown": "❌ Un problème est survenu de notre côté. Réessaie ; si cela se reproduit, préviens un admin du serveur en citant la ref. (ref {ref})",

  "buttonReroll": "Relancer",
  "buttonEdit": "Modifier",
  "buttonDelete": "Supprimer",
  "buttonCancel": "Annuler",
  "buttonRetry": "Réessayer",
  "buttonRun": "Lancer {n, number}",
  "buttonUpscale": "Agrandir {size}",
  "buttonVarySubtle": "Varier (léger)",
  "buttonVaryStrong": "Varier (fort)",
  "buttonZoomOut": "Dézoomer {factor, number}×",
  "actionPan": "Décaler {direction, select, left {à gauche} right {à droite} up {vers le haut} other {vers le bas}}",

};
