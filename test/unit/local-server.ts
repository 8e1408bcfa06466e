// A throwaway HTTP server on 127.0.0.1 for one test file: listening before its tests, closed after them.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

/** `connections`: how many TCP connections the server has accepted so far. */
export function localServer(handler: RequestListener): { readonly base: string; readonly connections: number } {
  let server: Server | undefined;
  const state = { base: "", connections: 0 };
  beforeAll(async () => {
    const started = createServer(handler);
    started.on("connection", () => (state.connections += 1));
    server = started;
    await new Promise<void>((resolve) => started.listen(0, "127.0.0.1", resolve));
    state.base = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });
  return state;
}
