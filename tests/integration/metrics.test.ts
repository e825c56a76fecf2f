import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { createServer } from "../../server/index";
import { REFUSAL_REASONS } from "../../server/metrics";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import { boardFixture, synced, tempDir, waitFor } from "./harness";
import { permissionDenials } from "./seats-helpers";

const MAX_MESSAGE_BYTES = 256 * 1024;
const fx = boardFixture({ maxMessageBytes: MAX_MESSAGE_BYTES });
// Refused writes are expected here: the stock client's warning of each is kept out of the output.
permissionDenials();

/** A Prometheus text exposition: its samples by series as written (`name{labels}`), and each metric's type. */
interface Exposition {
  samples: Map<string, number>;
  types: Map<string, string>;
}

function parseExposition(text: string): Exposition {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    const written = line.slice(at + 1);
    // The format's special values; prom-client writes NaN as "Nan" (the event-loop lag before its first sample), as parsers allow.
    const value = /^nan$/i.test(written) ? NaN : /^[+-]?inf$/i.test(written) ? Number(written.replace(/inf/i, "Infinity")) : Number(written);
    if (Number.isNaN(value) && !/^nan$/i.test(written)) throw new Error(`not a sample: ${line}`);
    samples.set(line.slice(0, at), value);
  }
  return { samples, types };
}

async function scrape(url = fx.srv.url): Promise<Exposition> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

/** A sample's value; throws when the series is missing, so a renamed metric fails loudly. */
function valueOf(exposition: Exposition, series: string): number {
  const value = exposition.samples.get(series);
  if (value === undefined) throw new Error(`no series ${series} in /metrics`);
  return value;
}

async function eventually(check: (m: Exposition) => boolean, what: string): Promise<Exposition> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const m = await scrape();
    if (check(m)) return m;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A raw socket on the board, and how the server closed it. */
async function raw(key: string, seat?: string) {
  const ws = new WebSocket(`${fx.srv.wsUrl}/sync/${fx.board.id}?key=${key}${seat === undefined ? "" : `&seat=${seat}`}`);
  await new Promise((r) => ws.once("open", r));
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  return { ws, closed };
}

const syncStep1 = () => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, new Uint8Array([0]));
  return encoding.toUint8Array(e);
};

const refused = (m: Exposition, reason: string) => valueOf(m, `cruxboard_updates_refused_total{reason="${reason}"}`);

describe("/metrics", () => {
  it("counts connections as they open and close", async () => {
    const before = await scrape();
    expect(before.types.get("cruxboard_connections")).toBe("gauge");
    expect(before.types.get("cruxboard_connections_total")).toBe("counter");
    expect(valueOf(before, "cruxboard_connections")).toBe(0);

    const participant = await fx.seated("Pat");
    const viewer = fx.connect(fx.board.keys.viewer);
    await Promise.all([synced(participant), synced(viewer)]);
    const open = await scrape();
    expect(valueOf(open, "cruxboard_connections")).toBe(2);
    expect(valueOf(open, "cruxboard_connections_total")).toBe(2);
    expect(valueOf(open, "cruxboard_rooms_loaded")).toBe(1);

    viewer.provider.disconnect();
    const after = await eventually((m) => valueOf(m, "cruxboard_connections") === 1, "the gauge to go down");
    expect(valueOf(after, "cruxboard_connections_total")).toBe(2);
  });

  it("times the store transaction and the relay of a real client's edits", async () => {
    const before = await scrape();
    expect(before.types.get("cruxboard_turn_commit_seconds")).toBe("histogram");
    expect(before.types.get("cruxboard_relay_seconds")).toBe("histogram");
    const commits = valueOf(before, "cruxboard_turn_commit_seconds_count");
    const relays = valueOf(before, "cruxboard_relay_seconds_count");

    const writer = await fx.seated("Writer");
    const reader = fx.connect(fx.board.keys.facilitator);
    await Promise.all([synced(writer), synced(reader)]);
    const grid = readBoard(writer.doc).meta.grid;
    for (const [item, col] of [["rlhf", 0.5], ["scaling", 1.5], ["rlhf", 2.5]] as const) {
      placeItem(writer.doc, { item, participant: writer.participant, col, row: 0.5 }, grid);
      await waitFor(() => readBoard(reader.doc).placements.some((p) => p.item === item && p.col === col), `${item} at ${col} relayed`);
    }

    const after = await scrape();
    const commitCount = valueOf(after, "cruxboard_turn_commit_seconds_count");
    const relayCount = valueOf(after, "cruxboard_relay_seconds_count");
    expect(commitCount).toBeGreaterThanOrEqual(commits + 3);
    expect(relayCount).toBeGreaterThanOrEqual(relays + 3);
    expect(valueOf(after, 'cruxboard_turn_commit_seconds_bucket{le="+Inf"}')).toBe(commitCount);
    expect(valueOf(after, 'cruxboard_relay_seconds_bucket{le="+Inf"}')).toBe(relayCount);
    expect(valueOf(after, "cruxboard_turn_commit_seconds_sum")).toBeGreaterThan(0);
    // A relay waits for its commit, so it can never take less time in total.
    const committing = valueOf(after, "cruxboard_turn_commit_seconds_sum") - valueOf(before, "cruxboard_turn_commit_seconds_sum");
    const relaying = valueOf(after, "cruxboard_relay_seconds_sum") - valueOf(before, "cruxboard_relay_seconds_sum");
    expect(relaying).toBeGreaterThanOrEqual(committing);
    expect(valueOf(after, "cruxboard_updates_accepted_total")).toBeGreaterThanOrEqual(3);
    expect(valueOf(after, "cruxboard_persist_batches_total")).toBeGreaterThanOrEqual(3);
    expect(valueOf(after, "cruxboard_bytes_in_total")).toBeGreaterThan(valueOf(before, "cruxboard_bytes_in_total"));
    expect(valueOf(after, "cruxboard_messages_out_total")).toBeGreaterThan(valueOf(before, "cruxboard_messages_out_total"));

    // /healthz reads the same counters.
    const health = (await (await fetch(`${fx.srv.url}/healthz`)).json()) as Record<string, number>;
    expect(health.updatesAccepted).toBe(valueOf(after, "cruxboard_updates_accepted_total"));
    expect(health.persistBatches).toBe(valueOf(after, "cruxboard_persist_batches_total"));
  });

  it("counts refused updates by reason: a viewer's write, someone else's note, a write without a seat, a text frame, a message over the limit", async () => {
    const before = await scrape();
    for (const reason of REFUSAL_REASONS) expect(refused(before, reason), reason).toBe(0);

    const viewer = fx.connect(fx.board.keys.viewer);
    await synced(viewer);
    const closed = new Promise<number>((resolve) =>
      viewer.provider.once("connection-close", (e: CloseEvent | null) => resolve(e?.code ?? 0)),
    );
    placeItem(viewer.doc, { item: "rlhf", participant: "v", col: 1.5, row: 1.5 }, readBoard(viewer.doc).meta.grid);
    expect(await closed).toBe(4403);
    // Before its reconnect would send the same write again.
    viewer.provider.disconnect();
    const afterViewer = await scrape();
    expect(refused(afterViewer, "read_only")).toBe(1);

    // A seated person placing a note under another person's id, and a participant connection without a seat:
    // both refused and brought back in step, not closed.
    const seated = await fx.seated("Pat");
    const seatless = fx.connect(fx.board.keys.participant);
    await Promise.all([synced(seated), synced(seatless)]);
    const grid = readBoard(seated.doc).meta.grid;
    placeItem(seated.doc, { item: "rlhf", participant: "someone-else", col: 1.5, row: 1.5 }, grid);
    await eventually((m) => refused(m, "not_own") === 1, "someone else's note counted");
    placeItem(seatless.doc, { item: "scaling", participant: "p1", col: 1.5, row: 1.5 }, grid);
    await eventually((m) => refused(m, "no_seat") === 1, "the seatless write counted");

    const { seat } = await fx.seat("Raw");
    const text = await raw(fx.board.keys.participant, seat);
    text.ws.send("hello");
    expect(await text.closed).toBe(1003);
    const big = await raw(fx.board.keys.participant, seat);
    big.ws.send(new Uint8Array(MAX_MESSAGE_BYTES + 1));
    expect(await big.closed).toBe(1009);

    const after = await eventually((m) => refused(m, "too_big") === 1, "the message over the limit counted");
    expect(refused(after, "read_only")).toBe(1);
    expect(refused(after, "not_own")).toBe(1);
    expect(refused(after, "no_seat")).toBe(1);
    expect(refused(after, "malformed")).toBe(1);
    const others = REFUSAL_REASONS.filter((r) => !["read_only", "not_own", "no_seat", "malformed", "too_big"].includes(r));
    for (const reason of others) expect(refused(after, reason), reason).toBe(0);
    const health = (await (await fetch(`${fx.srv.url}/healthz`)).json()) as Record<string, number>;
    expect(health.updatesRefused).toBe(5);
    expect(fx.srv.server.metrics.updatesRefused).toBe(5);
  });

  it("counts rate-limit hits by the limit's name", async () => {
    expect([...(await scrape()).samples.keys()].filter((s) => s.startsWith("cruxboard_rate_limited_total"))).toEqual([]);
    const flood = await raw(fx.board.keys.viewer);
    for (let i = 0; i < 30; i++) flood.ws.send(syncStep1());
    expect(await flood.closed).toBe(1008);
    const after = await scrape();
    expect(after.types.get("cruxboard_rate_limited_total")).toBe("counter");
    expect(valueOf(after, 'cruxboard_rate_limited_total{limit="sync-requests"}')).toBe(1);
    expect(fx.srv.server.metrics.counts().rateLimited).toBe(1);
  });

  it("counts the abuse limits' refusals under their names", async () => {
    const server = createServer({ store: openSqliteStore({ dir: tempDir() }), logger: silentLogger, limits: { boardCreates: 1 } });
    const { url } = await server.listen(0);
    try {
      const create = () => fetch(`${url}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect((await create()).status).toBe(201);
      expect((await create()).status).toBe(429);
      expect((await create()).status).toBe(429);
      const m = await scrape(url);
      expect(valueOf(m, 'cruxboard_rate_limited_total{limit="board-creation"}')).toBe(2);
      expect(server.metrics.counts().rateLimited).toBe(2);
    } finally {
      await server.close();
    }
  });

  it("answers only the metrics token's bearer when one is set, and says what it needs", async () => {
    const token = "scrape-me-0123456789";
    const server = createServer({ store: openSqliteStore({ dir: tempDir() }), logger: silentLogger, metricsToken: token });
    const { url } = await server.listen(0);
    try {
      for (const authorization of [undefined, "Bearer wrong-token-0123456789", `Basic ${token}`, `Bearer ${token}x`, "Bearer "]) {
        const res = await fetch(`${url}/metrics`, authorization === undefined ? {} : { headers: { authorization } });
        expect(res.status, String(authorization)).toBe(401);
        expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
        expect(((await res.json()) as { error: string }).error).toMatch(/needs the metrics token/);
      }
      const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^cruxboard_connections 0$/m);
      // Health stays open: a balancer's check carries no token.
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("adds the process's own metrics only where asked, as the one server of a process", async () => {
    expect([...(await scrape()).samples.keys()].some((s) => s.startsWith("process_") || s.startsWith("nodejs_"))).toBe(false);
    const server = createServer({ store: openSqliteStore({ dir: tempDir() }), logger: silentLogger, processMetrics: true });
    const { url } = await server.listen(0);
    try {
      const m = await scrape(url);
      expect(valueOf(m, "process_resident_memory_bytes")).toBeGreaterThan(0);
      expect(m.types.get("nodejs_eventloop_lag_seconds")).toBe("gauge");
      expect(valueOf(m, "cruxboard_connections")).toBe(0);
    } finally {
      await server.close();
    }
  });
});
