import type { Messages } from "../types.js";

export const assetCommand: Messages<"assetCommand"> = {
  "label": "{kind, select, emoji {Emoji} sticker {Figurinha} icon {Ícone do servidor} banner {Banner do servidor} other {Capa de evento}}",
  "needsServer": "/asset cria imagens para um servidor que adicionou o falcord: use-o em um servidor assim.",
  "memberMissing": "Criar {kind, select, emoji {um emoji} sticker {uma figurinha} icon {o ícone do servidor} banner {o banner do servidor} other {uma capa de evento}} exige a permissão **{permission}** neste servidor, que você não tem. Peça a um moderador que tenha.",
  "botMissing": "O falcord não tem a permissão **{permission}** neste servidor, então não conseguiria adicionar {kind, select, emoji {um emoji} sticker {uma figurinha} icon {o ícone do servidor} banner {o banner do servidor} other {uma capa de evento}}. Um administrador pode dá-la ao cargo do falcord em Configurações do servidor → Cargos; nada foi criado nem cobrado.",
};
