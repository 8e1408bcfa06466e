import type { IncomingMessage } from "node:http";
import { Busboy, type BusboyInstance } from "@fastify/busboy";
import { LIMITS } from "../constants.js";
import { DiscordErrors } from "../errors.js";

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ParsedBody {
  json: unknown;
  files: UploadedFile[];
}

/** Reads the whole body first: answering before it is consumed makes undici see a reset socket and retry. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= LIMITS.requestBody) chunks.push(buf);
  }
  if (size > LIMITS.requestBody) throw DiscordErrors.entityTooLarge();
  return Buffer.concat(chunks);
}

/** JSON bodies, or multipart with `payload_json` (or plain fields) plus `files[n]` parts. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [] };
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) return parseMultipart(raw, contentType ?? "");
  return { json: parseJson(raw.toString("utf8")), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw DiscordErrors.invalidJson();
  }
}

/**
 * How many parts the body's delimiters enclose: a delimiter is "--boundary" at the very start or after a CRLF
 * (RFC 2046); each part opens with one, and the close delimiter ("--boundary--") ends the last, and the parsing.
 */
function delimitedParts(raw: Buffer, contentType: string): number {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const delimiter = Buffer.from(`\r\n--${boundary?.[1] ?? boundary?.[2] ?? ""}`);
  const closes = (end: number) => raw.toString("latin1", end, end + 2) === "--";
  let parts = 0;
  let at = raw.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2)) ? -2 : raw.indexOf(delimiter);
  for (; at !== -1 && !closes(at + delimiter.length); at = raw.indexOf(delimiter, at + delimiter.length)) parts++;
  return parts;
}

// Busboy reads the parts straight from the request's bytes: the WHATWG FormData route (Request.formData())
// copied each upload several times through web streams and Blobs, and the bench's fakes share the machine's two
// cores with the bot they measure. It is more lenient than that route was, so the fake adds its refusals back:
// a part without a name, and a part busboy skips (no form-data Content-Disposition), which the delimiters reveal.
function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    const files: UploadedFile[] = [];
    const fields: Record<string, unknown> = {};
    let parts = 0;
    let payload: unknown;
    let failure: unknown;
    let parser: BusboyInstance;
    try {
      parser = Busboy({
        headers: { "content-type": contentType },
        // A part is a file when it names one (a typed part without a filename is a field, as in FormData).
        isPartAFile: (_field, _type, filename) => filename !== undefined,
        // File names as sent (busboy would cut a path off them; FormData did not).
        preservePath: true,
        // As large as a whole body may be: no field is ever cut short.
        limits: { fieldSize: LIMITS.requestBody },
      });
    } catch {
      reject(DiscordErrors.invalidJson());
      return;
    }
    parser.on("field", (field: string | undefined, value) => {
      parts++;
      if (field === undefined) failure ??= DiscordErrors.invalidJson();
      else if (field === "payload_json") {
        try {
          payload = parseJson(value);
        } catch (error) {
          failure ??= error;
        }
      } else fields[field] = value;
    });
    parser.on("file", (field: string | undefined, stream, filename, _encoding, mimeType) => {
      parts++;
      if (field === undefined) failure ??= DiscordErrors.invalidJson();
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", () => (failure ??= DiscordErrors.invalidJson()));
      // Parsed from one buffer, a part is usually one slice of it: kept as it is, not copied again.
      const data = () => (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
      // A part without a Content-Type is text/plain to busboy (FormData left the type empty).
      stream.on("end", () => files.push({ field: field ?? "", filename, contentType: mimeType, data: data() }));
    });
    parser.on("error", () => reject(DiscordErrors.invalidJson()));
    parser.on("finish", () => {
      failure ??= parts === delimitedParts(raw, contentType) ? undefined : DiscordErrors.invalidJson();
      if (failure) reject(failure);
      else resolve({ json: payload ?? fields, files });
    });
    parser.end(raw);
  });
}
