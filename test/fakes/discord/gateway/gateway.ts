import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { deflateSync } from "node:zlib";
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from "discord-api-types/v10";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { DEFAULT_TIMEOUT_MS } from "../constants.js";
import type { Recorder } from "../recorder.js";
import { asRecord, now, waitFor } from "../util.js";
import type { World } from "../world.js";
import { guildCreatePayload, readyPayload } from "./payloads.js";
import { Sessions, type Connection, type Session } from "./sessions.js";
import { guildOfDispatch, readShard, routesTo } from "./shards.js";

const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

export interface GatewayDeps {
  world: World;
  recorder: Recorder;
  botToken: string;
  heartbeatIntervalMs: number;
  privilegedIntents: number;
  gatewayUrl(): string;
}

/** How the fake ends the bot's connection (see FakeDiscord.dropGateway). */
export interface GatewayDrop {
  /** Close with this code (e.g. 4000 Unknown error); without one the TCP connection just breaks. */
  closeCode?: number;
  /** False: Discord forgets the session meanwhile, so the client's RESUME gets op 9 Invalid Session d:false. Default true. */
  resumable?: boolean;
}

/**
 * The gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, dispatches to the connected bot, and resuming
 * (RESUME with the session id and last seq → the dispatches after it, then RESUMED). Sharded sessions (IDENTIFY's
 * `shard`) are sent only their guilds' events, and shard 0 the events without a guild (see shards.ts).
 */
export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private readonly sessions = new Sessions();

  constructor(private readonly deps: GatewayDeps) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, new URL(req.url ?? "/", "http://127.0.0.1").searchParams));
  }

  /**
   * Sends a dispatch to the session its guild's shard runs in (the most recent such session; one unsharded session
   * takes everything); while its client is away (dropped, resuming) the dispatch waits for the resume. False when
   * no session takes it (no client identified for that shard, its session ended, or it lacks `requiredIntent`).
   */
  dispatch(t: string, d: unknown, requiredIntent?: number): boolean {
    return this.dispatchBuilt(t, guildOfDispatch(t, d), () => d, requiredIntent);
  }

  /** As dispatch, for a payload that depends on the receiving session's intents (a message's content). */
  dispatchBuilt(t: string, guildId: string | undefined, build: (intents: number) => unknown, requiredIntent?: number): boolean {
    const receivers = this.sessions.receivers(guildId).filter((session) => requiredIntent === undefined || (session.intents & requiredIntent) !== 0);
    for (const session of receivers) this.sendDispatch(session, t, build(session.intents));
    return receivers.length > 0;
  }

  isReady(): boolean {
    const connection = this.sessions.current()?.connection;
    return connection !== undefined && connection.socket.readyState === connection.socket.OPEN;
  }

  waitForReady(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return waitFor(
      (listener) => this.deps.recorder.subscribe("ready", listener),
      () => (this.isReady() ? true : undefined),
      timeoutMs,
      "a client to identify",
    ).then(() => undefined);
  }

  /** Ends the current session's connection as Discord's edge does now and then; the session waits for a resume. */
  drop({ closeCode, resumable = true }: GatewayDrop = {}): void {
    const session = this.sessions.current();
    const connection = session?.connection;
    if (!session || !connection) throw new Error("fake discord: no client is connected to the gateway");
    // From now on dispatches wait for the resume, even before the client has noticed the drop.
    session.connection = undefined;
    connection.session = undefined;
    session.resumable = resumable;
    if (closeCode === undefined) {
      this.record("out", { close: { code: 1006, reason: "connection lost" } });
      connection.socket.terminate();
    } else this.closeWith(connection, closeCode, "Disconnected by the fake");
  }

  /** Op 7 Reconnect: the client should reconnect and resume; dispatches from now on wait for that resume. */
  requestReconnect(): void {
    const session = this.sessions.current();
    const connection = session?.connection;
    if (!session || !connection) throw new Error("fake discord: no client is connected to the gateway");
    this.send(connection, { op: GatewayOpcodes.Reconnect });
    session.connection = undefined;
    connection.session = undefined;
  }

  close(): void {
    for (const { socket } of this.connections) socket.terminate();
    this.connections.clear();
    this.wss.close();
  }

  private open(socket: WebSocket, query: URLSearchParams): void {
    const connection: Connection = { socket, session: undefined };
    this.connections.add(connection);
    socket.on("close", (code) => {
      this.connections.delete(connection);
      const { session } = connection;
      if (!session || session.connection !== connection) return;
      session.connection = undefined;
      // Closing with 1000 or 1001 ends the session; any other close (or none) leaves it to be resumed.
      if (code === 1000 || code === 1001) session.resumable = false;
    });
    socket.on("message", (data, isBinary) => this.onFrame(connection, data, isBinary));
    if (query.get("v") !== "10") return this.closeWith(connection, GatewayCloseCodes.InvalidAPIVersion, "Invalid API version");
    if ((query.get("encoding") ?? "json") !== "json") return this.closeWith(connection, GatewayCloseCodes.DecodeError, "Only JSON encoding is supported");
    if (query.has("compress")) return this.closeWith(connection, GatewayCloseCodes.DecodeError, "Transport compression is not supported");
    this.send(connection, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.deps.heartbeatIntervalMs, _trace: ["fake-gateway"] } });
  }

  private onFrame(connection: Connection, data: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error("binary frame");
      payload = asRecord(JSON.parse(rawToString(data)));
    } catch {
      return this.closeWith(connection, GatewayCloseCodes.DecodeError, "Decode error");
    }
    this.record("in", payload, connection.session);
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        return this.send(connection, { op: GatewayOpcodes.HeartbeatAck });
      case GatewayOpcodes.Identify:
        return this.identify(connection, asRecord(payload.d));
      case GatewayOpcodes.Resume:
        return this.resume(connection, asRecord(payload.d));
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!connection.session) return this.closeWith(connection, GatewayCloseCodes.NotAuthenticated, "Not authenticated.");
        return;
      default:
        return this.closeWith(connection, GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
    }
  }

  private identify(connection: Connection, d: Record<string, unknown>): void {
    if (connection.session) return this.closeWith(connection, GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
    if (d.token !== this.deps.botToken) return this.closeWith(connection, GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
    const intents = d.intents;
    if (typeof intents !== "number" || !Number.isInteger(intents) || intents < 0) {
      return this.closeWith(connection, GatewayCloseCodes.InvalidIntents, "Invalid intent(s).");
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.deps.privilegedIntents) !== 0) {
      return this.closeWith(connection, GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
    }
    const shard = readShard(d.shard);
    if (!shard) return this.closeWith(connection, GatewayCloseCodes.InvalidShard, "Invalid shard.");
    const session = this.sessions.start(connection, intents, d.compress === true, shard);
    this.deps.recorder.events.emit("identify", d);
    const { world } = this.deps;
    // READY lists, and GUILD_CREATE follows for, only the guilds of this session's shard.
    const guilds = world.botGuildIds().filter((id) => routesTo(shard, id));
    this.sendDispatch(session, "READY", readyPayload(world, session.id, this.deps.gatewayUrl(), shard, guilds));
    for (const id of guilds) this.sendDispatch(session, "GUILD_CREATE", guildCreatePayload(world, id));
    this.deps.recorder.events.emit("ready");
  }

  /** RESUME: the dispatches after the client's seq, in order, then RESUMED; op 9 d:false for a session that ended. */
  private resume(connection: Connection, d: Record<string, unknown>): void {
    if (connection.session) return this.closeWith(connection, GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
    if (d.token !== this.deps.botToken) return this.closeWith(connection, GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
    const { session_id: id, seq } = d;
    const session = typeof id === "string" && typeof seq === "number" ? this.sessions.resumable(id, seq) : undefined;
    if (!session || typeof seq !== "number") return this.send(connection, { op: GatewayOpcodes.InvalidSession, d: false });
    if (seq > session.seq) return this.closeWith(connection, GatewayCloseCodes.InvalidSeq, "Invalid seq.");
    // A session has one connection: an older one still open is closed.
    if (session.connection) {
      session.connection.session = undefined;
      this.closeWith(session.connection, GatewayCloseCodes.SessionTimedOut, "Session resumed elsewhere.");
    }
    session.connection = connection;
    connection.session = session;
    for (const missed of Sessions.sentAfter(session, seq)) this.send(connection, { op: GatewayOpcodes.Dispatch, ...missed });
    this.sendDispatch(session, "RESUMED", null);
    this.deps.recorder.events.emit("ready");
  }

  private sendDispatch(session: Session, t: string, d: unknown): void {
    const dispatch = Sessions.append(session, t, d);
    if (session.connection) this.send(session.connection, { op: GatewayOpcodes.Dispatch, ...dispatch });
  }

  private send(connection: Connection, payload: { op: number; d?: unknown; t?: string; s?: number }): void {
    const frame = { op: payload.op, d: payload.d ?? null, s: payload.s ?? null, t: payload.t ?? null };
    if (connection.socket.readyState !== connection.socket.OPEN) return;
    const json = JSON.stringify(frame);
    const compress = connection.session?.compress === true && payload.op === GatewayOpcodes.Dispatch;
    connection.socket.send(compress ? deflateSync(json) : json);
    this.record("out", frame, connection.session);
  }

  private closeWith(connection: Connection, code: number, reason: string): void {
    this.record("out", { close: { code, reason } });
    connection.socket.close(code, reason);
  }

  private record(direction: "in" | "out", payload: { op?: unknown; t?: unknown; close?: unknown }, session?: Session): void {
    this.deps.recorder.record({
      kind: "gateway",
      at: now(),
      method: "WS",
      route: "/gateway",
      path: "/gateway",
      query: {},
      status: 0,
      body: payload,
      response: undefined,
      files: [],
      headers: {},
      direction,
      op: typeof payload.op === "number" ? payload.op : undefined,
      t: typeof payload.t === "string" ? payload.t : null,
      ...(session ? { shard: [session.shard[0], session.shard[1]] } : {}),
    });
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data as ArrayBuffer).toString("utf8");
}
