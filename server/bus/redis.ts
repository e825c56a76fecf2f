import { randomBytes } from "node:crypto";
import Redis, { type RedisOptions } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import type { Logger } from "../log";
import { BOARD_NOTICES, type Bus, type BoardFeed, type BoardNotice, type FeedListener, type StoredUpdates } from "./types";

export interface RedisBusOptions {
  url: string;
  /** Every key this node touches starts with it. */
  prefix: string;
  logger: Logger;
  /** Names this node in what it publishes, so it skips its own entries. */
  nodeId?: string;
  /** About this many entries stay in a board's stream; older ones are in the store and trimmed. */
  streamLength?: number;
  /** A board's stream goes away this long after its last entry. */
  streamTtlMs?: number;
  /** How often the node checks that Redis still holds what it held (a restart or flush empties it). */
  epochCheckMs?: number;
}

interface Followed {
  stream: string;
  channel: string;
  /** The last stream entry read. */
  lastId: string;
  feeds: Set<{ deliver(fn: (l: FeedListener) => void): void }>;
}

const READ_BLOCK_MS = 2000;

/** Sets the epoch to ARGV[2] when it is missing or still ARGV[1]; answers the epoch that holds afterwards. */
const REPLACE_EPOCH = `
local current = redis.call("GET", KEYS[1])
if current == false or current == ARGV[1] then
  redis.call("SET", KEYS[1], ARGV[2])
  return ARGV[2]
end
return current`;
const READ_COUNT = 500;

/**
 * Redis Streams between nodes: a stream per board for stored updates (trimmed to a bound, since
 * every entry is already in the store), a pub/sub channel per board for presence (never kept),
 * and an epoch key whose loss or change tells every node to reload its boards from the store.
 * One blocking read follows every board this node has open.
 */
export async function createRedisBus(options: RedisBusOptions): Promise<Bus> {
  const { prefix, logger } = options;
  const nodeId = options.nodeId ?? randomBytes(6).toString("hex");
  const streamLength = options.streamLength ?? 1000;
  const streamTtlMs = options.streamTtlMs ?? 3_600_000;
  const epochKey = `${prefix}epoch`;
  const connection: RedisOptions = {
    // Commands fail at once while Redis is away instead of queueing: a publish that cannot happen must say so.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(100 * times, 2000),
    connectTimeout: 2000,
    lazyConnect: true,
  };
  const cmd = new Redis(options.url, { ...connection, commandTimeout: 2000 });
  const reader = new Redis(options.url, connection);
  const sub = new Redis(options.url, { ...connection, enableOfflineQueue: true });
  for (const [name, client] of [["commands", cmd], ["reader", reader], ["subscriber", sub]] as const) {
    client.on("error", (err: Error) => logger.debug("redis connection error", { connection: name, error: err.message }));
  }

  const followed = new Map<string, Followed>();
  const resetHandlers: Array<(reason: string) => void> = [];
  let epoch: string | null = null;
  let epochOk = false;
  /** A stored update could not be published: once Redis answers, every node must reload. */
  let mustReset = false;
  let closed = false;

  const reset = (reason: string) => {
    logger.warn("bus reset", { reason });
    for (const handler of resetHandlers) handler(reason);
  };

  async function checkEpoch(): Promise<void> {
    try {
      if (mustReset) {
        // Replaced only if it is still the one this node knows: after a restart another node may have
        // set a new one already, and every node must see one change, not two.
        epoch = String(await cmd.eval(REPLACE_EPOCH, 1, epochKey, epoch ?? "", randomBytes(8).toString("hex")));
        mustReset = false;
        epochOk = true;
        return reset("a stored update could not be published while Redis was unreachable");
      }
      let current = await cmd.get(epochKey);
      if (current === null) {
        const fresh = randomBytes(8).toString("hex");
        current = (await cmd.set(epochKey, fresh, "NX")) === "OK" ? fresh : await cmd.get(epochKey);
      }
      const before = epoch;
      epoch = current;
      epochOk = true;
      if (before !== null && current !== before) reset("Redis no longer holds what it held (restarted, flushed or reset by a node)");
    } catch {
      epochOk = false;
    }
  }

  // --- the one blocking read loop ---
  let readerId: number | null = null;
  let wanted = 0; // bumped when the set of boards changes
  let reading = 0; // the `wanted` the current read was started with
  reader.on("close", () => (readerId = null));

  async function readLoop(): Promise<void> {
    while (!closed) {
      if (followed.size === 0 || reader.status !== "ready") {
        await sleep(followed.size === 0 ? 50 : 200);
        continue;
      }
      try {
        readerId ??= Number(await reader.client("ID"));
        reading = wanted;
        const boards = [...followed.values()];
        const result = await reader.xreadBuffer(
          "COUNT",
          READ_COUNT,
          "BLOCK",
          READ_BLOCK_MS,
          "STREAMS",
          ...boards.map((b) => b.stream),
          ...boards.map((b) => b.lastId),
        );
        for (const [key, entries] of result ?? []) {
          const board = followed.get(key.toString().slice(`${prefix}board:`.length));
          if (!board) continue;
          for (const [id, fields] of entries) {
            board.lastId = id.toString();
            const entry = parseEntry(fields);
            if (!entry || entry.node === nodeId) continue;
            if ("notice" in entry) for (const feed of board.feeds) feed.deliver((l) => l.onNotice(entry.notice));
            else for (const feed of board.feeds) feed.deliver((l) => l.onUpdates(entry.stored));
          }
        }
      } catch (err) {
        if (closed) return;
        logger.debug("stream read failed", { error: String(err) });
        await sleep(200);
      }
    }
  }

  /** Ends the current blocking read so the next one covers a board just opened. */
  async function wake(): Promise<void> {
    const target = ++wanted;
    for (let i = 0; i < 100 && !closed && reading < target; i++) {
      if (readerId !== null && reader.status === "ready") {
        const unblocked = await cmd.client("UNBLOCK", readerId).catch(() => 0);
        if (Number(unblocked) === 1) return;
      }
      await sleep(5);
    }
  }

  sub.on("messageBuffer", (channel: Buffer, message: Buffer) => {
    const board = followed.get(channel.toString().slice(`${prefix}presence:`.length));
    if (!board || message.length < 1) return;
    const idLength = message[0]!;
    if (message.subarray(1, 1 + idLength).toString() === nodeId) return;
    const update = new Uint8Array(message.subarray(1 + idLength));
    for (const feed of board.feeds) feed.deliver((l) => l.onAwareness(update));
  });

  class RedisFeed implements BoardFeed {
    private listener: FeedListener | null = null;
    private early: Array<(l: FeedListener) => void> = [];
    constructor(private readonly board: Followed, private readonly boardId: string) {}

    listen(listener: FeedListener): void {
      this.listener = listener;
      for (const deliver of this.early) deliver(listener);
      this.early = [];
    }
    deliver(fn: (l: FeedListener) => void): void {
      if (this.listener) fn(this.listener);
      else this.early.push(fn);
    }
    async publishUpdates(entry: StoredUpdates): Promise<void> {
      try {
        const fields = ["n", nodeId, "f", String(entry.fromSeq), "t", String(entry.toSeq), "u", Buffer.from(entry.update)];
        const results = await cmd
          .pipeline()
          .xadd(this.board.stream, "MAXLEN", "~", streamLength, "*", ...fields)
          .pexpire(this.board.stream, streamTtlMs)
          .exec();
        const failed = results?.find(([err]) => err)?.[0];
        if (failed) throw failed;
      } catch (err) {
        mustReset = true;
        throw err;
      }
    }
    publishAwareness(update: Uint8Array): void {
      const id = Buffer.from(nodeId);
      const message = Buffer.concat([Buffer.from([id.length]), id, Buffer.from(update)]);
      cmd.publish(this.board.channel, message).catch(() => undefined); // presence is best effort
    }
    close(): void {
      this.board.feeds.delete(this);
      if (this.board.feeds.size > 0 || followed.get(this.boardId) !== this.board) return;
      followed.delete(this.boardId);
      sub.unsubscribe(this.board.channel).catch(() => undefined);
      void wake();
    }
  }

  await Promise.allSettled([cmd.connect(), reader.connect(), sub.connect()]);
  if (cmd.status !== "ready") logger.warn("redis is not answering yet; boards open once it does", { prefix });
  await checkEpoch();
  const epochTimer = setInterval(() => void checkEpoch(), options.epochCheckMs ?? 1000);
  epochTimer.unref();
  const loop = readLoop();

  return {
    name: "redis",
    single: false,
    async open(boardId) {
      let board = followed.get(boardId);
      if (!board) {
        const stream = `${prefix}board:${boardId}`;
        // Reading from the stream's current end: what came before is in the store the room reads next.
        const last = await cmd.xrevrange(stream, "+", "-", "COUNT", 1);
        const channel = `${prefix}presence:${boardId}`;
        await sub.subscribe(channel);
        board = followed.get(boardId) ?? { stream, channel, lastId: last[0]?.[0] ?? "0-0", feeds: new Set() };
        followed.set(boardId, board);
        await wake();
      }
      const feed = new RedisFeed(board, boardId);
      board.feeds.add(feed);
      return feed;
    },
    async announce(boardId, notice) {
      // On the board's stream, in order with its updates: a node that reads past it has heard it,
      // and a short loss of the reading connection loses nothing, as it reads on from where it was.
      const stream = `${prefix}board:${boardId}`;
      try {
        const results = await cmd.pipeline().xadd(stream, "MAXLEN", "~", streamLength, "*", "n", nodeId, "c", notice).pexpire(stream, streamTtlMs).exec();
        const failed = results?.find(([err]) => err)?.[0];
        if (failed) throw failed;
      } catch (err) {
        mustReset = true;
        throw err;
      }
    },
    limiter: (name, points, duration) =>
      new RateLimiterRedis({
        storeClient: cmd,
        keyPrefix: `${prefix}limit:${name}`,
        points,
        duration,
        // While Redis is away each node counts on its own rather than letting every guess through.
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      }),
    down: () => (cmd.status === "ready" && epochOk && !mustReset ? [] : ["redis"]),
    onReset(handler) {
      resetHandlers.push(handler);
    },
    async close() {
      closed = true;
      clearInterval(epochTimer);
      reader.disconnect();
      await loop;
      sub.disconnect();
      cmd.disconnect();
    },
  };
}


function parseEntry(fields: Buffer[]): { node: string; stored: StoredUpdates } | { node: string; notice: BoardNotice } | null {
  const map = new Map<string, Buffer>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!.toString(), fields[i + 1]!);
  const node = map.get("n")?.toString();
  const notice = BOARD_NOTICES.find((n) => n === map.get("c")?.toString());
  if (node && notice) return { node, notice };
  const fromSeq = Number(map.get("f")?.toString());
  const toSeq = Number(map.get("t")?.toString());
  const u = map.get("u");
  if (!node || !u || !Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(toSeq)) return null;
  return { node, stored: { update: new Uint8Array(u), fromSeq, toSeq } };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
