import type { Messages } from "../types.js";

export const assetCommand: Messages<"assetCommand"> = {
  "label": "{kind, select, emoji {Emoji} sticker {Sticker} icon {Server-Symbol} banner {Server-Banner} other {Event-Titelbild}}",
  "needsServer": "/asset erstellt Bilder für einen Server, der falcord selbst hinzugefügt hat: Nutze es auf so einem Server.",
  "memberMissing": "Für {kind, select, emoji {ein Emoji} sticker {einen Sticker} icon {das Server-Symbol} banner {das Server-Banner} other {ein Event-Titelbild}} brauchst du auf diesem Server die Berechtigung **{permission}**, die du nicht hast. Frag jemanden aus der Moderation, der sie hat.",
  "botMissing": "falcord hat auf diesem Server nicht die Berechtigung **{permission}** und könnte {kind, select, emoji {ein Emoji} sticker {einen Sticker} icon {das Server-Symbol} banner {das Server-Banner} other {ein Event-Titelbild}} daher nicht hinzufügen. Ein Server-Admin kann sie der Rolle von falcord unter Servereinstellungen → Rollen geben; es wurde nichts erstellt oder berechnet.",
};
