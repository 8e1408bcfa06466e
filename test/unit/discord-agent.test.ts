// The connections to Discord's API: kept open once answered, and reused by the requests that follow.
import { request, type Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAgent } from "../../src/discord/api-agent.js";
import { localServer } from "./local-server.js";

const server = localServer((_req, res) => {
  res.writeHead(204).end();
});

const agents: Agent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
});

function agent(): Agent {
  const created = createDiscordAgent();
  agents.push(created);
  return created;
}

describe("connections to Discord's API", () => {
  it("keeps the connections a burst opened, and the next burst uses them instead of opening others", async () => {
    const pool = agent();
    const burst = async (count: number) => {
      const answers = await Promise.all(
        Array.from({ length: count }, () => request(`${server.base}/api/v10/interactions/1/token/callback`, { dispatcher: pool, method: "POST", body: "{}" })),
      );
      await Promise.all(answers.map((answer) => answer.body.dump()));
    };
    const before = server.connections;
    await burst(16);
    const opened = server.connections - before;
    expect(opened).toBeGreaterThan(1);
    // undici frees the last connection that answered on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    await burst(opened);
    expect(server.connections - before).toBe(opened);
  });
});
