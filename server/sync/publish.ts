import * as Y from "yjs";
import type { BoardFeed } from "../bus/types";
import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import type { Connection } from "./connection";
import { encodeSyncUpdate } from "./protocol";
import type { Relay } from "./relay";
import type { Replica } from "./replica";

/** An update applied this turn, and the connection it came from (not sent back to it). */
export interface Relayed {
  update: Uint8Array;
  from: Connection | null;
}

/** One room's turn once the store stage is done with it. */
export interface StoredTurn {
  updates: Uint8Array[];
  relayed: Relayed[];
  /** Messages for single connections (sync answers, refusal corrections), sent after the turn's changes. */
  outbox: Array<{ to: Connection; data: Uint8Array }>;
  /** Sequence number of the turn's last stored update; null when it stored nothing. */
  lastSeq: number | null;
  /** When the turn's first client message arrived (performance.now()); null for a turn no client started. */
  receivedAt: number | null;
}

export interface PublishContext {
  readonly roomId: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly feed: BoardFeed;
  /** One node: there is nobody to publish to. */
  readonly single: boolean;
  readonly replica: Replica;
  readonly relay: Relay;
  /** The room was dropped while the turn was out. */
  isBroken(): boolean;
}

/**
 * Stages publish and relay, after the store stage: the turn goes to other nodes through the bus,
 * then to this node's clients as one merged message, then each connection's own answers.
 */
export async function publishAndRelay(ctx: PublishContext, turn: StoredTurn): Promise<void> {
  const { updates, relayed, outbox, lastSeq, receivedAt } = turn;
  if (lastSeq === null && ctx.isBroken()) return;
  if (lastSeq !== null) {
    const fromSeq = lastSeq - updates.length + 1;
    ctx.replica.stored(fromSeq, lastSeq, updates);
    if (!ctx.single) await publish(ctx, { update: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), fromSeq, toSeq: lastSeq });
    if (ctx.isBroken()) return;
  }
  if (relayed.length === 1) {
    const { update, from } = relayed[0]!;
    ctx.relay.broadcast(encodeSyncUpdate(update), from);
  } else if (relayed.length > 1) {
    // One merged message per turn instead of one per update: fewer frames for every receiver.
    ctx.relay.broadcast(encodeSyncUpdate(Y.mergeUpdates(relayed.map((r) => r.update))), null);
  }
  if (relayed.length > 0 && receivedAt !== null) ctx.metrics.turnRelayed(performance.now() - receivedAt);
  for (const { to, data } of outbox) if (!to.closed) ctx.relay.send(to, data);
}

async function publish(ctx: PublishContext, entry: Parameters<BoardFeed["publishUpdates"]>[0]): Promise<void> {
  try {
    await ctx.feed.publishUpdates(entry);
  } catch (err) {
    // Stored, so nothing is lost: this node's clients still get it now, and the bus, once back,
    // has every node reload from the store (see Bus.onReset).
    ctx.logger.warn("publish failed", { room: ctx.roomId, error: String(err) });
  }
}
