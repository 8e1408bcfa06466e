import type { Messages } from "../types.js";

export const generation: Messages<"generation"> = {
  "refused": "Rien n’a été envoyé au modèle. Merci de corriger ceci :\n{problems}",
  "restarting": "Le bot redémarre en ce moment et ne peut pas prendre de nouvelles tâches. Réessaie dans une minute.",
  "buttonsInServer": "Utilise les boutons sur le serveur où l’image a été créée : ses limites s’y appliquent.",

  "image.numbered": "image {n, number}",
  "image.ofResult": "image {n, number} du résultat",
  "image.resultNumbered": "image {n, number} du résultat",
  "image.embedded": "image intégrée {n, number}",
  "image.ofStyle": "image {n, number} de ton style « {style} »",

  "input.svg": "{label} est un dessin SVG, que les modèles ne savent pas lire ; exporte-le en PNG et joins ce fichier.",
  "input.wrongType": "{label} n’est pas une image que les modèles savent lire ({type}) ; joins un PNG, JPEG, WebP ou GIF.",
  "input.unknownType": "type inconnu",
  "input.empty": "{label} est un fichier vide (0 octet) ; joins l’image à nouveau.",
  "input.tooLarge": "{label} fait {megabytes, number, ::.0} Mo ; les images peuvent faire au plus {max, number, ::.0} Mo. Joins-en une plus petite.",
  "input.unreadable":
    "{label} n’a pas pu être ouvert comme image{claimed, select, yes { (il se présente comme {type})} other {}} : le fichier est endommagé ou n’est pas vraiment une image. Enregistre-le à nouveau en PNG, JPEG, WebP ou GIF et joins ce fichier.",
  "input.animated": "{label} est animé ; les modèles n’acceptent que des images fixes. Joins-en une seule image, enregistrée en PNG, JPEG ou WebP.",

  "style.missing": "Tu n’as aucun style nommé « {style} ». `/style list` affiche tes styles, et `/style save` en crée un.",
  "style.noEditModel": "{model} ne peut pas utiliser les images de ton style « {style} » ; choisis un autre modèle.",
  "style.editModelNotAllowed":
    "Les images de ton style « {style} » demandent un modèle de retouche, et ce serveur ne te permet pas d’utiliser {editor} ici. Utilise /imagine sans ce style, ou demande à un admin du serveur.",
  "style.editModelsNotAllowed":
    "Les images de ton style « {style} » demandent un modèle de retouche, et ce serveur ne te permet d’utiliser ni {editor} ni {fallback} ici. Utilise /imagine sans ce style, ou demande à un admin du serveur.",
  "style.promptTooLong":
    "Ton prompt et le style « {style} » font ensemble {length, number} caractères ; {model} en accepte au plus {max, number}. Raccourcis le prompt, ou utilise-le sans le style.",
  "style.tooManyImages":
    "{model} accepte au plus {max, plural, one {# image} other {# images}} ; {own, plural, =0 {} one {ton image et } other {tes # images et }}{styleImages, plural, one {l’image} other {les # images}} du style « {style} » font {total, number}. Joins moins d’images, ou choisis un modèle qui en accepte plus.",

  "button.jobGone": "Ce résultat n’est plus dans les archives du bot, ses boutons ne peuvent donc plus servir. Relance la commande.",
  "button.otherServer": "Ce bouton appartient à un résultat d’un autre serveur, il ne fait donc rien ici.",
  "button.onItsWay": "Ce résultat est déjà en route.",
  "button.cancelNotYours": "Seule la personne qui a demandé cette image, ou un modérateur avec la permission Gérer les messages, peut l’annuler.",
  "button.cancelTooLate": "Trop tard pour annuler : l’image est déjà créée et en cours de livraison.",
  "button.cancelFinished": "Cette tâche est déjà terminée, il n’y a rien à annuler.",
  "button.cancelFailed": "Le bot n’a pas pu annuler cette tâche pour l’instant (il redémarre peut-être). Réessaie dans un instant.",
  "button.retryNotYours": "Seule la personne qui a demandé cette image peut la réessayer. Utilise Relancer sur un résultat, ou lance la commande toi-même.",
  "button.noImagesToEdit": "Ce résultat n’a aucune image à modifier.",
  "button.deleteNotYours": "Seule la personne qui a demandé cette image, ou un modérateur avec la permission Gérer les messages, peut la supprimer.",
  "button.deleted": "Supprimé.",
  "button.outdated": "Ce bouton vient d’une ancienne version du bot. Relance la commande.",

  "action.noUpscaler": "Ce bot ne propose pas d’agrandisseur, Agrandir n’est donc pas disponible.",
  "action.alreadyLargeSized":
    "Cette image fait déjà {width}×{height}, soit {target} ou plus sur son grand côté : Agrandir {target} ne l’agrandirait pas.{larger, select, yes { Utilise Agrandir 4K pour l’agrandir.} other {}}",
  "action.alreadyLargeMadeAt":
    "Cette image a déjà été créée en {resolution}, soit {target} ou plus sur son grand côté : Agrandir {target} ne l’agrandirait pas.{larger, select, yes { Utilise Agrandir 4K pour l’agrandir.} other {}}",
  "action.imageNotOffered":
    "Cette image ne peut pas être agrandie, variée ni étendue (elle ne fait pas partie du résultat, ou le filtre de sécurité l’a signalée).",
  "action.panel": "Image {position, number} : et ensuite ?",

  "editModal.title": "{count, plural, one {Retoucher l’image avec l’IA} other {Retoucher # images avec l’IA}}",
  "editModal.instruction": "Consigne",
  "editModal.instructionHint": "Que faut-il changer ? Le modèle garde le reste.",
  "editModal.placeholder": "ex. rends le ciel orageux et ajoute un phare sur la falaise",
  "editModal.model": "Modèle",
  "editModal.takesFewer":
    "{max, plural, one {Prend une image : utilise la première des {count, number}} other {Prend # images : utilise les # premières des {count, number}}}",

  "menu.noImagesToEdit":
    "Ce message ne contient aucune image à modifier. Utilise Retoucher avec l’IA sur un message avec une image jointe ou intégrée.",
  "menu.formExpired": "Ce formulaire a expiré ; utilise à nouveau Retoucher avec l’IA sur le message.",

  "reply.noImages": "Ce résultat n’a aucune image à modifier. Réponds à un résultat qui contient une image.",
  "reply.tooManyAttached":
    "{model} accepte au plus {max, plural, one {# image} other {# images}}, celle du résultat et {attachable, plural, one {# image jointe} other {# images jointes}} ; tu en as joint {count, number}. Joins moins d’images.",
  "passedOver": "{model} {why, select, off {est désactivé sur ce serveur} other {demande un rôle premium sur ce serveur}}, donc {command} utilise ici le modèle par défaut du serveur, {instead}.",
};
