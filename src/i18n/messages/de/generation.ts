import type { Messages } from "../types.js";

export const generation: Messages<"generation"> = {
  "refused": "Es wurde nichts an das Modell gesendet. Bitte ändere Folgendes:\n{problems}",
  "restarting": "Der Bot startet gerade neu und kann keine neuen Aufträge annehmen. Bitte versuche es in einer Minute erneut.",
  "buttonsInServer": "Nutze die Schaltflächen auf dem Server, auf dem das Bild erstellt wurde: Dort gelten seine Limits.",

  "image.numbered": "Bild {n, number}",
  "image.ofResult": "Bild {n, number} des Ergebnisses",
  "image.resultNumbered": "Ergebnisbild {n, number}",
  "image.embedded": "eingebettetes Bild {n, number}",
  "image.ofStyle": "Bild {n, number} deines Stils „{style}“",

  "input.svg": "{label} ist eine SVG-Zeichnung, die die Modelle nicht lesen können; exportiere sie als PNG und hänge diese an.",
  "input.wrongType": "{label} ist kein Bild, das die Modelle lesen können ({type}); hänge ein PNG, JPEG, WebP oder GIF an.",
  "input.unknownType": "unbekannter Typ",
  "input.empty": "{label} ist eine leere Datei (0 Bytes); hänge das Bild erneut an.",
  "input.tooLarge":
    "{label} ist {megabytes, number, ::.0} MB groß; Bilder dürfen höchstens {max, number, ::.0} MB groß sein. Hänge ein kleineres an.",
  "input.unreadable":
    "{label} ließ sich nicht als Bild öffnen{claimed, select, yes { (angeblich {type})} other {}}: Die Datei ist beschädigt oder gar kein Bild. Speichere sie erneut als PNG, JPEG, WebP oder GIF und hänge diese an.",
  "input.animated":
    "{label} ist animiert; die Modelle nehmen nur Standbilder. Hänge ein einzelnes Bild daraus an, gespeichert als PNG, JPEG oder WebP.",

  "style.missing": "Du hast keinen Stil namens „{style}“. `/style list` zeigt deine Stile, und `/style save` legt einen an.",
  "style.noEditModel": "{model} kann die Bilder deines Stils „{style}“ nicht verwenden; wähle ein anderes Modell.",
  "style.editModelNotAllowed":
    "Die Bilder deines Stils „{style}“ brauchen ein Bearbeitungsmodell, und dieser Server lässt dich {editor} hier nicht verwenden. Nutze /imagine ohne diesen Stil oder frag einen Server-Admin.",
  "style.editModelsNotAllowed":
    "Die Bilder deines Stils „{style}“ brauchen ein Bearbeitungsmodell, und dieser Server lässt dich hier weder {editor} noch {fallback} verwenden. Nutze /imagine ohne diesen Stil oder frag einen Server-Admin.",
  "style.promptTooLong":
    "Dein Prompt und der Stil „{style}“ ergeben zusammen {length, number} Zeichen; {model} nimmt höchstens {max, number}. Kürze den Prompt oder nutze ihn ohne den Stil.",
  "style.tooManyImages":
    "{model} nimmt höchstens {max, plural, one {# Bild} other {# Bilder}}; {own, plural, =0 {} one {dein # Bild und } other {deine # Bilder und }}{styleImages, plural, one {das # Bild} other {die # Bilder}} des Stils „{style}“ ergeben {total, number}. Hänge weniger Bilder an oder wähle ein Modell, das mehr nimmt.",

  "button.jobGone":
    "Dieses Ergebnis ist nicht mehr in den Aufzeichnungen des Bots, daher funktionieren seine Schaltflächen nicht mehr. Führe den Befehl erneut aus.",
  "button.otherServer": "Diese Schaltfläche gehört zu einem Ergebnis auf einem anderen Server und bewirkt hier nichts.",
  "button.onItsWay": "Dieses Ergebnis ist bereits unterwegs.",
  "button.cancelNotYours":
    "Nur die Person, die dieses Bild angefordert hat, oder ein Moderator mit der Berechtigung „Nachrichten verwalten“ kann es abbrechen.",
  "button.cancelTooLate": "Zu spät zum Abbrechen: Das Bild ist schon fertig und wird gerade zugestellt.",
  "button.cancelFinished": "Dieser Auftrag ist bereits beendet, es gibt nichts abzubrechen.",
  "button.cancelFailed": "Der Bot konnte diesen Auftrag gerade nicht abbrechen (vielleicht startet er neu). Versuche es gleich noch einmal.",
  "button.retryNotYours":
    "Nur die Person, die dieses Bild angefordert hat, kann es erneut versuchen. Nutze „Neu würfeln“ bei einem Ergebnis oder führe den Befehl selbst aus.",
  "button.noImagesToEdit": "Dieses Ergebnis hat keine Bilder zum Bearbeiten.",
  "button.deleteNotYours":
    "Nur die Person, die dieses Bild angefordert hat, oder ein Moderator mit der Berechtigung „Nachrichten verwalten“ kann es löschen.",
  "button.deleted": "Gelöscht.",
  "button.outdated": "Diese Schaltfläche stammt aus einer älteren Version des Bots. Führe den Befehl erneut aus.",

  "action.noUpscaler": "Dieser Bot bietet keinen Upscaler, daher ist Hochskalieren nicht verfügbar.",
  "action.alreadyLargeSized":
    "Dieses Bild ist bereits {width}×{height} groß, also {target} oder mehr an der langen Seite; Hochskalieren {target} würde es nicht vergrößern.{larger, select, yes { Nutze Hochskalieren 4K, um es zu vergrößern.} other {}}",
  "action.alreadyLargeMadeAt":
    "Dieses Bild wurde bereits in {resolution} erstellt, also {target} oder mehr an der langen Seite; Hochskalieren {target} würde es nicht vergrößern.{larger, select, yes { Nutze Hochskalieren 4K, um es zu vergrößern.} other {}}",
  "action.imageNotOffered":
    "Dieses Bild lässt sich nicht hochskalieren, variieren oder erweitern (es gehört nicht zum Ergebnis, oder der Sicherheitsfilter hat es markiert).",
  "action.panel": "Bild {position, number}: Wie geht es weiter?",

  "editModal.title": "{count, plural, one {Bild mit KI bearbeiten} other {# Bilder mit KI bearbeiten}}",
  "editModal.instruction": "Anweisung",
  "editModal.instructionHint": "Was soll sich ändern? Den Rest behält das Modell bei.",
  "editModal.placeholder": "z. B. mach den Himmel stürmisch und setz einen Leuchtturm auf die Klippe",
  "editModal.model": "Modell",
  "editModal.takesFewer":
    "{max, plural, one {Nimmt ein Bild: verwendet das erste der {count, number}} other {Nimmt # Bilder: verwendet die ersten # der {count, number}}}",

  "menu.noImagesToEdit":
    "Diese Nachricht enthält keine Bilder zum Bearbeiten. Nutze Mit KI bearbeiten bei einer Nachricht mit angehängtem oder eingebettetem Bild.",
  "menu.formExpired": "Dieses Formular ist abgelaufen; nutze Mit KI bearbeiten erneut bei der Nachricht.",

  "reply.noImages": "Dieses Ergebnis hat keine Bilder zum Bearbeiten. Antworte auf ein Ergebnis mit einem Bild.",
  "reply.tooManyAttached":
    "{model} nimmt höchstens {max, plural, one {# Bild} other {# Bilder}}, das des Ergebnisses und {attachable, plural, one {# angehängtes Bild} other {# angehängte Bilder}}; du hast {count, number} angehängt. Hänge weniger Bilder an.",
  "passedOver": "{model} {why, select, off {ist auf diesem Server ausgeschaltet} other {braucht auf diesem Server eine Premium-Rolle}}, daher nutzt {command} hier den Standard des Servers, {instead}.",
};
