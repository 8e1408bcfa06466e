import type { Messages } from "../types.js";

export const generation: Messages<"generation"> = {
  "refused": "No se ha enviado nada al modelo. Cambia lo siguiente:\n{problems}",
  "restarting": "El bot se está reiniciando ahora mismo y no puede aceptar trabajo nuevo. Vuelve a intentarlo en un minuto.",
  "buttonsInServer": "Usa los botones en el servidor donde se creó la imagen: allí se aplican sus límites.",

  "image.numbered": "imagen {n, number}",
  "image.ofResult": "imagen {n, number} del resultado",
  "image.resultNumbered": "imagen {n, number} del resultado",
  "image.embedded": "imagen incrustada {n, number}",
  "image.ofStyle": "imagen {n, number} de tu estilo «{style}»",

  "input.svg": "{label} es un dibujo SVG, que los modelos no pueden leer; expórtalo como PNG y adjunta ese archivo.",
  "input.wrongType": "{label} no es una imagen que los modelos puedan leer ({type}); adjunta un PNG, JPEG, WebP o GIF.",
  "input.unknownType": "tipo desconocido",
  "input.empty": "{label} es un archivo vacío (0 bytes); vuelve a adjuntar la imagen.",
  "input.tooLarge": "{label} ocupa {megabytes, number, ::.0} MB; las imágenes pueden ocupar como máximo {max, number, ::.0} MB. Adjunta una más pequeña.",
  "input.unreadable":
    "{label} no se ha podido abrir como imagen{claimed, select, yes { (dice ser {type})} other {}}: el archivo está dañado o no es realmente una imagen. Vuelve a guardarlo como PNG, JPEG, WebP o GIF y adjunta ese archivo.",
  "input.animated": "{label} está animada; los modelos solo admiten imágenes fijas. Adjunta un fotograma, guardado como PNG, JPEG o WebP.",

  "style.missing": "No tienes ningún estilo llamado «{style}». `/style list` muestra tus estilos y `/style save` crea uno.",
  "style.noEditModel": "{model} no puede usar las imágenes de tu estilo «{style}»; elige otro modelo.",
  "style.editModelNotAllowed":
    "Las imágenes de tu estilo «{style}» necesitan un modelo de edición, y este servidor no te deja usar {editor} aquí. Usa /imagine sin este estilo o pregunta a un administrador del servidor.",
  "style.editModelsNotAllowed":
    "Las imágenes de tu estilo «{style}» necesitan un modelo de edición, y este servidor no te deja usar ni {editor} ni {fallback} aquí. Usa /imagine sin este estilo o pregunta a un administrador del servidor.",
  "style.promptTooLong":
    "Tu prompt y el estilo «{style}» suman {length, number} caracteres; {model} admite como máximo {max, number}. Acorta el prompt o úsalo sin el estilo.",
  "style.tooManyImages":
    "{model} admite como máximo {max, plural, one {# imagen} other {# imágenes}}; {own, plural, =0 {} one {tu imagen y } other {tus # imágenes y }}{styleImages, plural, one {la imagen} other {las # imágenes}} del estilo «{style}» suman {total, number}. Adjunta menos imágenes o elige un modelo que admita más.",

  "button.jobGone": "Este resultado ya no está en los registros del bot, así que sus botones no se pueden usar. Vuelve a ejecutar el comando.",
  "button.otherServer": "Este botón pertenece a un resultado de otro servidor, así que aquí no hace nada.",
  "button.onItsWay": "Este resultado ya está en camino.",
  "button.cancelNotYours": "Solo quien pidió esta imagen, o un moderador con el permiso Gestionar mensajes, puede cancelarla.",
  "button.cancelTooLate": "Demasiado tarde para cancelar: la imagen ya está hecha y se está entregando.",
  "button.cancelFinished": "Este trabajo ya ha terminado, así que no hay nada que cancelar.",
  "button.cancelFailed": "El bot no ha podido cancelar este trabajo ahora mismo (quizá se esté reiniciando). Inténtalo de nuevo en un momento.",
  "button.retryNotYours": "Solo quien pidió esta imagen puede reintentarla. Usa Repetir en un resultado o ejecuta el comando tú mismo.",
  "button.noImagesToEdit": "Este resultado no tiene imágenes que editar.",
  "button.deleteNotYours": "Solo quien pidió esta imagen, o un moderador con el permiso Gestionar mensajes, puede eliminarla.",
  "button.deleted": "Eliminado.",
  "button.outdated": "Este botón es de una versión anterior del bot. Vuelve a ejecutar el comando.",

  "action.noUpscaler": "Este bot no ofrece ningún ampliador, así que Ampliar no está disponible.",
  "action.alreadyLargeSized":
    "Esta imagen ya mide {width}×{height}, {target} o más en su lado largo, así que Ampliar {target} no la haría más grande.{larger, select, yes { Usa Ampliar 4K para hacerla más grande.} other {}}",
  "action.alreadyLargeMadeAt":
    "Esta imagen ya se creó a {resolution}, {target} o más en su lado largo, así que Ampliar {target} no la haría más grande.{larger, select, yes { Usa Ampliar 4K para hacerla más grande.} other {}}",
  "action.imageNotOffered":
    "Esta imagen no se puede ampliar, variar ni extender (no está en el resultado o el filtro de seguridad la marcó).",
  "action.panel": "Imagen {position, number}: ¿qué quieres hacer ahora?",

  "editModal.title": "{count, plural, one {Editar la imagen con IA} other {Editar # imágenes con IA}}",
  "editModal.instruction": "Instrucción",
  "editModal.instructionHint": "¿Qué debe cambiar? El modelo mantiene el resto.",
  "editModal.placeholder": "p. ej., pon el cielo tormentoso y añade un faro en el acantilado",
  "editModal.model": "Modelo",
  "editModal.takesFewer":
    "{max, plural, one {Admite una imagen: usa la primera de las {count, number}} other {Admite # imágenes: usa las # primeras de las {count, number}}}",

  "menu.noImagesToEdit": "Ese mensaje no tiene imágenes que editar. Usa Editar con IA en un mensaje con una imagen adjunta o incrustada.",
  "menu.formExpired": "Este formulario ha caducado; vuelve a usar Editar con IA en el mensaje.",

  "reply.noImages": "Este resultado no tiene imágenes que editar. Responde a un resultado con una imagen.",
  "reply.tooManyAttached":
    "{model} admite como máximo {max, plural, one {# imagen} other {# imágenes}}, la del resultado y {attachable, plural, one {# imagen adjunta} other {# imágenes adjuntas}}; has adjuntado {count, number}. Adjunta menos imágenes.",
  "passedOver": "{model} {why, select, off {está desactivado en este servidor} other {necesita un rol premium en este servidor}}, así que {command} usa aquí el predeterminado del servidor, {instead}.",
};
