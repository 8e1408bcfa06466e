import type { Messages } from "../types.js";

export const common: Messages<"common"> = {
  "unknownCommand": "Ese comando ya no forma parte de este bot. Puede que Discord aún muestre una lista antigua; inténtalo de nuevo en un minuto.",
  "inactiveComponent": "Este botón o formulario ya no está activo. Vuelve a usar el comando para obtener uno nuevo.",
  "internalError": "Algo ha fallado por nuestra parte (ref. {ref}). Inténtalo de nuevo; si sigue pasando, avisa a un administrador del servidor y cita la referencia.",
  "seconds": "{seconds, number, ::.0} s",
};
