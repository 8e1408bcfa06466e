import { randomBytes } from "node:crypto";
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

const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

export interface GatewayDeps {
  world: World;
  recorder: Recorder;
  botToken: string;
  heartbeatIntervalMs: number;
  privilegedIntents: number;
  gatewayUrl(): string;
}

interface Session {
  socket: WebSocket;
  id: string;
  seq: number;
  identified: boolean;
  ready: boolean;
  intents: number;
  compress: boolean;
}

/** The gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, and dispatches to the connected bot. */
export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<Session>();

  constructor(private readonly deps: GatewayDeps) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, new URL(req.url ?? "/", "http://127.0.0.1").searchParams));
  }

  /** Sends a dispatch to the most recently identified session; false when no bot is connected. */
  dispatch(t: string, d: unknown, requiredIntent?: number): boolean {
    const session = this.readySession();
    if (!session) return false;
    if (requiredIntent !== undefined && (session.intents & requiredIntent) === 0) return false;
    this.sendDispatch(session, t, d);
    return true;
  }

  intents(): number {
    return this.readySession()?.intents ?? 0;
  }

  isReady(): boolean {
    return this.readySession() !== undefined;
  }

  waitForReady(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return waitFor(
      (listener) => this.deps.recorder.subscribe("ready", listener),
      () => (this.isReady() ? true : undefined),
      timeoutMs,
      "a client to identify",
    ).then(() => undefined);
  }

  close(): void {
    for (const session of this.sessions) session.socket.terminate();
    this.sessions.clear();
    this.wss.close();
  }

  private readySession(): Session | undefined {
    return [...this.sessions].reverse().find((s) => s.ready && s.socket.readyState === s.socket.OPEN);
  }

  private open(socket: WebSocket, query: URLSearchParams): void {
    const session: Session = { socket, id: randomBytes(16).toString("hex"), seq: 0, identified: false, ready: false, intents: 0, compress: false };
    this.sessions.add(session);
    socket.on("close", () => this.sessions.delete(session));
    socket.on("message", (data, isBinary) => this.onFrame(session, data, isBinary));
    if (query.get("v") !== "10") return this.closeWith(session, GatewayCloseCodes.InvalidAPIVersion, "Invalid API version");
    if ((query.get("encoding") ?? "json") !== "json") return this.closeWith(session, GatewayCloseCodes.DecodeError, "Only JSON encoding is supported");
    if (query.has("compress")) return this.closeWith(session, GatewayCloseCodes.DecodeError, "Transport compression is not supported");
    this.send(session, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.deps.heartbeatIntervalMs, _trace: ["fake-gateway"] } });
  }

  private onFrame(session: Session, data: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error("binary frame");
      payload = asRecord(JSON.parse(rawToString(data)));
    } catch {
      return this.closeWith(session, GatewayCloseCodes.DecodeError, "Decode error");
    }
    this.record(session, "in", payload);
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        return this.send(session, { op: GatewayOpcodes.HeartbeatAck });
      case GatewayOpcodes.Identify:
        return this.identify(session, asRecord(payload.d));
      case GatewayOpcodes.Resume:
        // Sessions are not resumable here; Discord answers an unknown session with INVALID_SESSION false.
        return this.send(session, { op: GatewayOpcodes.InvalidSession, d: false });
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!session.identified) return this.closeWith(session, GatewayCloseCodes.NotAuthenticated, "Not authenticated.");
        return;
      default:
        return this.closeWith(session, GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
    }
  }

  private identify(session: Session, d: Record<string, unknown>): void {
    if (session.identified) return this.closeWith(session, GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
    if (d.token !== this.deps.botToken) return this.closeWith(session, GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
    const intents = d.intents;
    if (typeof intents !== "number" || !Number.isInteger(intents) || intents < 0) {
      return this.closeWith(session, GatewayCloseCodes.InvalidIntents, "Invalid intent(s).");
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.deps.privilegedIntents) !== 0) {
      return this.closeWith(session, GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
    }
    const shard = d.shard;
    if (shard !== undefined && (!Array.isArray(shard) || shard[0] !== 0 || shard[1] !== 1)) {
      return this.closeWith(session, GatewayCloseCodes.InvalidShard, "Invalid shard.");
    }
    session.identified = true;
    session.intents = intents;
    session.compress = d.compress === true;
    this.deps.recorder.events.emit("identify", d);
    const { world } = this.deps;
    this.sendDispatch(session, "READY", readyPayload(world, session.id, this.deps.gatewayUrl()));
    this.sendDispatch(session, "GUILD_CREATE", guildCreatePayload(world));
    this.sendDispatch(session, "GUILD_CREATE", guildCreatePayload(world, true));
    session.ready = true;
    this.deps.recorder.events.emit("ready");
  }

  private sendDispatch(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    this.send(session, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
  }

  private send(session: Session, payload: { op: number; d?: unknown; t?: string; s?: number }): void {
    const frame = { op: payload.op, d: payload.d ?? null, s: payload.s ?? null, t: payload.t ?? null };
    if (session.socket.readyState !== session.socket.OPEN) return;
    const json = JSON.stringify(frame);
    session.socket.send(session.compress && payload.op === GatewayOpcodes.Dispatch ? deflateSync(json) : json);
    this.record(session, "out", frame);
  }

  private closeWith(session: Session, code: number, reason: string): void {
    this.record(session, "out", { close: { code, reason } });
    session.socket.close(code, reason);
  }

  private record(_session: Session, direction: "in" | "out", payload: { op?: unknown; t?: unknown; close?: unknown }): void {
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
    });
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data as ArrayBuffer).toString("utf8");
}
