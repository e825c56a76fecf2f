import { MESSAGE_AWARENESS } from "./protocol";

/** How fast one connection may send, as token buckets: a steady rate per second and a burst on top. */
export interface MessageRateLimits {
  /** Messages of any kind per second, sustained. */
  messagesPerSecond: number;
  /** Messages that may arrive at once (after a stall, on connecting) before the rate applies. */
  messageBurst: number;
  /** Awareness (presence) messages per second, sustained. */
  awarenessPerSecond: number;
  awarenessBurst: number;
}

/**
 * Generous: a browser sends at most 20 presence messages a second while dragging (and renews every
 * 15 s), a fast bot a few dozen updates a second. Only a flood reaches these.
 */
export const DEFAULT_MESSAGE_RATE: MessageRateLimits = {
  messagesPerSecond: 200,
  messageBurst: 400,
  awarenessPerSecond: 60,
  awarenessBurst: 120,
};

/** A token bucket: full at first, refilled continuously at `perSecond`, holding at most `burst`. */
class Bucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perMs: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * One connection's message rate. Checked for every message, so it is a few arithmetic operations
 * and no allocation: rate-limiter-flexible's limiters answer with a promise each, which would cost
 * more than handling most messages does. (Per-address limits, checked once per request or
 * connection, use it.)
 */
export class MessageRate {
  private readonly all: Bucket;
  private readonly awareness: Bucket;

  constructor(limits: MessageRateLimits, now = Date.now()) {
    this.all = new Bucket(limits.messagesPerSecond / 1000, Math.max(1, limits.messageBurst), now);
    this.awareness = new Bucket(limits.awarenessPerSecond / 1000, Math.max(1, limits.awarenessBurst), now);
  }

  /** Null when `data` may be handled; otherwise the limit it is over. */
  admit(data: Uint8Array, now = Date.now()): "ws-messages" | "ws-awareness" | null {
    if (!this.all.take(now)) return "ws-messages";
    if (messageType(data) === MESSAGE_AWARENESS && !this.awareness.take(now)) return "ws-awareness";
    return null;
  }
}

/**
 * The message type, a varint, read exactly as lib0's decoder reads it for the room: a client may
 * write 1 as 0x81 0x00 (or with more 0x80s) and still be heard as presence. No allocation.
 */
function messageType(data: Uint8Array): number {
  let type = 0;
  let mult = 1;
  for (let i = 0; i < data.length; i++) {
    const byte = data[i]!;
    type += (byte & 0x7f) * mult;
    mult *= 128;
    if (byte < 0x80) return type;
    if (type > Number.MAX_SAFE_INTEGER) return -1;
  }
  return -1;
}
