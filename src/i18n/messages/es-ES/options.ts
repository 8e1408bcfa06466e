import type { Messages } from "../types.js";

export const options: Messages<"options"> = {
  "label.aspectRatio": "relación de aspecto",
  "label.resolution": "resolución",
  "label.count": "número de imágenes",
  "label.format": "formato de salida",
  "label.seed": "semilla",
  "label.negativePrompt": "prompt negativo",
  "label.steps": "número de pasos",
  "label.guidance": "guía",
  "label.imageSize": "tamaño de imagen",
  "label.width": "ancho",
  "label.height": "alto",
  "label.widthPixels": "ancho en píxeles",
  "label.heightPixels": "alto en píxeles",
  "label.acceleration": "aceleración",
  "label.safetyChecker": "filtro de seguridad",
  "label.safetyTolerance": "tolerancia de seguridad",
  "label.webSearch": "búsqueda web",
  "label.thinking": "nivel de razonamiento",
  "label.prompt": "prompt",
  "label.images": "imágenes",
  "label.image": "imagen",
  "outOfRange":
    "Para «{label}», indica {integer, select, yes {un número entero} other {un número}} del {min, number, ::group-off} al {max, number, ::group-off}; has indicado {value}.",
  "onOrOff": "«{label}» solo puede estar activado o desactivado.",
  "negativePromptText": "El prompt negativo debe ser texto.",
  "negativePromptTooLong": "El prompt negativo tiene {length, number} caracteres; {model} admite como máximo {max, number}. Acórtalo.",
  "imageSizeUnknown":
    "{model} no conoce el tamaño de imagen «{value}»; elige {sizes}, o indica ANCHOxALTO, como 1024x768, con cada lado de {min, number, ::group-off} a {max, number, ::group-off} píxeles.",
  "promptEmpty":
    "El prompt está vacío; describe {kind, select, edit {el cambio que quieres} vision {lo que quieres saber de la imagen} other {la imagen que quieres}}.",
  "promptInvisible":
    "El prompt solo tiene caracteres invisibles (como espacios de ancho cero); describe con palabras {kind, select, edit {el cambio que quieres} vision {lo que quieres saber de la imagen} other {la imagen que quieres}}.",
  "promptTooLong": "El prompt tiene {length, number} caracteres; {model} admite como máximo {max, number}. Acórtalo.",
  "textOnlyToCounterpart":
    "{model} crea imágenes solo a partir de texto y no admite imágenes de entrada; quita las imágenes o elige {counterpart} para editarlas.",
  "textOnly": "{model} crea imágenes solo a partir de texto y no admite imágenes de entrada; quita las imágenes o elige un modelo de edición.",
  "imageCount":
    "{model} admite {exact, select, yes {exactamente {min, plural, one {# imagen} other {# imágenes}}} other {de {min, number} a {max, number} imágenes}}; has dado {count, number}.",
  "attachOne": "Adjunta una imagen{edit, select, yes { para editar} other {}}.",
  "attachMore": "Adjunta {missing, plural, one {# imagen más} other {# imágenes más}}{edit, select, yes { para editar} other {}}.",
  "removeSome": "Quita {extra, plural, one {# imagen} other {# imágenes}}.",
  "removeSomeOrSwitch":
    "Quita {extra, plural, one {# imagen} other {# imágenes}}, o cambia a{some, select, yes {, por ejemplo,} other {}} {models}, que {modelCount, plural, one {admite} other {admiten}} esa cantidad.",
  "notOffered": "{model} no permite ajustar «{label}»; deja «{label}» vacío.",
  "notOfferedElsewhere":
    "{model} no permite ajustar «{label}»; elige{some, select, yes {, por ejemplo,} other {}} {models}, o deja «{label}» vacío.",
  "notInList": "{model} no ofrece «{value}» para «{label}»; elige {many, select, yes {entre } other {}}{allowed}.",
  "notInListElsewhere":
    "{model} no ofrece «{value}» para «{label}»; elige {many, select, yes {entre } other {}}{allowed}, o cambia a{some, select, yes {, por ejemplo,} other {}} {models}, que lo {modelCount, plural, one {ofrece} other {ofrecen}}.",
  "notTaken": "{model} no admite «{field}».",
  "notAccepted": "{model} no aceptó «{label}»: {reason}.",
  "sideMissing":
    "Has indicado «{given}» pero no «{missing}»; indica ambos (cada uno de {min, number, ::group-off} a {max, number, ::group-off} píxeles), o ninguno para mantener el tamaño de la imagen original.",
  "sizeOrSides": "Elige un tamaño de imagen o un ancho y un alto, no ambos.",
  "upscaleOneImage": "{model} amplía exactamente 1 imagen; has dado {count, number}.",
  "upscaleNoOption": "{model} no permite ajustar «{label}».",
  "upscaleFactor": "{model} amplía una imagen de 1 a 10 veces; ×{factor} queda fuera de ese rango.",
  "upscaleNotAccepted": "{model} no aceptó la imagen: {reason}.",
  "backgroundOneImage": "{model} quita el fondo de exactamente 1 imagen; has dado {count, number}.",
  "backgroundNoOption": "{model} solo recibe una imagen: no tiene «{label}» que ajustar.",
  "backgroundNotAccepted": "{model} no pudo procesar la imagen: {reason}.",
};
