import { afterEach, describe, expect, it } from "vitest";
import { createLocalBus } from "../../server/bus/local";
import type { Bus } from "../../server/bus/types";
import { createServer, type CruxServer } from "../../server/index";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import type { DocStore } from "../../server/storage/types";
import { connect, createBoardVia, sleep, synced, tempDir, waitFor, type Client } from "./harness";
import { items, note } from "./in-process-nodes";
import { seatedClient } from "./seats-helpers";

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A several-node bus (single: false) whose reset the test fires, and a store whose loadDoc the test can hold. */
async function setup(idleMs = 60_000) {
  const base = openSqliteStore({ dir: tempDir() });
  let hold: Promise<void> | null = null;
  let loadsWaiting = 0;
  const store: DocStore = {
    ...base,
    async loadDoc(id) {
      if (hold) {
        loadsWaiting++;
        await hold;
      }
      return base.loadDoc(id);
    },
  };
  const local = createLocalBus({ single: false });
  const resets: Array<(r: string) => void> = [];
  const bus: Bus = { ...local, onReset: (h) => void resets.push(h), close: async () => undefined };
  const server: CruxServer = createServer({ store, bus, logger: silentLogger, limits: { roomIdleMs: idleMs } });
  const { port } = await server.listen(0, "127.0.0.1");
  cleanup.push(() => server.close());
  const url = `http://127.0.0.1:${port}`;
  const wsUrl = `ws://127.0.0.1:${port}`;
  const board = await createBoardVia(url, { template: "blank" });
  const clients: Client[] = [];
  cleanup.push(() => clients.forEach((c) => c.destroy()));
  const join = () => {
    const c = connect(wsUrl, board.id, board.keys.participant);
    clients.push(c);
    return c;
  };
  /** A person who takes a seat and connects with it. */
  const seated = async (name: string) => {
    const c = await seatedClient(url, wsUrl, board, name);
    clients.push(c);
    return c;
  };
  let release = () => {};
  return {
    server,
    board,
    join,
    seated,
    holdLoads() {
      hold = new Promise<void>((r) => (release = r));
    },
    releaseLoads() {
      hold = null;
      release();
    },
    waitingLoads: () => loadsWaiting,
    reset: () => resets.forEach((h) => h("test")),
  };
}

describe("a bus reset while a room is loading", () => {
  it("does not hand the connection that was waiting for the load a dead room", async () => {
    const s = await setup();
    s.holdLoads();
    const a = s.join();
    await waitFor(() => s.waitingLoads() === 1, "the room's load under way");
    s.reset(); // the bus lost its state while the load was in flight
    s.releaseLoads();
    // The client waiting for the dropped room is closed with 1012 and reconnects, or given the live room:
    // either way it syncs and sees others.
    const b = await s.seated("B");
    await synced(b);
    note(b, "x", "from b");
    await waitFor(() => a.provider.synced && items(a).has("x"), "a synced and seeing b's note");
  });

  it("keeps the live room registered after a dropped room goes idle", async () => {
    const s = await setup(200);
    s.holdLoads();
    const a = s.join();
    await waitFor(() => s.waitingLoads() === 1, "the room's load under way");
    s.reset();
    s.releaseLoads();
    await sleep(300);
    const b = s.join(); // loads a fresh, live room
    await synced(b);
    const live = await s.server.rooms.withSettledRoom(s.board.id, (r) => r);
    a.destroy(); // the dropped room empties and goes idle
    await sleep(600);
    expect(live.connectionCount).toBe(1);
    const now = await s.server.rooms.withSettledRoom(s.board.id, (r) => r);
    // One room per board: the dropped room's going idle must not unload or replace the live one.
    expect(now).toBe(live);
  });
});
