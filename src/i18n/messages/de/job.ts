import type { Messages } from "../types.js";

export const job: Messages<"job"> = {
  "readingImage": "**{model}** · liest dein Bild",
  "starting": "⏳ Wird gestartet…",
  "waiting": "⏳ Wartet auf einen freien Platz — {ahead, plural, =0 {als Nächstes dran} one {# Auftrag davor} other {# Aufträge davor}}",
  "sending": "⏳ Wird an fal gesendet…",
  "queued": "⏳ Wartet in der Warteschlange von fal — {place, plural, =1 {als Nächstes dran} other {Position #}}",
  "generating": "🎨 Wird erstellt · {elapsed}",
  "generatingLeft": "🎨 Wird erstellt · {elapsed} · {bar} noch etwa {left}",
  "generatingAlmostDone": "🎨 Wird erstellt · {elapsed} · {bar} fast fertig",

  "failureInvalidInput": "❌ fal hat diese Anfrage nicht angenommen:\n{details}\nÄndere das und versuche es erneut. (ref {ref})",
  "failureContentPolicy":
    "🚫 Das Modell hat diese Anfrage aufgrund seiner Inhaltsrichtlinie abgelehnt. Formuliere den Prompt um oder verwende andere Bilder. (ref {ref})",
  "failureInputUnavailable":
    "❌ Eines der Bilder für diesen Auftrag konnte nicht gelesen werden, auch nicht, nachdem der Bot es erneut hochgeladen hat. Wenn du es angehängt hast, hänge es erneut an (PNG, JPEG, WebP oder GIF) und versuche es noch einmal; stammt es von den Buttons eines Ergebnisses, verwende die Buttons eines neueren Ergebnisses. (ref {ref})",
  "failureSourceUnavailable":
    "❌ Das Bild zum Herauszoomen oder Verschieben konnte nicht heruntergeladen oder an fal übergeben werden, daher wurde nichts an das Modell gesendet und nichts berechnet. Drücke „Erneut versuchen“ oder verwende die Buttons eines neueren Ergebnisses. (ref {ref})",
  "failureUnauthorized":
    "⚠️ Der fal-Schlüssel des Bots wurde abgelehnt, daher kann er gerade keine Bilder erstellen. Ein Server-Admin muss den FAL_KEY des Bots korrigieren. (ref {ref})",
  "failureForbidden":
    "⚠️ fal hat das Konto des Bots abgelehnt, daher kann er gerade keine Bilder erstellen (meist ist das fal-Konto gesperrt, weil das Guthaben aufgebraucht ist). Ein Server-Admin muss das Guthaben des fal-Kontos prüfen; hierfür wurde nichts berechnet. (ref {ref})",
  "failureFalError":
    "⚠️ Bei fal gab es ein Problem, und der Auftrag wurde nicht angenommen; es wurde nichts berechnet. Bitte versuche es in ein paar Minuten erneut. (ref {ref})",
  "failureUnreadableSubmit":
    "⚠️ Die Antwort von fal auf diesen Auftrag war nicht lesbar, daher weiß der Bot nicht, ob fal ihn bearbeitet; er zählt nicht für deine Limits. Bitte versuche es erneut. (ref {ref})",
  "failureUnreadableResult":
    "⚠️ fal hat diesen Auftrag abgeschlossen, aber die Antwort war auch nach erneuter Nachfrage nicht lesbar; er zählt nicht für deine Limits. Bitte versuche es erneut. (ref {ref})",
  "failureBusy": "⏳ fal ist gerade ausgelastet und hat den Auftrag nach mehreren Versuchen nicht angenommen. Bitte versuche es in ein paar Minuten erneut. (ref {ref})",
  "failureTimeout": "⌛ Das hat länger als {limit} gedauert und wurde daher abgebrochen (es wird nichts weiter berechnet). Bitte versuche es erneut. (ref {ref})",
  "failureCancelled": "🛑 Abgebrochen von <@{by}>; es wurde nichts berechnet. (ref {ref})",
  "failureModelError": "❌ Das Modell ist beim Erstellen deines Bildes gescheitert. Bitte versuche es erneut; wenn es weiter scheitert, probiere ein anderes Modell. (ref {ref})",
  "failureOutputUnavailable": "❌ Das Bild wurde erstellt, konnte aber nicht von fal heruntergeladen werden. Bitte versuche es erneut. (ref {ref})",
  "failureUploadTooLarge":
    "❌ Das Bild wurde erstellt, aber Discord hat es als zu groß für diesen Kanal abgelehnt, auch nachdem der Bot es verkleinert hat. Drücke „Erneut versuchen“, um es noch einmal zu senden (es wird nicht erneut berechnet), oder frage einen Server-Admin nach dem Upload-Limit des Kanals. (ref {ref})",
  "failureNetwork": "❌ Der Bot konnte fal nicht erreichen. Bitte versuche es in einer Minute erneut. (ref {ref})",
  "failureInterrupted":
    "⚠️ Der Bot wurde neu gestartet, bevor fal diesen Auftrag bestätigt hat, daher weiß er nicht, ob fal ihn bearbeitet; er zählt nicht für deine Limits. Drücke „Erneut versuchen“, um ihn noch einmal auszuführen. (ref {ref})",
  "failureModelUnavailable":
    "❌ Das Modell, das dieser Auftrag verlangt hat ({modelId}), wird von diesem Bot nicht mehr angeboten, daher wurde der Auftrag gestoppt; er zählt nicht für deine Limits. Bitte wähle ein anderes Modell und versuche es erneut. (ref {ref})",
  "failureUnknown": "❌ Bei uns ist etwas schiefgelaufen. Bitte versuche es erneut; wenn es wieder passiert, sag einem Server-Admin Bescheid und nenne die Ref. (ref {ref})",

  "buttonReroll": "Neu würfeln",
  "buttonEdit": "Bearbeiten",
  "buttonDelete": "Löschen",
  "buttonCancel": "Abbrechen",
  "buttonRetry": "Erneut versuchen",
  "buttonRun": "Ausführen {n, number}",
  "buttonUpscale": "Hochskalieren {size}",
  "buttonVarySubtle": "Variieren (leicht)",
  "buttonVaryStrong": "Variieren (stark)",
  "buttonZoomOut": "Herauszoomen {factor, number}×",
  "actionPan": "Verschieben {direction, select, left {nach links} right {nach rechts} up {nach oben} other {nach unten}}",

};
