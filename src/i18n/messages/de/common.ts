import type { Messages } from "../types.js";

export const common: Messages<"common"> = {
  "unknownCommand": "Dieser Befehl gehört nicht mehr zu diesem Bot. Discord zeigt eventuell noch eine alte Liste; versuche es in einer Minute erneut.",
  "inactiveComponent": "Diese Schaltfläche oder dieses Formular ist nicht mehr aktiv. Führe den Befehl erneut aus, um eine neue zu erhalten.",
  "internalError": "Bei uns ist etwas schiefgelaufen (Ref. {ref}). Bitte versuche es erneut; wenn es wieder passiert, sag einem Server-Admin Bescheid und nenne die Ref.",
  "seconds": "{seconds, number, ::.0} s",
};
