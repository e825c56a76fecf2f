import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import type { BoardNotice, Bus } from "../bus/types";
import type { DocStore } from "../storage/types";
import { CLOSE, Room, type RoomLimits } from "./room";
import { TurnScheduler } from "./turns";

export interface RoomManagerOptions {
  store: DocStore;
  /** Between nodes; in-process with one node. */
  bus: Bus;
  limits: RoomLimits;
  logger: Logger;
  metrics: Metrics;
  /** How long an empty room stays loaded, in ms. */
  idleMs: number;
}

export class RoomUnavailableError extends Error {
  constructor(id: string) {
    super(`board ${id} is temporarily unavailable`);
  }
}

/** Loads rooms on first use, unloads them when idle; one live Room per board. */
export class RoomManager {
  /** Every board's room, loading or loaded. */
  private readonly rooms = new Map<string, Promise<Room>>();
  /** The loaded ones. A room dropped while its load was awaited is not here, so it can touch nothing of its successor. */
  private readonly live = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;
  private readonly turns: TurnScheduler;

  constructor(private readonly options: RoomManagerOptions) {
    this.turns = new TurnScheduler(options.store, options.metrics);
    options.bus.onReset((reason) => this.reloadAll(reason));
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  async acquire(id: string): Promise<Room> {
    // A room can be dropped while it loads (a bus reset): then the next one is loaded.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.closed) throw new Error("server is shutting down");
      this.cancelIdle(id);
      await this.unloading.get(id);
      let room = this.rooms.get(id);
      if (!room) {
        const loading = this.load(id);
        room = loading;
        this.rooms.set(id, loading);
        loading.then(
          (loaded) => {
            if (this.rooms.get(id) !== loading || loaded.isBroken) return;
            this.live.set(id, loaded);
            this.options.metrics.roomsLoaded++;
            this.options.logger.debug("room loaded", { room: id });
          },
          () => {
            if (this.rooms.get(id) === loading) this.rooms.delete(id);
          },
        );
      }
      const loaded = await room;
      if (loaded.isBroken) continue;
      // A room with nobody in it after this call (an export, say) still goes idle.
      if (loaded.connectionCount === 0) this.scheduleIdle(loaded);
      return loaded;
    }
    throw new RoomUnavailableError(id);
  }

  private async load(id: string): Promise<Room> {
    const { bus, store } = this.options;
    // Following the board before reading it: whatever another node stores in between still arrives.
    const feed = await bus.open(id);
    try {
      return await Room.load({
        id,
        store,
        feed,
        single: bus.single,
        limits: this.options.limits,
        logger: this.options.logger,
        metrics: this.options.metrics,
        turns: this.turns,
        onEmpty: (r) => this.scheduleIdle(r),
        onBroken: (r) => this.drop(r),
      });
    } catch (err) {
      feed.close();
      throw err;
    }
  }

  /**
   * The bus lost what it carried: every room is dropped and its clients are closed with 1012, so
   * they reconnect to a room read afresh from the store and bring it what it lacks.
   */
  private reloadAll(reason: string): void {
    this.options.logger.warn("reloading every board from the store", { reason, rooms: this.rooms.size });
    for (const pending of [...this.rooms.values()]) {
      void pending.then(
        (room) => room.fail(reason, CLOSE.restart, "the board is being reloaded, reconnecting"),
        () => undefined,
      );
    }
  }

  /**
   * Tells this board's rooms on every node about a notice: this node's own first, so its connections
   * are closed when this resolves, then the other nodes' through the bus.
   */
  async announce(id: string, notice: BoardNotice): Promise<void> {
    const room = await this.rooms.get(id)?.catch(() => null);
    if (room) await room.hear(notice);
    try {
      await this.options.bus.announce(id, notice);
    } catch (err) {
      // The bus makes every node reload its boards once it is back; their clients then reconnect through the key check.
      this.options.logger.warn("notice not announced to other nodes", { room: id, notice, error: String(err) });
    }
  }

  /** Runs fn on a loaded room once every change so far is durable. */
  async withSettledRoom<T>(id: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.acquire(id);
    await room.settle();
    if (room.isBroken) throw new RoomUnavailableError(id);
    return fn(room);
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    for (const t of this.idleTimers.values()) clearTimeout(t);
    this.idleTimers.clear();
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all(
      rooms.map((r) => (r.status === "fulfilled" ? this.unload(r.value, "server is shutting down") : Promise.resolve())),
    );
    await Promise.all(this.unloading.values());
  }

  private scheduleIdle(room: Room): void {
    if (this.closed || this.live.get(room.id) !== room) return;
    this.cancelIdle(room.id);
    const timer = setTimeout(() => {
      this.idleTimers.delete(room.id);
      if (room.connectionCount === 0 && this.live.get(room.id) === room) void this.unload(room, "idle");
    }, this.options.idleMs);
    timer.unref();
    this.idleTimers.set(room.id, timer);
  }

  private cancelIdle(id: string): void {
    const t = this.idleTimers.get(id);
    if (t) clearTimeout(t);
    this.idleTimers.delete(id);
  }

  private unload(room: Room, reason: string): Promise<void> {
    const existing = this.unloading.get(room.id);
    if (existing) return existing;
    this.forget(room);
    const done = room
      .unload(reason)
      .catch((err) => this.options.logger.error("room unload failed", { room: room.id, error: String(err) }))
      .finally(() => this.unloading.delete(room.id));
    this.unloading.set(room.id, done);
    this.options.logger.debug("room unloaded", { room: room.id, reason });
    return done;
  }

  private drop(room: Room): void {
    if (this.live.get(room.id) === room) this.cancelIdle(room.id);
    this.forget(room);
  }

  /** Takes the room out of the maps, unless another room of the board has taken its place there. */
  private forget(room: Room): void {
    if (this.live.get(room.id) === room) {
      this.live.delete(room.id);
      this.rooms.delete(room.id);
      this.options.metrics.roomsLoaded--;
      return;
    }
    // Dropped while loading: its promise may still be the map's entry.
    const entry = this.rooms.get(room.id);
    if (entry) void entry.then((r) => r === room && this.rooms.get(room.id) === entry && this.rooms.delete(room.id), () => undefined);
  }
}
