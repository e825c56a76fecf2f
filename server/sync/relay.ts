import type { Metrics } from "../metrics";
import { CLOSE, type Connection, type SyncSocket } from "./connection";

/**
 * The relay stage: sends to a room's connections. One message object goes to every receiver, so
 * the transport frames it once; a receiver that falls too far behind is let go, not buffered forever.
 */
export class Relay {
  constructor(
    private readonly conns: ReadonlyMap<SyncSocket, Connection>,
    private readonly maxBufferedBytes: number,
    private readonly metrics: Metrics,
    private readonly disconnect: (conn: Connection, code: number, reason: string) => void,
  ) {}

  send(conn: Connection, data: Uint8Array): void {
    if (conn.closed) return;
    if ((conn.socket.bufferedAmount ?? 0) > this.maxBufferedBytes) {
      this.disconnect(conn, CLOSE.tryLater, "client is not keeping up");
      return;
    }
    this.metrics.messagesOut++;
    this.metrics.bytesOut += data.byteLength;
    conn.socket.send(data);
  }

  /** To everyone but `except`. */
  broadcast(data: Uint8Array, except: Connection | null): void {
    for (const c of this.conns.values()) if (c !== except) this.send(c, data);
  }
}
