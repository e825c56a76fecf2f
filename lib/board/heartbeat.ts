import type { WebsocketProvider } from "y-websocket";

/*
 * y-websocket notices a dead connection only after 30 s without a message
 * (a constant in y-websocket 3, checked every 3 s), and until then a page
 * says "Live" while its moves go nowhere. So the client asks, whenever the
 * connection has been quiet for a second, whether it is still there: one byte
 * of a message type of our own, which our server answers to that socket alone
 * with the same byte. No answer within a few seconds means the connection is
 * dead, and it is dropped and opened again.
 *
 * A server that has never answered is not ours (the stock y-websocket server
 * ignores message types it does not know); a connection to it keeps
 * y-websocket's own 30-second rule.
 */

/** Outside the range y-protocols uses (0–3), and one byte as a varUint. */
export const MESSAGE_HEARTBEAT = 100;
export const HEARTBEAT = Uint8Array.of(MESSAGE_HEARTBEAT);

export interface HeartbeatTiming {
  /** Ask after this long without any message from the server. */
  quietMs: number;
  /** A question unanswered this long means the connection is dead. */
  replyMs: number;
  /** A socket still opening after this long is given up and opened again (a half-dead network can hold it for minutes). */
  connectMs: number;
  tickMs: number;
}

/**
 * Worst case from the moment the network drops to "offline": a quiet second,
 * a tick, and the reply's wait, about 4 s.
 */
export const HEARTBEAT_TIMING: HeartbeatTiming = { quietMs: 1000, replyMs: 2500, connectMs: 10_000, tickMs: 250 };

export interface Heartbeat {
  /** Drops the connection now and opens it again, e.g. when the browser says the network is gone. */
  drop(): void;
  stop(): void;
}

const OPEN = 1;

export function keepAlive(provider: WebsocketProvider, timing: HeartbeatTiming = HEARTBEAT_TIMING): Heartbeat {
  /** Whether the server of the current socket has answered a heartbeat: only then is silence a verdict. */
  let answering = false;
  /** When the unanswered question went out; null when nothing is waiting for an answer. */
  let askedAt: number | null = null;
  let openingSince: number | null = provider.wsconnecting ? Date.now() : null;

  const ask = () => {
    const ws = provider.ws;
    if (!ws || ws.readyState !== OPEN) return;
    ws.send(HEARTBEAT);
    askedAt = Date.now();
  };

  const drop = () => {
    if (!provider.shouldConnect || !provider.ws) return;
    // disconnect() closes the socket and says so at once (status "disconnected"); connect() opens a new one.
    provider.disconnect();
    provider.connect();
  };

  provider.messageHandlers[MESSAGE_HEARTBEAT] = () => {
    answering = true;
  };

  const onStatus = ({ status }: { status: "connected" | "disconnected" | "connecting" }) => {
    answering = false;
    askedAt = null;
    openingSince = status === "connecting" ? Date.now() : null;
    // Asked before the sync starts, so the answer arrives before the first sync completes and the watch is armed from the start.
    if (status === "connected") ask();
  };
  provider.on("status", onStatus);

  const tick = () => {
    if (!provider.ws) return;
    const now = Date.now();
    if (!provider.wsconnected) {
      if (openingSince !== null && now - openingSince > timing.connectMs) drop();
      return;
    }
    // Any message counts as an answer: a busy board needs no questions.
    if (askedAt !== null && provider.wsLastMessageReceived >= askedAt) askedAt = null;
    if (askedAt !== null) {
      if (answering && now - askedAt > timing.replyMs) drop();
      return;
    }
    if (now - provider.wsLastMessageReceived >= timing.quietMs) ask();
  };
  const timer = setInterval(tick, timing.tickMs);

  return {
    drop,
    stop() {
      clearInterval(timer);
      provider.off("status", onStatus);
      delete provider.messageHandlers[MESSAGE_HEARTBEAT];
    },
  };
}
