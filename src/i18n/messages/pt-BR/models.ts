import type { Messages } from "../types.js";

export const models: Messages<"models"> = {
  "nano-banana": "O modelo de imagem rápido e barato do Google: boas imagens do dia a dia a partir de um texto.",
  "gemini-25-flash-image": "O modelo por trás do Nano Banana, com o nome que o Google usa: imagens rápidas a partir de um texto.",
  "nano-banana-pro": "O modelo de imagem mais capaz do Google: detalhes precisos e texto legível, até 4K, pode pesquisar na web.",
  "nano-banana-2": "Qualidade quase Pro na velocidade do Flash, com formatos extralargos e extra-altos e raciocínio opcional.",
  "nano-banana-edit": "Altera ou combina até 3 das suas imagens como você descrever, rápido e barato.",
  "gemini-25-flash-image-edit": "O modelo por trás do Nano Banana (edição), com o nome que o Google usa: edita até 3 das suas imagens.",
  "nano-banana-pro-edit": "Edições e composições cuidadosas e detalhadas a partir de até 14 das suas imagens, até 4K.",
  "nano-banana-2-edit": "Edições e composições rápidas e de alta qualidade a partir de até 14 das suas imagens, até 4K.",
  "gemini-flash-edit": "O editor Gemini antigo: uma imagem e uma instrução, sem outras configurações.",
  "firered-edit": "Editor de código aberto que mantém rostos e letras intactos; entende prompts em inglês e chinês.",
  "seedvr-upscale": "Ampliação fiel (Ampliar 2K e 4K nos resultados): mais nítida e maior, sem redesenhar a imagem.",
  "bria-background-removal": "Recorta o tema de uma imagem sobre um fundo transparente (para emojis e figurinhas).",
  "gemini-25-flash-vision": "Lê uma imagem e escreve prompts que criariam uma parecida (/describe e o menu Descrever).",
};
