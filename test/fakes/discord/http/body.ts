import type { IncomingMessage } from "node:http";
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

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await new Request("http://fake.invalid/", { method: "POST", headers: { "content-type": contentType }, body: raw }).formData();
  } catch {
    throw DiscordErrors.invalidJson();
  }
  const files: UploadedFile[] = [];
  const fields: Record<string, unknown> = {};
  let payload: unknown;
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") {
      if (field === "payload_json") payload = parseJson(value);
      else fields[field] = value;
      continue;
    }
    files.push({
      field,
      filename: value.name,
      contentType: value.type || "application/octet-stream",
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { json: payload ?? fields, files };
}
