import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import type { Connection, SyncSocket } from "./connection";
import { encodeAwareness } from "./protocol";

/**
 * Whether a presence state names only who its connection is: its role, and (but for the facilitator,
 * who may place under any id) its seat's person. States that name nobody are left to readers.
 */
function speaksAsItself(conn: Connection, state: string): boolean {
  let user: unknown;
  try {
    user = (JSON.parse(state) as { user?: unknown } | null)?.user;
  } catch {
    return false;
  }
  if (typeof user !== "object" || user === null) return true;
  const { role, participant } = user as { role?: unknown; participant?: unknown };
  if (role !== undefined && role !== conn.role) return false;
  return conn.role === "facilitator" || participant === undefined || participant === null || participant === conn.seated;
}

/** Origin of presence that came from another node: relayed here, never published back. */
const REMOTE = Symbol("remote presence");

export interface PresenceOptions {
  conns: ReadonlyMap<SyncSocket, Connection>;
  /** Largest awareness state accepted from one client, in bytes of JSON. */
  maxStateBytes: number;
  /** Sends one message to every connection of the room. */
  broadcast(data: Uint8Array): void;
  /** Asks for a turn, in which `flush` runs. */
  requestTurn(): void;
  /** Tells other nodes about this node's clients; absent with one node. */
  publish?: (update: Uint8Array) => void;
  /** How often, at most, presence is published to other nodes, in ms. */
  publishEveryMs?: number;
}

/**
 * Who is here and what they are doing (y-protocols awareness). Never stored. Changes are gathered
 * and relayed once per turn as one message: when many clients renew their presence at once (every
 * 15 s, or all together after a restart) each receiver gets one message, not one per sender.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  private changed = new Set<number>();
  private unpublished = new Set<number>();
  private publishTimer: NodeJS.Timeout | null = null;

  constructor(
    doc: Y.Doc,
    private readonly options: PresenceOptions,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.onUpdate);
  }

  get count(): number {
    return this.awareness.getStates().size;
  }

  /** Everyone's presence, for a client that just joined or asked. */
  everyone(): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
  }

  /** A client's awareness message. Each connection may only speak for itself: the first client id it announced. */
  receive(conn: Connection, update: Uint8Array): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const body = encoding.createEncoder();
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      // Stock clients echo every awareness change they receive, others' included. An echo carries no
      // news (its clock is not ahead of ours), so it must not make this connection the owner of that id.
      const known = this.awareness.meta.get(clientId)?.clock ?? -1;
      if (conn.awarenessId === null && clock > known) this.claim(conn, clientId);
      if (clientId !== conn.awarenessId || state.length > this.options.maxStateBytes || !speaksAsItself(conn, state)) continue;
      encoding.writeVarUint(body, clientId);
      encoding.writeVarUint(body, clock);
      encoding.writeVarString(body, state);
      kept++;
    }
    if (kept === 0) return;
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, kept);
    encoding.writeUint8Array(message, encoding.toUint8Array(body));
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encoding.toUint8Array(message), conn);
  }

  /** The connection left: its presence goes with it. */
  leave(conn: Connection): void {
    if (conn.awarenessId !== null) awarenessProtocol.removeAwarenessStates(this.awareness, [conn.awarenessId], "leave");
  }

  /** Presence of another node's clients. */
  receiveRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** Relays the turn's changes as one message. */
  flush(): void {
    if (this.changed.size === 0) return;
    const ids = [...this.changed];
    this.changed.clear();
    this.options.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
  }

  destroy(): void {
    // What is still to be published goes now: other nodes must hear of those who left.
    if (this.publishTimer) {
      clearTimeout(this.publishTimer);
      this.publish();
    }
    this.awareness.off("update", this.onUpdate);
    this.awareness.destroy();
  }

  /**
   * The newest connection speaking for an awareness id wins it: that is a client
   * reconnecting before its old socket was reaped, and its presence should show.
   */
  private claim(conn: Connection, clientId: number): void {
    for (const c of this.options.conns.values()) if (c !== conn && c.awarenessId === clientId) c.awarenessId = null;
    conn.awarenessId = clientId;
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const ids = [...added, ...updated, ...removed];
    if (ids.length === 0) return;
    for (const id of ids) this.changed.add(id);
    this.options.requestTurn();
    // Our own clients' changes go to other nodes; what came from them, or timed out here, does not.
    if (this.options.publish && origin !== REMOTE && origin !== "timeout") {
      for (const id of ids) this.unpublished.add(id);
      this.publishTimer ??= setTimeout(this.publish, this.options.publishEveryMs ?? 50);
    }
  };

  private readonly publish = (): void => {
    this.publishTimer = null;
    if (this.unpublished.size === 0 || !this.options.publish) return;
    const ids = [...this.unpublished];
    this.unpublished.clear();
    this.options.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  };
}
