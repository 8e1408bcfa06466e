import type { Messages } from "../types.js";

export const describe: Messages<"describe"> = {
  "noImages": "Diese Nachricht enthält keine Bilder zum Beschreiben. Nutze Beschreiben bei einer Nachricht mit angehängtem oder eingebettetem Bild.",
  "noPrompt": "Hinter dieser Schaltfläche steht kein Prompt mehr. Führe /describe erneut aus.",
};
