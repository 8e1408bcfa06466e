import type { Messages } from "../types.js";

export const catalog: Messages<"catalog"> = {
  "title": "Modèles",
  "intro": "Utilisez `/imagine` pour créer une image à partir d’un texte, `/edit` pour modifier les images jointes, `/describe` (ou Applications → Describe sur un message) pour obtenir des prompts pour une image ; les boutons Upscale sous un résultat utilisent SeedVR2.",
  "textOnly": "texte seul",
  "inputImages": "{count, plural, one {# image d’entrée} other {# images d’entrée}}",
  "inputImagesRange": "{min}–{max} images d’entrée",
  "resolutions": "résolution {values}",
  "upToImages": "jusqu’à {max} images",
  "formats": "{values} (par défaut {fallback})",
  "seed": "graine",
  "webSearch": "recherche web",
  "negativePrompt": "prompt négatif",
  "accelerations": "accélération {values}",
  "customSize": "largeur × hauteur personnalisées",
  "kindEdit": "Modifie des images",
  "kindTextToImage": "Crée des images à partir de texte",
  "kindVision": "Écrit des prompts à partir d’une image",
  "kindUpscale": "Agrandit une image",
  "kindBackgroundRemoval": "Retire l’arrière-plan d’une image",
};
