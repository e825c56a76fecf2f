import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { SnapshotV1Schema, type Snapshot } from "../../lib/snapshot/schema";
import { createBoardVia, startServer, synced, waitFor, type Client, type TestServer } from "./harness";
import { seatedClient } from "./seats-helpers";

let srv: TestServer;
const clients: Client[] = [];
beforeEach(async () => {
  srv = await startServer({ maxBodyBytes: 200 * 1024 });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv.close();
});

const post = (path: string, body: unknown, type = "application/json") =>
  fetch(`${srv.url}${path}`, { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) });
const get = (path: string) => fetch(`${srv.url}${path}`);

async function boardWithPlacements() {
  const board = await createBoardVia(srv.url, { title: "Reading group" });
  const [ann, bob] = await Promise.all(["Ann", "Bob"].map((name) => seatedClient(srv.url, srv.wsUrl, board, name)));
  clients.push(ann!, bob!);
  await Promise.all([ann!, bob!].map(synced));
  const grid = readBoard(ann!.doc).meta.grid;
  const accepted = srv.server.metrics.updatesAccepted;
  placeItem(ann!.doc, { item: "rlhf", participant: ann!.participant, col: 0.5, row: 0.5 }, grid);
  placeItem(bob!.doc, { item: "rlhf", participant: bob!.participant, col: 2.5, row: 2.5 }, grid);
  placeItem(ann!.doc, { item: "scaling", participant: ann!.participant, col: 0.2, row: 0.2 }, grid);
  await waitFor(() => srv.server.metrics.updatesAccepted >= accepted + 3, "placements on the server");
  return { board, bob: bob!, grid };
}

describe("POST /api/boards", () => {
  it("creates an alignment board by default with unguessable id and keys", async () => {
    const res = await post("/api/boards", {});
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; keys: Record<string, string>; links: Record<string, string> };
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22,}$/); // 128 bits
    for (const k of Object.values(body.keys)) expect(k).toMatch(/^[A-Za-z0-9_-]{24,}$/); // 144 bits
    expect(new Set(Object.values(body.keys)).size).toBe(3);
    expect(body.links).toEqual({
      facilitate: `/b/${body.id}?key=${body.keys.facilitator}`,
      join: `/b/${body.id}?key=${body.keys.participant}`,
      view: `/b/${body.id}?key=${body.keys.viewer}`,
    });
    const snap = (await (await get(`/api/boards/${body.id}/export?key=${body.keys.viewer}`)).json()) as Snapshot;
    expect(snap.board.title).toBe("Alignment research map");
    expect(snap.board.grid.rows.map((r) => r.label)).toEqual(["Engineering", "Behaviorist science", "Cognitivist science"]);
    expect(snap.items).toHaveLength(9);
  });

  it("creates a blank board with a custom grid", async () => {
    const grid = {
      rows: [{ id: "hi", label: "High impact", hint: "moves the needle" }, { id: "lo", label: "Low impact" }],
      columns: [{ id: "easy", label: "Easy" }, { id: "hard", label: "Hard" }],
    };
    const res = await post("/api/boards", { title: "Roadmap", template: "blank", grid });
    expect(res.status).toBe(201);
    const { id, keys } = (await res.json()) as { id: string; keys: { viewer: string } };
    const snap = (await (await get(`/api/boards/${id}/export?key=${keys.viewer}`)).json()) as Snapshot;
    expect(snap.board.grid).toEqual(grid);
    expect(snap.items).toEqual([]);
  });

  it("answers bad bodies with 4xx errors that name the field", async () => {
    const cases: Array<[unknown, string]> = [
      [{ title: "x".repeat(500) }, "title"],
      [{ template: "kanban" }, "template"],
      [{ grid: { rows: [{ id: "a", label: "A" }], columns: [{ id: "b", label: "B" }, { id: "c", label: "C" }] } }, "grid.rows"],
      [{ grid: { rows: [{ id: "a", label: "" }, { id: "b", label: "B" }], columns: [{ id: "b", label: "B" }, { id: "c", label: "C" }] } }, "grid.rows[0].label"],
      [{ colour: "red" }, "(root)"],
      [[1, 2], "(root)"],
    ];
    for (const [body, path] of cases) {
      const res = await post("/api/boards", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()) as { error: string; path: string };
      expect(err.path).toBe(path);
      expect(err.error).toContain(path);
    }
    const notJson = await post("/api/boards", "{nope");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/not valid JSON/);
    expect((await post("/api/boards", "title=x", "application/x-www-form-urlencoded")).status).toBe(415);
  });
});

describe("GET /api/boards/<id>", () => {
  it("tells a key's role, and refuses unknown boards and wrong keys", async () => {
    const board = await createBoardVia(srv.url);
    for (const role of ["facilitator", "participant", "viewer"] as const) {
      const res = await get(`/api/boards/${board.id}?key=${board.keys[role]}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: board.id, role });
    }
    expect((await get(`/api/boards/${board.id}`)).status).toBe(401);
    expect((await get(`/api/boards/${board.id}?key=nope`)).status).toBe(403);
    expect((await get(`/api/boards/AAAAAAAAAAAAAAAAAAAAAA?key=x`)).status).toBe(404);
  });
});

describe("export", () => {
  it("exports JSON, CSV and Markdown to any key and checks keys", async () => {
    const { board } = await boardWithPlacements();
    const json = await get(`/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-disposition")).toMatch(/attachment; filename="reading-group-\d{4}-\d{2}-\d{2}\.json"/);
    const snap = SnapshotV1Schema.parse(await json.json());
    const rlhf = snap.items.find((i) => i.id === "rlhf")!;
    expect(rlhf.placements).toHaveLength(2);
    expect(rlhf.stats?.spread).toBeCloseTo(Math.sqrt(2), 10);

    const csv = await (await get(`/api/boards/${board.id}/export?format=csv&key=${board.keys.participant}`)).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("board_id,board_title,snapshot,item_id,item_text,participant_id,participant_name,row_label,column_label,col,row,at,reason");
    expect(lines).toHaveLength(4);
    const md = await (await get(`/api/boards/${board.id}/export?format=md&key=${board.keys.facilitator}`)).text();
    expect(md).toMatch(/^# Reading group/);
    expect(md.indexOf("RLHF")).toBeLessThan(md.indexOf("| 2 | Scaling"));

    expect((await get(`/api/boards/${board.id}/export`)).status).toBe(401);
    expect((await get(`/api/boards/${board.id}/export?key=wrong`)).status).toBe(403);
    expect((await get(`/api/boards/AAAAAAAAAAAAAAAAAAAAAA/export?key=x`)).status).toBe(404);
    const badFormat = await get(`/api/boards/${board.id}/export?format=xls&key=${board.keys.viewer}`);
    expect(badFormat.status).toBe(400);
    expect(((await badFormat.json()) as { path: string }).path).toBe("format");
  });
});

describe("svg", () => {
  it("serves the board and a named snapshot as a printable SVG picture", async () => {
    const { board } = await boardWithPlacements();
    const expectSvg = async (res: Response, filename: RegExp) => {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(filename);
      const body = await res.text();
      expect(body).toMatch(/^(<\?xml|<svg)/);
      expect(body.trimEnd().endsWith("</svg>")).toBe(true);
      expect(body).toContain('data-item="rlhf"');
      return body;
    };
    const exported = await expectSvg(
      await get(`/api/boards/${board.id}/export?format=svg&key=${board.keys.viewer}`),
      /attachment; filename="reading-group-\d{4}-\d{2}-\d{2}\.svg"$/,
    );
    expect(exported).toContain("Reading group");

    const taken = await post(`/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, { name: "Round 1" });
    const { id: sid } = (await taken.json()) as { id: string };
    const snapshot = await expectSvg(
      await get(`/api/boards/${board.id}/snapshots/${sid}?format=svg&key=${board.keys.participant}`),
      /attachment; filename="reading-group-round-1-\d{4}-\d{2}-\d{2}\.svg"$/,
    );
    expect(snapshot).toContain("Snapshot: Round 1");
    expect((await get(`/api/boards/${board.id}/export?format=svg`)).status).toBe(401);
  });
});

describe("import", () => {
  it("round-trips an export into a new board", async () => {
    const { board } = await boardWithPlacements();
    const exported = await (await get(`/api/boards/${board.id}/export?key=${board.keys.viewer}`)).json();
    const res = await post("/api/boards/import", exported);
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; keys: { viewer: string } };
    expect(created.id).not.toBe(board.id);
    const again = (await (await get(`/api/boards/${created.id}/export?key=${created.keys.viewer}`)).json()) as Snapshot;
    const strip = (s: Snapshot) => ({ ...s, exportedAt: "", board: { ...s.board, id: "" } });
    expect(strip(again)).toEqual(strip(exported as Snapshot));
  });

  it("refuses invalid snapshots naming the first bad path, and creates nothing", async () => {
    const { board } = await boardWithPlacements();
    const good = (await (await get(`/api/boards/${board.id}/export?key=${board.keys.viewer}`)).json()) as Snapshot;
    const bad = structuredClone(good);
    bad.items[1]!.placements.push({ participant: "ann", col: 7, row: 0, at: 1 });
    const before = (await srv.server.rooms.loadedCount) as number;
    const res = await post("/api/boards/import", bad);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { path: string; error: string };
    expect(err.path).toMatch(/^items\[\d+\]\.placements\[\d+\]\.(col|participant)$/);
    expect((await post("/api/boards/import", { format: "other" })).status).toBe(400);
    expect(((await (await post("/api/boards/import", { ...good, version: 9 })).json()) as { path: string }).path).toBe("version");
    const tooBig = await post("/api/boards/import", { ...good, padding: "x".repeat(300 * 1024) });
    expect(tooBig.status).toBe(413);
    expect(srv.server.rooms.loadedCount).toBe(before);
  });
});

describe("snapshots", () => {
  it("lets only the facilitator take snapshots, lists them oldest first, and never changes them", async () => {
    const { board, bob, grid } = await boardWithPlacements();
    const path = `/api/boards/${board.id}/snapshots`;
    expect((await post(`${path}?key=${board.keys.participant}`, { name: "x" })).status).toBe(403);
    expect((await post(`${path}?key=${board.keys.viewer}`, {})).status).toBe(403);
    expect((await post(`${path}`, {})).status).toBe(401);

    const first = await post(`${path}?key=${board.keys.facilitator}`, { name: "Round 1" });
    expect(first.status).toBe(201);
    const s1 = (await first.json()) as { id: string; name: string; takenAt: string };
    expect(s1.name).toBe("Round 1");
    expect(Number.isNaN(Date.parse(s1.takenAt))).toBe(false);

    const accepted = srv.server.metrics.updatesAccepted;
    placeItem(bob.doc, { item: "rlhf", participant: bob.participant, col: 0.6, row: 0.6 }, grid);
    await waitFor(() => srv.server.metrics.updatesAccepted > accepted, "move after snapshot");
    const s2 = (await (await post(`${path}?key=${board.keys.facilitator}`, {})).json()) as { id: string; name: string };
    expect(s2.name).toBe("Snapshot 2");

    const list = (await (await get(`${path}?key=${board.keys.viewer}`)).json()) as Array<{ id: string }>;
    expect(list.map((s) => s.id)).toEqual([s1.id, s2.id]);

    const old = (await (await get(`${path}/${s1.id}?key=${board.keys.participant}`)).json()) as Snapshot;
    // A named snapshot's file says which snapshot it is; re-imported, it is an ordinary board again.
    expect(old.snapshot).toEqual({ id: s1.id, name: "Round 1", takenAt: s1.takenAt });
    const reimported = await post("/api/boards/import", old);
    expect(reimported.status).toBe(201);
    expect(old.items.find((i) => i.id === "rlhf")!.placements.find((p) => p.participant === bob.participant)).toMatchObject({ col: 2.5 });
    const now = (await (await get(`${path}/${s2.id}?key=${board.keys.participant}`)).json()) as Snapshot;
    expect(now.items.find((i) => i.id === "rlhf")!.placements.find((p) => p.participant === bob.participant)).toMatchObject({ col: 0.6 });
    const md = await (await get(`${path}/${s1.id}?format=md&key=${board.keys.viewer}`)).text();
    expect(md).toContain("Snapshot: **Round 1**");

    expect((await get(`${path}/nope?key=${board.keys.viewer}`)).status).toBe(404);
    expect((await post(`${path}?key=${board.keys.facilitator}`, { name: "" })).status).toBe(400);
  });
});

describe("service endpoints", () => {
  it("serves healthz and metrics, 404s unknown API routes and 405s wrong methods", async () => {
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, store: "sqlite" });
    expect(await (await get("/metrics")).text()).toMatch(/cruxboard_connections \d+/);
    expect((await get("/api/nothing")).status).toBe(404);
    const wrong = await fetch(`${srv.url}/api/boards`, { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect((await get("/some/page")).status).toBe(404);
  });

  it("tells the time, uncached, for timers that agree across devices", async () => {
    const before = Date.now();
    const res = await get("/api/time");
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { now } = (await res.json()) as { now: number };
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
  });
});
