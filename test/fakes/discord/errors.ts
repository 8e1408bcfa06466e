import type { FormErrorTree } from "./validation/form-errors.js";

export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: FormErrorTree;
}

/** An error answer in Discord's shape; route handlers throw it and the server serialises it. */
export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(`${status} ${body.code} ${body.message}`);
  }
}

const error = (status: number, code: number, message: string) => () => new DiscordHttpError(status, { message, code });

export const DiscordErrors = {
  unauthorized: error(401, 0, "401: Unauthorized"),
  notFound: error(404, 0, "404: Not Found"),
  methodNotAllowed: error(405, 0, "405: Method Not Allowed"),
  unknownApplication: error(404, 10002, "Unknown Application"),
  unknownChannel: error(404, 10003, "Unknown Channel"),
  unknownGuild: error(404, 10004, "Unknown Guild"),
  unknownMember: error(404, 10007, "Unknown Member"),
  unknownMessage: error(404, 10008, "Unknown Message"),
  unknownEmoji: error(404, 10014, "Unknown Emoji"),
  unknownWebhook: error(404, 10015, "Unknown Webhook"),
  unknownSticker: error(404, 10060, "Unknown Sticker"),
  unknownInteraction: error(404, 10062, "Unknown interaction"),
  unknownScheduledEvent: error(404, 10070, "Unknown Guild Scheduled Event"),
  unknownCommand: error(404, 10063, "Unknown application command"),
  notAuthorizedForApplication: error(403, 20012, "You are not authorized to perform this action on this application"),
  maxEmojis: error(400, 30008, "Maximum number of emojis reached"),
  maxStickers: error(400, 30039, "Maximum number of stickers reached"),
  tooManyAttachments: error(400, 30015, "Maximum number of attachments in a message reached (10)"),
  entityTooLarge: error(413, 40005, "Request entity too large"),
  alreadyAcknowledged: error(400, 40060, "Interaction has already been acknowledged"),
  tooManyFollowUps: error(400, 40094, "This interaction has hit the maximum number of follow up messages"),
  missingAccess: error(403, 50001, "Missing Access"),
  cannotEditOthers: error(403, 50005, "Cannot edit a message authored by another user"),
  emptyMessage: error(400, 50006, "Cannot send an empty message"),
  cannotMessageUser: error(400, 50007, "Cannot send messages to this user"),
  missingPermissions: error(403, 50013, "Missing Permissions"),
  invalidWebhookToken: error(401, 50027, "Invalid Webhook Token"),
  fileTooLarge: error(400, 50045, "File uploaded exceeds the maximum size"),
  invalidFile: error(400, 50046, "Invalid file uploaded"),
  invalidJson: error(400, 50109, "The request body contains invalid JSON."),
  assetTooLarge: (maxBytes: number) => new DiscordHttpError(400, { message: `Failed to resize asset below the maximum size: ${maxBytes}`, code: 50138 }),
  invalidFormBody: (errors: FormErrorTree) =>
    new DiscordHttpError(400, { message: "Invalid Form Body", code: 50035, errors }),
};
