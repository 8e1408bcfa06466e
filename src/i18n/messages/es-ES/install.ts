import type { Messages } from "../types.js";

export const install: Messages<"install"> = {
  "forcedPrivate":
    "Solo tú puedes ver esto: este servidor no permite que las aplicaciones propias de los miembros publiquen en público, así que Discord mantiene aquí privadas las respuestas del bot.",
  "modelOff": "{model} no está disponible a través de tu propia instalación del bot. Elige otro modelo.",
  "inFlight":
    "Ya tienes {max, plural, one {# tarea} other {# tareas}} en marcha, el máximo permitido con tu propia instalación. Espera a que termine alguna.",
  "imagesUsed": "Has usado {used} de tus {quota} imágenes de hoy con tu propia instalación; se reinicia {resets}.",
  "imagesLeft":
    "Te quedan {left} de tus {quota} imágenes de hoy y has pedido {asked}; pide menos o espera a que se reinicie {resets}.",
  "budgetSpent": "Tu presupuesto diario para tu propia instalación se ha agotado; se reinicia {resets}.",
  "budgetOver":
    "Esto superaría lo que queda de tu presupuesto diario ({left, number, ::currency/USD}); prueba un modelo más barato o menos imágenes, o espera a que se reinicie {resets}.",
  "usageTitle": "Tu uso de hoy (tu propia instalación)",
  "usageScope":
    "Contado para tu propia instalación del bot: mensajes directos, grupos y servidores que no lo han añadido. El operador del bot fija estos límites.",
};
