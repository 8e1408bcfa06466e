export const FAKE_APPLICATION_ID = "1234567890123456789";
// Shaped like a real token (base64 application id . timestamp . hmac) so token-format checks pass.
export const FAKE_BOT_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GfAkE1.fake-discord-bot-token-for-tests-0000000";

export const DEFAULT_INTERACTION_DEADLINE_MS = 3000;
export const DEFAULT_INTERACTION_TOKEN_TTL_MS = 15 * 60 * 1000;
export const DEFAULT_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
export const DEFAULT_ATTACHMENT_LINK_TTL_MS = 24 * 3600 * 1000;
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 41_250;
export const DEFAULT_ROUTE_RATE_LIMIT = { limit: 5, windowMs: 1000 };
export const DEFAULT_CALLBACK_RATE_LIMIT = { limit: 50, windowMs: 1000 };
export const DEFAULT_TIMEOUT_MS = 5000;

export const API_PREFIX = "/api/v10";
export const GATEWAY_PATH = "/gateway";
export const ATTACHMENT_PATH = "/attachments";

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
  v2Components: 40,
  v2Text: 4000,
  galleryItems: 10,
  altText: 1024,
  files: 10,
  modalTitle: 45,
  modalComponents: 5,
  textInputValue: 4000,
  textInputLabel: 45,
  labelDescription: 100,
  placeholder: 100,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  commandTotalSize: 8000,
  chatInputCommands: 100,
  contextMenuCommands: 15,
  stringOptionLength: 6000,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  requestBody: 64 * 1024 * 1024,
} as const;

export const MESSAGE_FLAGS = {
  suppressEmbeds: 1 << 2,
  ephemeral: 1 << 6,
  loading: 1 << 7,
  suppressNotifications: 1 << 12,
  componentsV2: 1 << 15,
} as const;
