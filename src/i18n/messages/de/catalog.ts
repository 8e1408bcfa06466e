import type { Messages } from "../types.js";

export const catalog: Messages<"catalog"> = {
  "title": "Modelle",
  "intro": "Nutze `/imagine`, um ein Bild aus Text zu erstellen, `/edit`, um angehängte Bilder zu ändern, und `/describe` (oder bei einer Nachricht Apps → Describe), um Prompts für ein Bild zu erhalten; die Upscale-Schaltflächen unter einem Ergebnis nutzen SeedVR2.",
  "textOnly": "nur Text",
  "inputImages": "{count, plural, one {# Eingabebild} other {# Eingabebilder}}",
  "inputImagesRange": "{min}–{max} Eingabebilder",
  "resolutions": "Auflösung {values}",
  "upToImages": "bis zu {max} Bilder",
  "formats": "{values} (Standard {fallback})",
  "seed": "Seed",
  "webSearch": "Websuche",
  "negativePrompt": "negativer Prompt",
  "accelerations": "Beschleunigung {values}",
  "customSize": "eigene Breite × Höhe",
  "kindEdit": "Bearbeitet Bilder",
  "kindTextToImage": "Erstellt Bilder aus Text",
  "kindVision": "Schreibt Prompts zu einem Bild",
  "kindUpscale": "Vergrößert ein Bild",
  "kindBackgroundRemoval": "Entfernt den Hintergrund eines Bildes",
};
