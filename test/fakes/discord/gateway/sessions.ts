// Gateway sessions: each outlives its connection and keeps its latest dispatches, so a client that lost its
// connection can resume the session and miss nothing.
import { randomBytes } from "node:crypto";
import type { WebSocket } from "ws";
import { routesTo, type Shard } from "./shards.js";

/** Dispatches a session keeps for a resume to replay; a client further behind must identify anew. */
const REPLAY_LIMIT = 1000;

export interface Dispatch {
  s: number;
  t: string;
  d: unknown;
}

export interface Session {
  id: string;
  seq: number;
  intents: number;
  compress: boolean;
  /** IDENTIFY's [shard_id, num_shards]; [0, 1] when the client sent none. */
  shard: Shard;
  /** The latest dispatches, oldest first, for a resume to replay. */
  sent: Dispatch[];
  /** The connection carrying it now; undefined while the client is away (dispatches then wait for a resume). */
  connection: Connection | undefined;
  /** False once it ended: the client closed it (1000/1001), or Discord forgot it. A RESUME of it gets op 9 d:false. */
  resumable: boolean;
}

/** One WebSocket; it carries a session once the client identified or resumed. */
export interface Connection {
  socket: WebSocket;
  session: Session | undefined;
}

export class Sessions {
  private readonly all: Session[] = [];

  /** A new session (IDENTIFY) on this connection. */
  start(connection: Connection, intents: number, compress: boolean, shard: Shard): Session {
    const session: Session = { id: randomBytes(16).toString("hex"), seq: 0, intents, compress, shard, sent: [], connection, resumable: true };
    connection.session = session;
    this.all.push(session);
    return session;
  }

  /** The most recent session that has not ended. */
  current(): Session | undefined {
    return this.all.findLast((s) => s.resumable);
  }

  /**
   * The sessions an event of this guild (undefined: an event without a guild) goes to: of the sessions that have not
   * ended, the most recent of each [shard_id, num_shards], where the sharding formula sends the event. One unsharded
   * session takes every event.
   */
  receivers(guildId: string | undefined): Session[] {
    const newestOfShard = new Map<string, Session>();
    for (const session of this.all) if (session.resumable) newestOfShard.set(session.shard.join("/"), session);
    return [...newestOfShard.values()].filter((session) => routesTo(session.shard, guildId));
  }

  /**
   * The session a RESUME names, if it can still be resumed from `seq` (its dispatches after it are all kept);
   * undefined otherwise, and a session that cannot be resumed from there has ended.
   */
  resumable(id: string, seq: number): Session | undefined {
    const session = this.all.find((s) => s.id === id && s.resumable);
    if (session && (session.sent[0]?.s ?? 1) > seq + 1) session.resumable = false;
    return session?.resumable ? session : undefined;
  }

  /** Numbers a dispatch in its session and keeps it for a resume. */
  static append(session: Session, t: string, d: unknown): Dispatch {
    session.seq += 1;
    const dispatch = { s: session.seq, t, d };
    session.sent.push(dispatch);
    if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
    return dispatch;
  }

  /** The dispatches a client that saw up to `seq` missed, in order. */
  static sentAfter(session: Session, seq: number): Dispatch[] {
    return session.sent.filter((m) => m.s > seq);
  }
}
