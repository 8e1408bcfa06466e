import type { Messages } from "../types.js";

export const models: Messages<"models"> = {
  "nano-banana": "Le modèle d’image rapide et peu coûteux de Google : de bonnes images du quotidien à partir d’un texte.",
  "gemini-25-flash-image": "Le modèle derrière Nano Banana, sous le nom que lui donne Google : des images rapides à partir d’un texte.",
  "nano-banana-pro": "Le modèle d’image le plus puissant de Google : détails précis et texte lisible, jusqu’en 4K, peut chercher sur le web.",
  "nano-banana-2": "Une qualité proche de Pro à la vitesse de Flash, avec des formats très larges et très hauts et une réflexion en option.",
  "nano-banana-edit": "Modifie ou combine jusqu’à 3 de tes images comme tu le décris, vite et pour pas cher.",
  "gemini-25-flash-image-edit": "Le modèle derrière Nano Banana (édition), sous le nom que lui donne Google : modifie jusqu’à 3 de tes images.",
  "nano-banana-pro-edit": "Des retouches et compositions soignées et détaillées à partir de 14 de tes images au plus, jusqu’en 4K.",
  "nano-banana-2-edit": "Des retouches et compositions rapides et de qualité à partir de 14 de tes images au plus, jusqu’en 4K.",
  "gemini-flash-edit": "L’ancien éditeur Gemini : une image et une consigne, aucun autre réglage.",
  "firered-edit": "Éditeur open source qui préserve visages et textes ; comprend les prompts en anglais et en chinois.",
  "seedvr-upscale": "Agrandissement fidèle (Agrandir 2K et 4K sur les résultats) : plus net et plus grand, sans redessiner l’image.",
  "bria-background-removal": "Détoure le sujet d’une image sur un fond transparent (pour les émojis et les stickers).",
  "gemini-25-flash-vision": "Lit une image et écrit des prompts qui en feraient une semblable (/describe et le menu Décrire).",
};
