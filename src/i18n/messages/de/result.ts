import type { Messages } from "../types.js";

export const result: Messages<"result"> = {
  "fact": "**{label}:** {value}",
  "prompt": "Prompt",
  "model": "Modell",
  "size": "Größe",
  "seed": "Seed",
  "time": "Dauer",
  "style": "Stil",
  "asset": "Asset",
  "assetValue": "{kind, select, emoji {Emoji} sticker {Sticker} icon {Server-Symbol} banner {Server-Banner} other {Event-Titelbild}}{transparent, select, yes {, Hintergrund entfernt} other {}} · {kib, number} KiB",
  "noImage": "Diesmal kein Bild – das Modell hat mit Worten geantwortet",
  "noText": "(das Modell hat weder ein Bild noch Text geliefert)",
  "withheldLabel": "Zurückgehalten",
  "withheld":
    "{count, plural, one {# Bild wurde vom Sicherheitsfilter markiert und wird nicht gezeigt} other {# Bilder wurden vom Sicherheitsfilter markiert und werden nicht gezeigt}}, weil dieser Kanal nicht als NSFW markiert ist.",
  "describeTitle": "Prompts für dieses Bild",
  "describeHint": "Drücke Ausführen, um mit dem /imagine-Modell des Servers ein Bild aus einem Prompt zu machen.",
  "describeNone": "Diesmal keine Prompts",
  "describeAnswered": "Das Modell hat ohne Prompts geantwortet: {answer}\nDrücke Neu würfeln, um noch einmal zu fragen.",
  "describeNoText": "Das Modell hat keinen Text geliefert. Drücke Neu würfeln, um noch einmal zu fragen.",
  "scaledToFit": "auf {size} verkleinert, um in Discords Upload-Limit zu passen",
  "reencodedToFit": "als WebP neu kodiert, um in Discords Upload-Limit zu passen",
};
