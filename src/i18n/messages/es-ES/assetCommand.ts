import type { Messages } from "../types.js";

export const assetCommand: Messages<"assetCommand"> = {
  "label": "{kind, select, emoji {Emoji} sticker {Sticker} icon {Icono del servidor} banner {Banner del servidor} other {Portada de evento}}",
  "needsServer": "/asset crea imágenes para un servidor que haya añadido falcord: úsalo en un servidor así.",
  "memberMissing": "Para crear {kind, select, emoji {un emoji} sticker {un sticker} icon {el icono del servidor} banner {el banner del servidor} other {una portada de evento}} hace falta el permiso **{permission}** en este servidor, y no lo tienes. Pídeselo a un moderador que lo tenga.",
  "botMissing": "falcord no tiene el permiso **{permission}** en este servidor, así que no podría añadir {kind, select, emoji {un emoji} sticker {un sticker} icon {el icono del servidor} banner {el banner del servidor} other {una portada de evento}}. Un administrador puede dárselo al rol de falcord en Ajustes del servidor → Roles; no se ha creado ni cobrado nada.",
};
