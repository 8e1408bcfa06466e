import type { Messages } from "../types.js";

export const models: Messages<"models"> = {
  "nano-banana": "El modelo de imagen rápido y barato de Google: buenas imágenes del día a día a partir de un texto.",
  "gemini-25-flash-image": "El modelo detrás de Nano Banana, con el nombre que le da Google: imágenes rápidas a partir de un texto.",
  "nano-banana-pro": "El modelo de imagen más capaz de Google: detalle preciso y texto legible, hasta 4K, puede buscar en la web.",
  "nano-banana-2": "Calidad casi Pro a velocidad Flash, con formatos muy anchos y muy altos y razonamiento opcional.",
  "nano-banana-edit": "Cambia o combina hasta 3 de tus imágenes como describas, rápido y barato.",
  "gemini-25-flash-image-edit": "El modelo detrás de Nano Banana (edición), con el nombre que le da Google: edita hasta 3 de tus imágenes.",
  "nano-banana-pro-edit": "Ediciones y composiciones cuidadas y detalladas a partir de hasta 14 de tus imágenes, hasta 4K.",
  "nano-banana-2-edit": "Ediciones y composiciones rápidas y de calidad a partir de hasta 14 de tus imágenes, hasta 4K.",
  "gemini-flash-edit": "El editor Gemini anterior: una imagen y una instrucción, sin más ajustes.",
  "firered-edit": "Editor de código abierto que conserva caras y letras; entiende instrucciones en inglés y en chino.",
  "seedvr-upscale": "Ampliación fiel (Ampliar 2K y 4K en los resultados): más nítida y más grande, sin volver a dibujar la imagen.",
  "bria-background-removal": "Recorta el sujeto de una imagen sobre un fondo transparente (para emojis y stickers).",
  "gemini-25-flash-vision": "Lee una imagen y escribe instrucciones que crearían una parecida (/describe y el menú Describir).",
};
