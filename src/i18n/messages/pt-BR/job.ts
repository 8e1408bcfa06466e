import type { Messages } from "../types.js";

export const job: Messages<"job"> = {
  "readingImage": "**{model}** · lendo sua imagem",
  "starting": "⏳ Começando…",
  "waiting": "⏳ Aguardando uma vaga livre — {ahead, plural, =0 {você é o próximo} one {# tarefa na frente} other {# tarefas na frente}}",
  "sending": "⏳ Enviando para a fal…",
  "queued": "⏳ Aguardando na fila da fal — {place, plural, =1 {você é o próximo} other {posição #}}",
  "generating": "🎨 Gerando · {elapsed}",
  "generatingLeft": "🎨 Gerando · {elapsed} · {bar} faltam cerca de {left}",
  "generatingAlmostDone": "🎨 Gerando · {elapsed} · {bar} quase pronto",

  "failureInvalidInput": "❌ A fal não aceitou este pedido:\n{details}\nAltere isso e tente de novo. (ref {ref})",
  "failureContentPolicy":
    "🚫 O modelo recusou este pedido pela sua política de conteúdo. Tente reescrever o prompt ou usar outras imagens. (ref {ref})",
  "failureInputUnavailable":
    "❌ Uma das imagens desta tarefa não pôde ser lida, mesmo depois de o bot enviá-la de novo. Se foi você que a anexou, anexe-a de novo (PNG, JPEG, WebP ou GIF) e tente outra vez; se ela veio dos botões de um resultado, use os botões de um resultado mais recente. (ref {ref})",
  "failureSourceUnavailable":
    "❌ A imagem para afastar ou deslocar não pôde ser baixada nem entregue à fal, então nada foi enviado ao modelo e nada foi cobrado. Aperte Tentar de novo ou use os botões de um resultado mais recente. (ref {ref})",
  "failureUnauthorized":
    "⚠️ A chave da fal do bot foi recusada, então ele não pode criar imagens agora. Um admin do servidor precisa corrigir a FAL_KEY do bot. (ref {ref})",
  "failureForbidden":
    "⚠️ A fal recusou a conta do bot, então ele não pode criar imagens agora (normalmente a conta da fal está bloqueada porque o saldo acabou). Um admin do servidor precisa verificar o saldo da conta da fal; nada foi cobrado por isto. (ref {ref})",
  "failureFalError":
    "⚠️ A fal teve um problema do lado dela e não aceitou esta tarefa; nada foi cobrado. Tente de novo daqui a alguns minutos. (ref {ref})",
  "failureUnreadableSubmit":
    "⚠️ Não foi possível ler a resposta da fal a esta tarefa, então o bot não sabe se a fal está fazendo a imagem; ela não conta nos seus limites. Tente de novo. (ref {ref})",
  "failureUnreadableResult":
    "⚠️ A fal terminou esta tarefa, mas não foi possível ler a resposta, mesmo perguntando de novo; ela não conta nos seus limites. Tente de novo. (ref {ref})",
  "failureBusy": "⏳ A fal está ocupada agora e não aceitou a tarefa depois de várias tentativas. Tente de novo daqui a alguns minutos. (ref {ref})",
  "failureTimeout": "⌛ Isto levou mais de {limit}, então foi cancelado (nada mais será cobrado). Tente de novo. (ref {ref})",
  "failureCancelled": "🛑 Cancelado por <@{by}>; nada foi cobrado. (ref {ref})",
  "failureModelError": "❌ O modelo falhou ao criar sua imagem. Tente de novo; se continuar falhando, tente outro modelo. (ref {ref})",
  "failureOutputUnavailable": "❌ A imagem foi criada, mas não pôde ser baixada da fal. Tente de novo. (ref {ref})",
  "failureUploadTooLarge":
    "❌ A imagem foi criada, mas o Discord a recusou por ser grande demais para este canal, mesmo depois de o bot reduzi-la. Aperte Tentar de novo para enviá-la outra vez (não é cobrada de novo) ou pergunte a um admin do servidor sobre o limite de envio do canal. (ref {ref})",
  "failureNetwork": "❌ O bot não conseguiu falar com a fal. Tente de novo daqui a um minuto. (ref {ref})",
  "failureInterrupted":
    "⚠️ O bot reiniciou antes de a fal confirmar esta tarefa, então não sabe se a fal está fazendo a imagem; ela não conta nos seus limites. Aperte Tentar de novo para executá-la outra vez. (ref {ref})",
  "failureModelUnavailable":
    "❌ O modelo pedido por esta tarefa ({modelId}) não é mais oferecido por este bot, então a tarefa foi interrompida; ela não conta nos seus limites. Escolha outro modelo e tente de novo. (ref {ref})",
  "failureUnknown": "❌ Algo deu errado do nosso lado. Tente de novo; se continuar acontecendo, avise um admin do servidor e cite a ref. (ref {ref})",

  "buttonReroll": "Gerar de novo",
  "buttonEdit": "Editar",
  "buttonDelete": "Excluir",
  "buttonCancel": "Cancelar",
  "buttonRetry": "Tentar de novo",
  "buttonRun": "Executar {n, number}",
  "buttonUpscale": "Ampliar {size}",
  "buttonVarySubtle": "Variar (sutil)",
  "buttonVaryStrong": "Variar (forte)",
  "buttonZoomOut": "Afastar {factor, number}×",
  "actionPan": "Deslocar {direction, select, left {para a esquerda} right {para a direita} up {para cima} other {para baixo}}",

};
