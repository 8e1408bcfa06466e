import type { Messages } from "../types.js";

export const models: Messages<"models"> = {
  "nano-banana": "Googles schnelles, günstiges Bildmodell: gute Alltagsbilder aus einem Text-Prompt.",
  "gemini-25-flash-image": "Das Modell hinter Nano Banana unter Googles eigenem Namen: schnelle Bilder aus einem Text-Prompt.",
  "nano-banana-pro": "Googles leistungsfähigstes Bildmodell: präzise Details und lesbarer Text, bis 4K, kann im Web suchen.",
  "nano-banana-2": "Fast Pro-Qualität in Flash-Tempo, mit extrabreiten und extrahohen Formaten und optionalem Nachdenken.",
  "nano-banana-edit": "Ändert oder kombiniert bis zu 3 deiner Bilder nach deiner Beschreibung, schnell und günstig.",
  "gemini-25-flash-image-edit": "Das Modell hinter Nano Banana (Bearbeiten) unter Googles eigenem Namen: bearbeitet bis zu 3 deiner Bilder.",
  "nano-banana-pro-edit": "Sorgfältige, detaillierte Bearbeitungen und Kompositionen aus bis zu 14 deiner Bilder, bis 4K.",
  "nano-banana-2-edit": "Schnelle, hochwertige Bearbeitungen und Kompositionen aus bis zu 14 deiner Bilder, bis 4K.",
  "gemini-flash-edit": "Der ältere Gemini-Editor: ein Bild und eine Anweisung, keine weiteren Einstellungen.",
  "firered-edit": "Open-Source-Editor, der Gesichter und Schrift unversehrt lässt; versteht englische und chinesische Prompts.",
  "seedvr-upscale": "Originaltreues Hochskalieren (Hochskalieren 2K und 4K bei Ergebnissen): schärfer und größer, ohne das Bild neu zu zeichnen.",
  "bria-background-removal": "Schneidet das Motiv eines Bildes auf transparentem Hintergrund frei (für Emojis und Sticker).",
  "gemini-25-flash-vision": "Liest ein Bild und schreibt Prompts, die ein ähnliches erzeugen würden (/describe und das Menü Beschreiben).",
};
