import type { Messages } from "../types.js";

export const options: Messages<"options"> = {
  "label.aspectRatio": "ratio d’aspect",
  "label.resolution": "résolution",
  "label.count": "nombre d’images",
  "label.format": "format de sortie",
  "label.seed": "graine",
  "label.negativePrompt": "prompt négatif",
  "label.steps": "nombre d’étapes",
  "label.guidance": "guidage",
  "label.imageSize": "taille d’image",
  "label.width": "largeur",
  "label.height": "hauteur",
  "label.widthPixels": "largeur en pixels",
  "label.heightPixels": "hauteur en pixels",
  "label.acceleration": "accélération",
  "label.safetyChecker": "filtre de sécurité",
  "label.safetyTolerance": "tolérance de sécurité",
  "label.webSearch": "recherche web",
  "label.thinking": "niveau de réflexion",
  "label.prompt": "prompt",
  "label.images": "images",
  "label.image": "image",
  "outOfRange":
    "Pour « {label} », indique {integer, select, yes {un nombre entier} other {un nombre}} de {min, number, ::group-off} à {max, number, ::group-off} ; tu as donné {value}.",
  "onOrOff": "Pour « {label} », choisis activé ou désactivé.",
  "negativePromptText": "Le prompt négatif doit être du texte.",
  "negativePromptTooLong":
    "Le prompt négatif fait {length, number} caractères ; {model} en accepte au plus {max, number}. Raccourcis-le.",
  "imageSizeUnknown":
    "{model} ne connaît pas la taille d’image « {value} » ; choisis {sizes}, ou indique LARGEURxHAUTEUR, par exemple 1024x768, chaque côté de {min, number, ::group-off} à {max, number, ::group-off} pixels.",
  "promptEmpty":
    "Le prompt est vide ; décris {kind, select, edit {la modification voulue} vision {ce que tu veux savoir sur l’image} other {l’image voulue}}.",
  "promptInvisible":
    "Le prompt ne contient que des caractères invisibles (comme des espaces de largeur nulle) ; décris {kind, select, edit {la modification voulue} vision {ce que tu veux savoir sur l’image} other {l’image voulue}} avec des mots.",
  "promptTooLong": "Le prompt fait {length, number} caractères ; {model} en accepte au plus {max, number}. Raccourcis-le.",
  "textOnlyToCounterpart":
    "{model} crée des images à partir de texte uniquement et n’accepte pas d’images en entrée ; retire les images, ou choisis {counterpart} pour les modifier.",
  "textOnly":
    "{model} crée des images à partir de texte uniquement et n’accepte pas d’images en entrée ; retire les images, ou choisis un modèle de retouche.",
  "imageCount":
    "{model} accepte {exact, select, yes {exactement {min, plural, one {# image} other {# images}}} other {de {min, number} à {max, number} images}} ; tu en as donné {count, number}.",
  "attachOne": "Joins une image{edit, select, yes { à modifier} other {}}.",
  "attachMore": "Joins {missing, plural, one {# image de plus} other {# images de plus}}{edit, select, yes { à modifier} other {}}.",
  "removeSome": "Retire {extra, plural, one {# image} other {# images}}.",
  "removeSomeOrSwitch":
    "Retire {extra, plural, one {# image} other {# images}}, ou passe à{some, select, yes {, par exemple,} other {}} {models}, qui en {modelCount, plural, one {accepte} other {acceptent}} autant.",
  "notOffered": "{model} ne permet pas de régler « {label} » ; laisse « {label} » vide.",
  "notOfferedElsewhere":
    "{model} ne permet pas de régler « {label} » ; choisis{some, select, yes {, par exemple,} other {}} {models}, ou laisse « {label} » vide.",
  "notInList": "{model} ne propose pas « {value} » pour « {label} » ; choisis {many, select, yes {parmi } other {}}{allowed}.",
  "notInListElsewhere":
    "{model} ne propose pas « {value} » pour « {label} » ; choisis {many, select, yes {parmi } other {}}{allowed}, ou passe à{some, select, yes {, par exemple,} other {}} {models}, qui {modelCount, plural, one {le propose} other {le proposent}}.",
  "notTaken": "{model} n’accepte pas « {field} ».",
  "notAccepted": "{model} n’a pas accepté « {label} » : {reason}.",
  "sideMissing":
    "Tu as donné « {given} » mais pas « {missing} » ; donne les deux (chacun de {min, number, ::group-off} à {max, number, ::group-off} pixels), ou aucun pour garder la taille de l’image d’origine.",
  "sizeOrSides": "Choisis soit une taille d’image, soit une largeur et une hauteur, pas les deux.",
  "upscaleOneImage": "{model} agrandit exactement 1 image ; tu en as donné {count, number}.",
  "upscaleNoOption": "{model} ne permet pas de régler « {label} ».",
  "upscaleFactor": "{model} agrandit une image de 1 à 10 fois ; ×{factor} est en dehors de cette plage.",
  "upscaleNotAccepted": "{model} n’a pas accepté l’image : {reason}.",
  "backgroundOneImage": "{model} supprime l’arrière-plan d’exactement 1 image ; tu en as donné {count, number}.",
  "backgroundNoOption": "{model} ne prend qu’une image : « {label} » ne se règle pas.",
  "backgroundNotAccepted": "{model} n’a pas pu traiter l’image : {reason}.",
};
