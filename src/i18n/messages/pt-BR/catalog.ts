import type { Messages } from "../types.js";

export const catalog: Messages<"catalog"> = {
  "title": "Modelos",
  "intro": "Use `/imagine` para criar uma imagem a partir de texto, `/edit` para alterar imagens anexadas e `/describe` (ou Apps → Describe numa mensagem) para obter prompts de uma imagem; os botões Upscale abaixo de um resultado usam SeedVR2.",
  "textOnly": "só texto",
  "inputImages": "{count, plural, one {# imagem de entrada} other {# imagens de entrada}}",
  "inputImagesRange": "{min}–{max} imagens de entrada",
  "resolutions": "resolução {values}",
  "upToImages": "até {max} imagens",
  "formats": "{values} (padrão {fallback})",
  "seed": "seed",
  "webSearch": "busca na web",
  "negativePrompt": "prompt negativo",
  "accelerations": "aceleração {values}",
  "customSize": "largura × altura personalizadas",
  "kindEdit": "Edita imagens",
  "kindTextToImage": "Cria imagens a partir de texto",
  "kindVision": "Escreve prompts a partir de uma imagem",
  "kindUpscale": "Amplia uma imagem",
  "kindBackgroundRemoval": "Remove o fundo de uma imagem",
};
