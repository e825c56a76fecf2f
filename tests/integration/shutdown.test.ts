import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { SnapshotSchema } from "../../lib/snapshot/schema";
import { connect, createBoardVia, inStep, storedBoardDoc, tempDir, trackCloses, waitFor, type Client } from "./harness";
import { items, note } from "./in-process-nodes";
import { killHard, spawnServer, type ServerProcess } from "./process";
import { seatedClient, type SeatedClient } from "./seats-helpers";

/**
 * SIGTERM to a server process under load: it asks its clients to close, applies and stores what
 * they had already sent, and exits 0; started again on the same port and data, it has everything
 * anyone saw, and the clients come back by themselves with what they wrote meanwhile.
 */
const clients: Client[] = [];
const procs: ServerProcess[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of procs.splice(0)) await killHard(p);
});

/** A person writing a new note every few milliseconds, who knows which notes went out on an open socket. */
interface Writer {
  client: SeatedClient;
  /** Written while its socket was open: sent at once, before the server's close could reach it. */
  sent: Set<string>;
  /** Written while it had no open socket: sent when it is back. */
  offline: Set<string>;
}

function startWriting(client: SeatedClient): Writer & { stop(): void } {
  const w: Writer = { client, sent: new Set(), offline: new Set() };
  let n = 0;
  const timer = setInterval(() => {
    const id = `${client.participant}-${++n}`;
    // The stock provider sends a change synchronously when (and only when) its socket is open.
    const open = client.provider.wsconnected && client.provider.ws?.readyState === WebSocket.OPEN;
    note(client, id, `note ${n}`);
    (open ? w.sent : w.offline).add(id);
  }, 10);
  return Object.assign(w, { stop: () => clearInterval(timer) });
}

const exitOf = (p: ServerProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) resolve({ code: p.child.exitCode, signal: p.child.signalCode });
    else p.child.once("exit", (code, signal) => resolve({ code, signal }));
  });

const within = <T>(ms: number, what: string, pending: Promise<T>) =>
  Promise.race([pending, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref())]);

const missing = (wanted: Iterable<string>, has: (id: string) => boolean) => [...wanted].filter((id) => !has(id));

describe("SIGTERM under load", () => {
  it("drains in-flight writes, exits 0, and after a restart on the same port and data has every write and every client back in step", async () => {
    const dir = tempDir();
    const first = await spawnServer(dir);
    procs.push(first);
    const port = new URL(first.url).port;
    const board = await createBoardVia(first.url, { template: "blank" });
    const people = await Promise.all([1, 2, 3].map((n) => seatedClient(first.url, first.wsUrl, board, `Writer ${n}`)));
    const observer = connect(first.wsUrl, board.id, board.keys.viewer);
    clients.push(...people, observer);
    await waitFor(() => [...people, observer].every(inStep), "every client syncs", 10_000);
    const tracked = people.map((p, i) => trackCloses(p, `writer ${i + 1}`));

    // Relay comes only after the store, so whatever the observer receives was acknowledged as durable.
    const observed = new Set<string>();
    items(observer).observe((event) => event.keysChanged.forEach((k) => observed.add(k)));
    const writers = people.map(startWriting);
    await waitFor(() => observed.size >= 150, "the observer sees the load", 15_000);

    const exit = exitOf(first);
    first.child.kill("SIGTERM");
    expect(await within(15_000, "exit after SIGTERM", exit)).toEqual({ code: 0, signal: null });

    // The server is gone and nobody can reach the file but this test: what it holds is what was drained.
    const stored = storedBoardDoc(dir, board.id).getMap("items");
    for (const w of writers) expect(missing(w.sent, (id) => stored.has(id)), `${w.client.participant}: sent on an open socket, not stored`).toEqual([]);
    expect(missing(observed, (id) => stored.has(id)), "observed but not stored").toEqual([]);
    // It asked its clients to close (1001) rather than dropping them.
    for (const t of tracked) expect(t.closes.map((c) => c.code), t.name).toContain(1001);

    // Writing goes on while the server is down.
    await waitFor(() => writers.every((w) => w.offline.size >= 5), "every writer writes while the server is down");
    for (const w of writers) w.stop();

    const second = await spawnServer(dir, { PORT: port });
    procs.push(second);
    const reader = connect(second.wsUrl, board.id, board.keys.viewer);
    clients.push(reader);
    const holds = (c: Client, w: Writer) => [...w.sent, ...w.offline].every((id) => items(c).has(id));
    await waitFor(
      () => inStep(reader) && people.every(inStep) && writers.every((w) => holds(reader, w) && people.every((p) => holds(p, w))),
      "the writers reconnect by themselves and every client converges with the restarted server",
      20_000,
    );
    expect(missing(observed, (id) => items(reader).has(id)), "observed before SIGTERM, missing after restart").toEqual([]);
    const written = writers.flatMap((w) => [...w.sent, ...w.offline]).sort();
    for (const p of people) expect([...items(p).keys()].sort(), p.participant).toEqual(written);
    expect([...items(reader).keys()].sort()).toEqual(written);

    const res = await fetch(`${second.url}/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`);
    expect(res.status).toBe(200);
    const snapshot = SnapshotSchema.parse(await res.json());
    expect(snapshot.items.map((i) => i.id).sort()).toEqual(written);
  }, 90_000);
});
