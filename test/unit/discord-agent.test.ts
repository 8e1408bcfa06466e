// The connections to Discord's API opened at start-up: all at once, each left idle for the acknowledgements.
import { request, type Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAgent, openConnections, warmConnections } from "../../src/discord/api-agent.js";
import { closedAddress, localServer } from "./local-server.js";

const seen: { path: string; authorization: string | undefined; userAgent: string | undefined }[] = [];
/** Requests to /hang get no answer. */
const server = localServer((req, res) => {
  seen.push({ path: req.url ?? "", authorization: req.headers.authorization, userAgent: req.headers["user-agent"] });
  if (req.url?.startsWith("/hang")) return;
  res.writeHead(404, { "content-type": "application/json" }).end('{"message":"404: Not Found","code":0}');
});
const api = (base: string) => ({ api: `${base}/api`, version: "10", userAgentAppendix: "Node.js v20" });

const agents: Agent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
  seen.length = 0;
});

function agent(): Agent {
  const created = createDiscordAgent();
  agents.push(created);
  return created;
}

describe("opening connections to Discord's API", () => {
  it("opens one connection per request, all at once, as discord.js, with no token, and keeps them for later requests", async () => {
    const pool = agent();
    const before = server.connections;
    expect(await openConnections(pool, api(server.base))).toEqual({ 404: warmConnections });
    expect(server.connections - before).toBe(warmConnections);
    expect(seen).toEqual(
      Array.from({ length: warmConnections }, () => ({ path: "/api/v10", authorization: undefined, userAgent: expect.stringMatching(/^DiscordBot \(https:\/\/discord\.js\.org, [\d.]+\) Node\.js v20$/) as string })),
    );

    // As many requests at once as there are warm connections: none opens another. (undici frees the last
    // connection that answered on the next turn of the event loop.)
    await new Promise((resolve) => setImmediate(resolve));
    const answers = await Promise.all(
      Array.from({ length: warmConnections }, () => request(`${server.base}/api/v10/interactions/1/token/callback`, { dispatcher: pool, method: "POST", body: "{}" })),
    );
    await Promise.all(answers.map((answer) => answer.body.dump()));
    expect(server.connections - before).toBe(warmConnections);
  });

  it("resolves, without throwing, when the API cannot be reached or does not answer in time", async () => {
    expect(await openConnections(agent(), api(await closedAddress()), { count: 3 })).toEqual({ "no answer": 3 });
    expect(await openConnections(agent(), api(`${server.base}/hang`), { count: 2, timeoutMs: 100 })).toEqual({ "no answer": 2 });
    expect(seen.filter((r) => r.path === "/hang/api/v10")).toHaveLength(2);
  });
});
