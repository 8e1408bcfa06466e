import type { Messages } from "../types.js";

export const job: Messages<"job"> = {
  "readingImage": "**{model}** · leyendo tu imagen",
  "starting": "⏳ Empezando…",
  "waiting": "⏳ Esperando un hueco libre — {ahead, plural, =0 {eres el siguiente} one {# trabajo por delante} other {# trabajos por delante}}",
  "sending": "⏳ Enviando a fal…",
  "queued": "⏳ Esperando en la cola de fal — {place, plural, =1 {eres el siguiente} other {posición #}}",
  "generating": "🎨 Generando · {elapsed}",
  "generatingLeft": "🎨 Generando · {elapsed} · {bar} quedan unos {left}",
  "generatingAlmostDone": "🎨 Generando · {elapsed} · {bar} casi listo",

  "failureInvalidInput": "❌ fal no aceptó esta petición:\n{details}\nCambia eso y vuelve a intentarlo. (ref {ref})",
  "failureContentPolicy":
    "🚫 El modelo rechazó esta petición por su política de contenido. Prueba a reformular el prompt o a usar otras imágenes. (ref {ref})",
  "failureInputUnavailable":
    "❌ No se pudo leer una de las imágenes de este trabajo, ni siquiera después de que el bot la volviera a subir. Si la adjuntaste tú, adjúntala de nuevo (PNG, JPEG, WebP o GIF) y vuelve a intentarlo; si venía de los botones de un resultado, usa los botones de un resultado más reciente. (ref {ref})",
  "failureSourceUnavailable":
    "❌ No se pudo descargar ni pasar a fal la imagen que había que alejar o desplazar, así que no se envió nada al modelo ni se cobró nada. Pulsa Reintentar o usa los botones de un resultado más reciente. (ref {ref})",
  "failureUnauthorized":
    "⚠️ fal rechazó la clave del bot, así que ahora mismo no puede crear imágenes. Un administrador del servidor debe corregir la FAL_KEY del bot. (ref {ref})",
  "failureForbidden":
    "⚠️ fal rechazó la cuenta del bot, así que ahora mismo no puede crear imágenes (normalmente la cuenta de fal está bloqueada porque se quedó sin saldo). Un administrador del servidor debe revisar el saldo de la cuenta de fal; no se ha cobrado nada por esto. (ref {ref})",
  "failureFalError":
    "⚠️ fal tuvo un problema por su parte y no aceptó este trabajo; no se ha cobrado nada. Vuelve a intentarlo dentro de unos minutos. (ref {ref})",
  "failureUnreadableSubmit":
    "⚠️ No se pudo leer la respuesta de fal a este trabajo, así que el bot no sabe si fal lo está haciendo; no cuenta para tus límites. Vuelve a intentarlo. (ref {ref})",
  "failureUnreadableResult":
    "⚠️ fal terminó este trabajo pero no se pudo leer su respuesta, ni siquiera preguntando de nuevo; no cuenta para tus límites. Vuelve a intentarlo. (ref {ref})",
  "failureBusy": "⏳ fal está saturado ahora mismo y no aceptó el trabajo tras varios intentos. Vuelve a intentarlo dentro de unos minutos. (ref {ref})",
  "failureTimeout": "⌛ Esto tardó más de {limit}, así que se canceló (no se cobrará nada más). Vuelve a intentarlo. (ref {ref})",
  "failureCancelled": "🛑 Cancelado por <@{by}>; no se ha cobrado nada. (ref {ref})",
  "failureModelError": "❌ El modelo falló al crear tu imagen. Vuelve a intentarlo; si sigue fallando, prueba otro modelo. (ref {ref})",
  "failureOutputUnavailable": "❌ La imagen se creó, pero no se pudo descargar de fal. Vuelve a intentarlo. (ref {ref})",
  "failureUploadTooLarge":
    "❌ La imagen se creó, pero Discord la rechazó por ser demasiado grande para este canal, incluso después de que el bot la redujera. Pulsa Reintentar para enviarla de nuevo (no se vuelve a cobrar) o pregunta a un administrador del servidor por el límite de subida del canal. (ref {ref})",
  "failureNetwork": "❌ El bot no pudo conectar con fal. Vuelve a intentarlo dentro de un minuto. (ref {ref})",
  "failureInterrupted":
    "⚠️ El bot se reinició antes de que fal confirmara este trabajo, así que no sabe si fal lo está haciendo; no cuenta para tus límites. Pulsa Reintentar para ejecutarlo de nuevo. (ref {ref})",
  "failureModelUnavailable":
    "❌ El modelo que pedía este trabajo ({modelId}) ya no lo ofrece este bot, así que el trabajo se detuvo; no cuenta para tus límites. Elige otro modelo y vuelve a intentarlo. (ref {ref})",
  "failureUnknown": "❌ Algo salió mal por nuestra parte. Vuelve a intentarlo; si sigue pasando, avisa a un administrador del servidor y cita la ref. (ref {ref})",

  "buttonReroll": "Repetir",
  "buttonEdit": "Editar",
  "buttonDelete": "Eliminar",
  "buttonCancel": "Cancelar",
  "buttonRetry": "Reintentar",
  "buttonRun": "Ejecutar {n, number}",
  "buttonUpscale": "Ampliar {size}",
  "buttonVarySubtle": "Variar (sutil)",
  "buttonVaryStrong": "Variar (fuerte)",
  "buttonZoomOut": "Alejar {factor, number}×",
  "actionPan": "Desplazar {direction, select, left {a la izquierda} right {a la derecha} up {arriba} other {abajo}}",

};
