// Structured logging. Secrets are removed twice: by field (pino redact) and by value/pattern on the
// final line, because tokens also hide inside error messages and request URLs that no path names.
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";

export type { Logger };

const REDACTED = "[redacted]";

const redactPaths = [
  "token",
  "*.token",
  "*.*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.Authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  "credentials",
  "*.credentials",
  "DISCORD_TOKEN",
  "FAL_KEY",
  "*.DISCORD_TOKEN",
  "*.FAL_KEY",
];

const secretPatterns: [RegExp, string][] = [
  // Interaction and webhook tokens travel in URL paths: /interactions/{id}/{token}, /webhooks/{app}/{token}.
  [/((?:interactions|webhooks)\/\d+\/)[\w.-]{20,}/g, `$1${REDACTED}`],
  [/\b(Bot|Bearer|Key)\s+[\w.:-]{8,}/g, `$1 ${REDACTED}`],
  // An interaction token on its own (a field no redact path names): base64 of "interaction:{id}:…".
  [/aW50ZXJhY3Rpb246[\w-]+/g, REDACTED],
  // Discord bot tokens: base64 user id, timestamp, HMAC.
  [/\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}\b/g, REDACTED],
];

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Returns a function that removes the given secret values and every token-shaped string from a line. */
export function createScrubber(secrets: readonly string[]): (line: string) => string {
  const literal = secrets.filter((s) => s.length >= 6).map(escapeRegExp);
  const literalPattern = literal.length ? new RegExp(literal.join("|"), "g") : undefined;
  return (line) => {
    let out = literalPattern ? line.replace(literalPattern, REDACTED) : line;
    for (const [pattern, replacement] of secretPatterns) out = out.replace(pattern, replacement);
    return out;
  };
}

export interface LoggerSettings {
  level: string;
  /** Exact values that must never be written (the bot token, the fal key). */
  secrets: readonly string[];
  /** Pretty output for a person at a terminal; JSON otherwise. Defaults to whether stdout is a TTY. */
  pretty?: boolean;
}

/**
 * Errors with their causes, without the request body discord.js attaches to its errors (`requestBody`: the
 * message and its files, for a result megabytes of image bytes): the status, code and URL tell what failed.
 */
function serializeError(error: Error): Record<string, unknown> {
  return withoutRequestBodies(pino.stdSerializers.errWithCause(error) as Record<string, unknown>);
}

/** The serialized error with every request body omitted, its causes' too (a result too large nests Discord's error). */
function withoutRequestBodies(serialized: Record<string, unknown>): Record<string, unknown> {
  const { requestBody, cause, ...rest } = serialized;
  return {
    ...rest,
    ...(requestBody === undefined ? {} : { requestBody: "[omitted]" }),
    ...(cause === undefined ? {} : { cause: typeof cause === "object" && cause !== null ? withoutRequestBodies(cause as Record<string, unknown>) : cause }),
  };
}

export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const scrub = createScrubber(settings.secrets);
  const options: LoggerOptions = {
    level: settings.level,
    base: { app: "falcord" },
    redact: { paths: redactPaths, censor: REDACTED },
    hooks: { streamWrite: scrub },
    serializers: { err: serializeError, error: serializeError },
  };
  const pretty = settings.pretty ?? (destination === undefined && process.stdout.isTTY === true);
  if (pretty) {
    return pino({ ...options, transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } } });
  }
  return destination ? pino(options, destination) : pino(options);
}
