import type { Messages } from "../types.js";

export const result: Messages<"result"> = {
  "fact": "**{label}:** {value}",
  "prompt": "Prompt",
  "model": "Modelo",
  "size": "Tamaño",
  "seed": "Semilla",
  "time": "Tiempo",
  "style": "Estilo",
  "asset": "Recurso",
  "assetValue": "{kind, select, emoji {Emoji} sticker {Sticker} icon {Icono del servidor} banner {Banner del servidor} other {Portada de evento}}{transparent, select, yes {, sin fondo} other {}} · {kib, number} KiB",
  "noImage": "Esta vez no hay imagen: el modelo respondió con palabras",
  "noText": "(el modelo no devolvió ni una imagen ni ningún texto)",
  "withheldLabel": "Retenidas",
  "withheld":
    "{count, plural, one {# imagen fue marcada por el filtro de seguridad y no se muestra} other {# imágenes fueron marcadas por el filtro de seguridad y no se muestran}}, porque este canal no está marcado como NSFW.",
  "describeTitle": "Prompts para esta imagen",
  "describeHint": "Pulsa Ejecutar para crear una imagen a partir de un prompt con el modelo de /imagine del servidor.",
  "describeNone": "Esta vez no hay prompts",
  "describeAnswered": "El modelo respondió sin prompts: {answer}\nPulsa Repetir para preguntar de nuevo.",
  "describeNoText": "El modelo no devolvió ningún texto. Pulsa Repetir para preguntar de nuevo.",
  "scaledToFit": "reducida a {size} para caber en el límite de subida de Discord",
  "reencodedToFit": "recodificada como WebP para caber en el límite de subida de Discord",
};
