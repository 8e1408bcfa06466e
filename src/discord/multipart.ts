// The multipart/form-data body of a message with attachments, as a list of Buffers that are written to the
// socket as they are. @discordjs/rest copies each file into a Blob and undici streams the Blob into the request:
// with 1 MiB results that cost falcord ~130 MB of peak memory at 500 jobs (bench: 400 → 270 MB) in short-lived
// native copies. Here a file is never copied. Encoded as WHATWG FormData does (RFC 7578).
import { randomBytes } from "node:crypto";
import type { RawFile } from "discord.js";

export interface MultipartBody {
  /** The body in order; an array, so a retried request can send it again. */
  chunks: Buffer[];
  /** Its length in bytes (the Content-Length). */
  length: number;
  contentType: string;
}

/** A form field's name or file name inside its quoted Content-Disposition parameter. */
function quoted(value: string): string {
  return value.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
}

function fileBytes(data: RawFile["data"]): Buffer {
  return Buffer.isBuffer(data) ? data : typeof data === "string" || typeof data === "number" || typeof data === "boolean" ? Buffer.from(String(data)) : Buffer.from(data);
}

/** `files` as Discord expects them (files[n], or each file's key) and the message itself as payload_json. */
export function multipartBody(payload: unknown, files: readonly RawFile[]): MultipartBody {
  const boundary = `falcord-${randomBytes(16).toString("hex")}`;
  const parts: Buffer[] = [];
  files.forEach((file, index) => {
    const name = quoted(file.key ?? `files[${index}]`);
    const type = file.contentType ?? "application/octet-stream";
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${quoted(file.name)}"\r\nContent-Type: ${type}\r\n\r\n`));
    parts.push(fileBytes(file.data), Buffer.from("\r\n"));
  });
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="payload_json"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(payload)}\r\n--${boundary}--\r\n`,
    ),
  );
  const length = parts.reduce((sum, part) => sum + part.byteLength, 0);
  return { chunks: parts, length, contentType: `multipart/form-data; boundary=${boundary}` };
}
