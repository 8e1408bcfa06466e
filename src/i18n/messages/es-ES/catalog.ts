import type { Messages } from "../types.js";

export const catalog: Messages<"catalog"> = {
  "title": "Modelos",
  "intro": "Usa `/imagine` para crear una imagen a partir de texto, `/edit` para cambiar las imágenes que adjuntes y `/describe` (o Aplicaciones → Describe en un mensaje) para obtener prompts de una imagen; los botones Upscale bajo un resultado usan SeedVR2.",
  "textOnly": "solo texto",
  "inputImages": "{count, plural, one {# imagen de entrada} other {# imágenes de entrada}}",
  "inputImagesRange": "{min}–{max} imágenes de entrada",
  "resolutions": "resolución {values}",
  "upToImages": "hasta {max} imágenes",
  "formats": "{values} (predeterminado {fallback})",
  "seed": "semilla",
  "webSearch": "búsqueda web",
  "negativePrompt": "prompt negativo",
  "accelerations": "aceleración {values}",
  "customSize": "ancho × alto personalizados",
  "kindEdit": "Edita imágenes",
  "kindTextToImage": "Crea imágenes a partir de texto",
  "kindVision": "Escribe prompts a partir de una imagen",
  "kindUpscale": "Amplía una imagen",
  "kindBackgroundRemoval": "Quita el fondo de una imagen",
};
