import type { Messages } from "../types.js";

export const install: Messages<"install"> = {
  "forcedPrivate":
    "Nur du kannst das sehen: Dieser Server erlaubt eigenen Apps der Mitglieder keine öffentlichen Beiträge, deshalb hält Discord die Antworten des Bots hier privat.",
  "modelOff": "{model} ist über deine eigene Installation des Bots nicht verfügbar. Wähle ein anderes Modell.",
  "inFlight":
    "Du hast bereits {max, plural, one {# Auftrag} other {# Aufträge}} laufen, das Maximum für deine eigene Installation. Warte, bis einer fertig ist.",
  "imagesUsed": "Du hast heute {used} von deinen {quota} Bildern über deine eigene Installation verbraucht; das Kontingent wird {resets} zurückgesetzt.",
  "imagesLeft":
    "Du hast heute noch {left} von {quota} Bildern übrig und {asked} angefragt; frage nach weniger oder warte, bis es {resets} zurückgesetzt wird.",
  "budgetSpent": "Dein Tagesbudget für deine eigene Installation ist aufgebraucht; es wird {resets} zurückgesetzt.",
  "budgetOver":
    "Das würde den Rest deines Tagesbudgets ({left, number, ::currency/USD}) überschreiten; nimm ein günstigeres Modell oder weniger Bilder, oder warte, bis es {resets} zurückgesetzt wird.",
  "usageTitle": "Deine Nutzung heute (eigene Installation)",
  "usageScope":
    "Gezählt für deine eigene Installation des Bots: DMs, Gruppen-DMs und Server, die ihn nicht hinzugefügt haben. Diese Grenzen legt der Betreiber des Bots fest.",
};
