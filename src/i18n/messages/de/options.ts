import type { Messages } from "../types.js";

export const options: Messages<"options"> = {
  "label.aspectRatio": "Seitenverhältnis",
  "label.resolution": "Auflösung",
  "label.count": "Anzahl der Bilder",
  "label.format": "Ausgabeformat",
  "label.seed": "Seed",
  "label.negativePrompt": "Negativ-Prompt",
  "label.steps": "Anzahl der Schritte",
  "label.guidance": "Prompt-Treue",
  "label.imageSize": "Bildgröße",
  "label.width": "Breite",
  "label.height": "Höhe",
  "label.widthPixels": "Breite in Pixeln",
  "label.heightPixels": "Höhe in Pixeln",
  "label.acceleration": "Beschleunigung",
  "label.safetyChecker": "Sicherheitsfilter",
  "label.safetyTolerance": "Sicherheitstoleranz",
  "label.webSearch": "Websuche",
  "label.thinking": "Denkstufe",
  "label.prompt": "Prompt",
  "label.images": "Bilder",
  "label.image": "Bild",
  "outOfRange":
    "Für „{label}“ gib {integer, select, yes {eine ganze Zahl} other {eine Zahl}} von {min, number, ::group-off} bis {max, number, ::group-off} an; du hast {value} angegeben.",
  "onOrOff": "„{label}“ kann nur an oder aus sein.",
  "negativePromptText": "Der Negativ-Prompt muss Text sein.",
  "negativePromptTooLong": "Der Negativ-Prompt ist {length, number} Zeichen lang; {model} nimmt höchstens {max, number}. Kürze ihn.",
  "imageSizeUnknown":
    "Die Bildgröße „{value}“ kennt {model} nicht; wähle {sizes} oder gib BREITExHÖHE an, etwa 1024x768, jede Seite {min, number, ::group-off} bis {max, number, ::group-off} Pixel.",
  "promptEmpty":
    "Der Prompt ist leer; beschreibe {kind, select, edit {die gewünschte Änderung} vision {was du über das Bild wissen möchtest} other {das gewünschte Bild}}.",
  "promptInvisible":
    "Der Prompt enthält nur unsichtbare Zeichen (etwa Leerzeichen ohne Breite); beschreibe {kind, select, edit {die gewünschte Änderung} vision {was du über das Bild wissen möchtest} other {das gewünschte Bild}} in Worten.",
  "promptTooLong": "Der Prompt ist {length, number} Zeichen lang; {model} nimmt höchstens {max, number}. Kürze ihn.",
  "textOnlyToCounterpart":
    "{model} erstellt Bilder nur aus Text und nimmt keine Eingabebilder; entferne die Bilder oder wähle {counterpart}, um sie zu bearbeiten.",
  "textOnly": "{model} erstellt Bilder nur aus Text und nimmt keine Eingabebilder; entferne die Bilder oder wähle ein Bearbeitungsmodell.",
  "imageCount":
    "{model} nimmt {exact, select, yes {genau {min, plural, one {# Bild} other {# Bilder}}} other {{min, number} bis {max, number} Bilder}}; du hast {count, number} angegeben.",
  "attachOne": "Hänge ein Bild an{edit, select, yes {, das bearbeitet werden soll} other {}}.",
  "attachMore":
    "Hänge {missing, plural, one {# weiteres Bild} other {# weitere Bilder}} an{edit, select, yes {, die bearbeitet werden sollen} other {}}.",
  "removeSome": "Entferne {extra, plural, one {# Bild} other {# Bilder}}.",
  "removeSomeOrSwitch":
    "Entferne {extra, plural, one {# Bild} other {# Bilder}} oder wechsle zu{some, select, yes {, zum Beispiel,} other {}} {models}, {modelCount, plural, one {das} other {die}} so viele {modelCount, plural, one {nimmt} other {nehmen}}.",
  "notOffered": "Bei {model} lässt sich „{label}“ nicht einstellen; lass „{label}“ leer.",
  "notOfferedElsewhere":
    "Bei {model} lässt sich „{label}“ nicht einstellen; wähle{some, select, yes {, zum Beispiel,} other {}} {models} oder lass „{label}“ leer.",
  "notInList": "{model} bietet für „{label}“ nicht „{value}“ an; wähle {many, select, yes {eines von } other {}}{allowed}.",
  "notInListElsewhere":
    "{model} bietet für „{label}“ nicht „{value}“ an; wähle {many, select, yes {eines von } other {}}{allowed} oder wechsle zu{some, select, yes {, zum Beispiel,} other {}} {models}, {modelCount, plural, one {das es anbietet} other {die es anbieten}}.",
  "notTaken": "{model} nimmt „{field}“ nicht an.",
  "notAccepted": "{model} hat „{label}“ nicht angenommen: {reason}.",
  "sideMissing":
    "Du hast „{given}“ angegeben, aber nicht „{missing}“; gib beides an (jeweils {min, number, ::group-off} bis {max, number, ::group-off} Pixel) oder keines von beiden, um die Größe der Vorlage zu behalten.",
  "sizeOrSides": "Wähle entweder eine Bildgröße oder Breite und Höhe, nicht beides.",
  "upscaleOneImage": "{model} skaliert genau 1 Bild hoch; du hast {count, number} angegeben.",
  "upscaleNoOption": "Bei {model} lässt sich „{label}“ nicht einstellen.",
  "upscaleFactor": "{model} vergrößert ein Bild auf das 1- bis 10-Fache; ×{factor} liegt außerhalb davon.",
  "upscaleNotAccepted": "{model} hat das Bild nicht angenommen: {reason}.",
  "backgroundOneImage": "{model} entfernt den Hintergrund von genau 1 Bild; du hast {count, number} angegeben.",
  "backgroundNoOption": "{model} nimmt nur ein Bild: „{label}“ lässt sich nicht einstellen.",
  "backgroundNotAccepted": "{model} konnte das Bild nicht verarbeiten: {reason}.",
};
