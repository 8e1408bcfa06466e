// Each model's one-line summary (/models, the Edit form), by model id: the catalog keeps the English one.
export const models = {
  "nano-banana": "Google's fast, low-cost image model: good everyday pictures from a text prompt.",
  "gemini-25-flash-image": "The model behind Nano Banana, under Google's own name: quick pictures from a text prompt.",
  "nano-banana-pro": "Google's most capable image model: precise detail and legible text, up to 4K, can search the web.",
  "nano-banana-2": "Near-Pro quality at Flash speed, with extra-wide and extra-tall shapes and optional thinking.",
  "nano-banana-edit": "Changes or combines up to 3 of your images as you describe, quickly and cheaply.",
  "gemini-25-flash-image-edit": "The model behind Nano Banana (edit), under Google's own name: edits up to 3 of your images.",
  "nano-banana-pro-edit": "Careful, detailed edits and compositions from up to 14 of your images, up to 4K.",
  "nano-banana-2-edit": "Fast, high-quality edits and compositions from up to 14 of your images, up to 4K.",
  "gemini-flash-edit": "The older Gemini editor: one image and an instruction, no other settings.",
  "firered-edit": "Open-source editor that keeps faces and lettering intact; understands English and Chinese prompts.",
  "seedvr-upscale": "Faithful upscaling (Upscale 2K and 4K on results): sharper and larger, without re-drawing the picture.",
  "bria-background-removal": "Cuts the subject out of an image onto a transparent background (for emoji and stickers).",
  "gemini-25-flash-vision": "Reads an image and writes prompts that would make one like it (/describe and the Describe menu).",
} as const;
