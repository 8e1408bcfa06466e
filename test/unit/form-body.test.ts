import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formBody } from "../../src/discord/form-body.js";
import { BufferPool } from "../../src/media/buffer-pool.js";

const buffers = new BufferPool(4 * 1024 * 1024, 1024 * 1024);

describe("formBody", () => {
  it("encodes the files and payload_json so that a standard form-data parser reads them back byte for byte", async () => {
    const image = randomBytes(300_000);
    const payload = { content: "", attachments: [{ id: "0", description: "a cat" }] };
    const { body, headers } = formBody(payload, [
      { name: "ABC123-1.png", data: image, contentType: "image/png" },
      { name: 'odd "name"\r\n.txt', data: "text", key: "files[7]" },
    ], buffers);
    const form = await new Response(body, { headers }).formData();
    expect(JSON.parse(form.get("payload_json") as string)).toEqual(payload);
    const first = form.get("files[0]") as File;
    expect(first.name).toBe("ABC123-1.png");
    expect(first.type).toBe("image/png");
    expect(Buffer.from(await first.arrayBuffer()).equals(image)).toBe(true);
    const second = form.get("files[7]") as File;
    // Quotes and line breaks travel percent-encoded (they would end the header) and come back as they were.
    expect(body.includes('filename="odd %22name%22%0D%0A.txt"')).toBe(true);
    expect(second.name).toBe('odd "name"\r\n.txt');
    expect(await second.text()).toBe("text");
    expect([...form.keys()]).toEqual(["files[0]", "files[7]", "payload_json"]);
  });

  it("labels a file without a content type by its name's image extension (Discord serves it as that type), else as octet-stream", async () => {
    const { body, headers } = formBody({}, [
      { name: "ABC123-2.jpg", data: "jpeg bytes" },
      { name: "ABC123-3.WEBP", data: "webp bytes" },
      { name: "notes.txt", data: "text" },
    ], buffers);
    const form = await new Response(body, { headers }).formData();
    expect(["files[0]", "files[1]", "files[2]"].map((key) => (form.get(key) as File).type)).toEqual(["image/jpeg", "image/webp", "application/octet-stream"]);
  });

  it("uses a new boundary for every body", () => {
    const a = formBody({}, [], buffers).headers["Content-Type"];
    const b = formBody({}, [], buffers).headers["Content-Type"];
    expect(a).toMatch(/^multipart\/form-data; boundary=falcord-[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });
});
