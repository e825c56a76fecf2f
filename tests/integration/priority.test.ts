import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addItem, placeItem, setGoal } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { TEMPLATE_NAMES, type TemplateName } from "../../lib/board/schema";
import { TEMPLATES } from "../../lib/board/templates";
import type { CreatedBoard } from "../../lib/api/schemas";
import { SnapshotSchema } from "../../lib/snapshot/schema";
import { connect, createBoardVia, startServer, synced, waitFor, type Client, type TestServer } from "./harness";
import { permissionDenials, seatedClient, type SeatedClient } from "./seats-helpers";

let srv: TestServer;
const clients: Client[] = [];
beforeEach(async () => {
  srv = await startServer();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv.close();
});

const denied = permissionDenials();
const get = (path: string) => fetch(`${srv.url}${path}`);
const post = (path: string, body: unknown) => fetch(`${srv.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function connected(board: CreatedBoard, key: string): Promise<Client> {
  const client = connect(srv.wsUrl, board.id, key);
  clients.push(client);
  await synced(client);
  return client;
}

async function seated(board: CreatedBoard, name: string): Promise<SeatedClient> {
  const client = await seatedClient(srv.url, srv.wsUrl, board, name);
  clients.push(client);
  await synced(client);
  return client;
}

/** The fields of one CSV row (RFC 4180: a quoted field may hold commas and doubled quotes). */
function fieldsOf(row: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (quoted && c === '"' && row[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  return [...fields, field];
}

/** The server's own copy of a board, once every accepted change is durable. */
const serverBoard = (id: string) => srv.server.rooms.withSettledRoom(id, (room) => readBoard(room.doc));

/*
 * An impact × effort board (2 × 2, goal top-left at (0, 0); the diagonal is √8) with a
 * decision to make. Priority = 1 − |centre − (0, 0)| / √8:
 *   quick-win  all four at (0.5, 0.5)                     → 1 − √0.5/√8 = 0.75, agreed
 *   scattered  three far corners, centre (0.7, 0.7)        → 1 − √0.98/√8 = 0.65, scattered (n < 4)
 *   split      two at (0.2, 0.2), two at (1.8, 0.2)        → centre (1, 0.2), 1 − √1.04/√8 ≈ 0.639, two camps
 *   slog       all four at (1.5, 1.5)                     → 0.25, agreed, spread 0
 *   slog-ish   two at (1.3, 1.5) and (1.7, 1.5)           → 0.25 as well, spread 0.2: after slog
 *   unplaced   nobody                                     → last, no priority
 */
const EXPECTED = [
  { id: "quick-win", priority: 0.75, flag: "" },
  { id: "scattered", priority: 1 - Math.sqrt(0.98 / 8), flag: "top 3, but scattered" },
  { id: "split", priority: 1 - Math.sqrt(1.04 / 8), flag: "top 3, but split" },
  { id: "slog", priority: 0.25, flag: "" },
  { id: "slog-ish", priority: 0.25, flag: "" },
  { id: "unplaced", priority: null, flag: "" },
];

async function decisionBoard(): Promise<{ board: CreatedBoard; host: Client }> {
  const board = await createBoardVia(srv.url, { title: "Q3 roadmap", template: "impact-effort" });
  const host = await connected(board, board.keys.facilitator);
  const grid = readBoard(host.doc).meta.grid;
  // Created in an order unlike the ranking, so the order is the ranking's own.
  for (const [i, id] of ["unplaced", "slog-ish", "split", "slog", "scattered", "quick-win"].entries()) {
    addItem(host.doc, { id, text: `Item ${id}`, ...(id === "split" ? { note: "=SUM(A1) needs a decision" } : {}), createdBy: "host", createdAt: 1_000 + i });
  }
  const place = (item: string, participant: string, col: number, row: number) => placeItem(host.doc, { item, participant, col, row }, grid);
  for (const p of ["ann", "bob", "cy", "dee"]) {
    place("quick-win", p, 0.5, 0.5);
    place("slog", p, 1.5, 1.5);
  }
  place("scattered", "ann", 0.1, 0.1);
  place("scattered", "bob", 1.9, 0.1);
  place("scattered", "cy", 0.1, 1.9);
  place("split", "ann", 0.2, 0.2);
  place("split", "bob", 0.2, 0.2);
  place("split", "cy", 1.8, 0.2);
  place("split", "dee", 1.8, 0.2);
  place("slog-ish", "ann", 1.3, 1.5);
  place("slog-ish", "bob", 1.7, 1.5);
  await waitFor(() => srv.server.metrics.updatesAccepted >= 6 + 17, "the placements on the server");
  expect((await serverBoard(board.id)).placements).toHaveLength(17);
  return { board, host };
}

describe("the goal corner", () => {
  it("is written by the facilitator and refused from a participant, whose copy is put back", async () => {
    const board = await createBoardVia(srv.url, { title: "Goals", template: "impact-effort" });
    const host = await connected(board, board.keys.facilitator);
    const pat = await seated(board, "Pat");
    const otto = await seated(board, "Otto");
    expect(readBoard(pat.doc).meta.goal).toBe("top-left");

    setGoal(host.doc, "bottom-right");
    await waitFor(() => readBoard(pat.doc).meta.goal === "bottom-right", "the facilitator's goal reaches a participant");
    expect((await serverBoard(board.id)).meta.goal).toBe("bottom-right");

    setGoal(pat.doc, "top-right");
    expect(readBoard(pat.doc).meta.goal).toBe("top-right");
    await waitFor(() => readBoard(pat.doc).meta.goal === "bottom-right", "the participant's copy put back");
    await waitFor(() => denied.some((w) => w.includes("only the facilitator can change meta")), "the writer told why");
    expect((await serverBoard(board.id)).meta.goal).toBe("bottom-right");
    expect(readBoard(otto.doc).meta.goal).toBe("bottom-right");
    expect(readBoard(host.doc).meta.goal).toBe("bottom-right");

    // A participant's clearing is refused the same way; the facilitator's goes through.
    setGoal(pat.doc, null);
    await waitFor(() => readBoard(pat.doc).meta.goal === "bottom-right", "the participant's clearing undone");
    setGoal(host.doc, null);
    await waitFor(() => readBoard(otto.doc).meta.goal === null && readBoard(pat.doc).meta.goal === null, "the facilitator's clearing reaches everyone");
    expect((await serverBoard(board.id)).meta.goal).toBeNull();
  });
});

describe("priorities in the exports", () => {
  it("every export and snapshot JSON carries the goal and each item's priority; an import keeps them", async () => {
    const { board } = await decisionBoard();
    const raw = (await (await get(`/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`)).json()) as {
      board: { goal?: string };
      items: Array<{ id: string; stats: { priority?: number | null } | null }>;
    };
    // Read as written, not through the import path, which would work a missing priority out again.
    expect(raw.board.goal).toBe("top-left");
    for (const { id, priority } of EXPECTED) {
      const item = raw.items.find((i) => i.id === id)!;
      if (priority === null) expect(item.stats, id).toBeNull();
      else expect(item.stats!.priority, id).toBeCloseTo(priority, 12);
    }
    expect(SnapshotSchema.safeParse(raw).success).toBe(true);

    const taken = await post(`/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, { name: "Decided" });
    expect(taken.status).toBe(201);
    const { id: snapshotId } = (await taken.json()) as { id: string };
    const named = (await (await get(`/api/boards/${board.id}/snapshots/${snapshotId}?format=json&key=${board.keys.participant}`)).json()) as typeof raw;
    expect(named.board.goal).toBe("top-left");
    expect(named.items.map((i) => [i.id, i.stats?.priority ?? null])).toEqual(raw.items.map((i) => [i.id, i.stats?.priority ?? null]));

    const imported = await post("/api/boards/import", raw);
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as CreatedBoard;
    expect((await serverBoard(copy.id)).meta.goal).toBe("top-left");
    const again = (await (await get(`/api/boards/${copy.id}/export?format=json&key=${copy.keys.viewer}`)).json()) as typeof raw;
    expect(again.board.goal).toBe("top-left");
    expect(again.items.map((i) => [i.id, i.stats?.priority ?? null])).toEqual(raw.items.map((i) => [i.id, i.stats?.priority ?? null]));
  });

  it("the priorities CSV is the decision list: highest priority first, ties by spread, flags on the contested top 3", async () => {
    const { board, host } = await decisionBoard();
    const res = await get(`/api/boards/${board.id}/export?format=priorities-csv&key=${board.keys.viewer}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/-priorities\.csv"$/);
    const [header, ...rows] = (await res.text()).trimEnd().split("\r\n");
    expect(header).toBe("rank,item_id,item_text,note,priority,spread,shape,n,centroid_col,centroid_row,centroid_cell,flag");
    const fields = rows.map(fieldsOf);
    expect(fields.map((f) => f[1])).toEqual(EXPECTED.map((e) => e.id));
    // The item nobody placed comes last, without a rank.
    expect(fields.map((f) => f[0])).toEqual(["1", "2", "3", "4", "5", ""]);
    expect(fields.map((f) => f[4])).toEqual(EXPECTED.map((e) => (e.priority === null ? "" : e.priority.toFixed(3))));
    expect(fields.map((f) => f.at(-1))).toEqual(EXPECTED.map((e) => e.flag));
    expect(rows[0]).toBe("1,quick-win,Item quick-win,,0.750,0.000,agreed,4,0.500,0.500,High impact / Low effort,");
    expect(rows[2]).toBe(`3,split,Item split,'=SUM(A1) needs a decision,0.639,0.800,two camps (2 vs 2),4,1.000,0.200,High impact / High effort,"top 3, but split"`);
    expect(rows[5]).toBe(",unplaced,Item unplaced,,,,,0,,,,");

    // The statistics CSV carries the priority too, in its last column.
    const stats = (await (await get(`/api/boards/${board.id}/export?format=stats-csv&key=${board.keys.viewer}`)).text()).split("\r\n");
    expect(stats[0]!.split(",").at(-1)).toBe("priority");
    expect(stats.find((r) => r.includes(",quick-win,"))!.split(",").at(-1)).toBe("0.750");

    // A named snapshot serves the same list.
    const taken = await post(`/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, {});
    const { id: snapshotId } = (await taken.json()) as { id: string };
    const fromSnapshot = await (await get(`/api/boards/${board.id}/snapshots/${snapshotId}?format=priorities-csv&key=${board.keys.viewer}`)).text();
    expect(fromSnapshot.trimEnd().split("\r\n").slice(1)).toEqual(rows);

    // Another goal corner re-ranks the same placements: bottom-right puts the slog first.
    setGoal(host.doc, "bottom-right");
    await waitFor(() => srv.server.metrics.updatesAccepted >= 6 + 17 + 1, "the new goal on the server");
    const flipped = (await (await get(`/api/boards/${board.id}/export?format=priorities-csv&key=${board.keys.viewer}`)).text()).split("\r\n");
    expect(flipped[1]).toMatch(/^1,slog,/);
  });

  it("the Markdown report opens with the decisions, or says the board has no goal corner", async () => {
    const { board, host } = await decisionBoard();
    const md = await (await get(`/api/boards/${board.id}/export?format=md&key=${board.keys.viewer}`)).text();
    const decisions = md.slice(md.indexOf("## Decisions"), md.indexOf("## Items, most contested first"));
    expect(decisions).toContain("Goal corner: **top left** (High impact, Low effort).");
    const rows = decisions.split("\n").filter((l) => /^\| (\d|—)/.test(l));
    expect(rows).toEqual([
      "| 1 | Item quick-win | 0.75 | High impact, Low effort | 0.00 | agreed |  |",
      "| 2 | Item scattered | 0.65 | High impact, Low effort | 1.20 | scattered | top 3, but scattered |",
      "| 3 | Item split | 0.64 | High impact, High effort | 0.80 | two camps (2 vs 2) | top 3, but split |",
      "| 4 | Item slog | 0.25 | Low impact, High effort | 0.00 | agreed |  |",
      "| 5 | Item slog-ish | 0.25 | Low impact, High effort | 0.20 | agreed |  |",
      // Nobody placed it: no rank.
      "| — | Item unplaced | — | — | — | not placed |  |",
    ]);
    expect(decisions).toContain("1 − (distance from the centre to the corner) ÷ (the length of the grid’s diagonal)");

    setGoal(host.doc, null);
    await waitFor(() => srv.server.metrics.updatesAccepted >= 6 + 17 + 1, "the cleared goal on the server");
    const none = await (await get(`/api/boards/${board.id}/export?format=md&key=${board.keys.viewer}`)).text();
    expect(none).toContain("## Decisions\n\nThis board has no goal corner, so its items have no priorities.");
    expect(none).not.toContain("Goal corner:");
  });
});

describe("creating a board from a template", () => {
  const exported = async (board: CreatedBoard) =>
    SnapshotSchema.parse(await (await get(`/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`)).json());

  /** Where each matrix's "do first" corner is, as its grid is drawn. */
  const GOALS: Partial<Record<TemplateName, string>> = {
    "impact-effort": "top-left",
    "impact-effort-3x3": "top-left",
    "urgent-important": "top-left",
    "risk-3x3": "top-right",
    "risk-5x5": "top-right",
    "value-confidence": "top-right",
  };

  it.each(TEMPLATE_NAMES.filter((n) => n !== "alignment" && n !== "blank"))("%s gives its grid, its goal corner and its name as the title", async (name: TemplateName) => {
    const res = await post("/api/boards", { template: name });
    expect(res.status).toBe(201);
    const snapshot = await exported((await res.json()) as CreatedBoard);
    expect(snapshot.board.template).toBe(name);
    expect(snapshot.board.grid).toEqual(TEMPLATES[name].grid);
    expect(snapshot.board.goal).toBe(GOALS[name]);
    expect(snapshot.board.title).toBe(TEMPLATES[name].label);
    expect(snapshot.items).toEqual([]);
  });

  it("keeps the alignment map's and the blank board's answers, and a grid of one's own wins over the template's", async () => {
    const alignment = await exported(await createBoardVia(srv.url, {}));
    expect(alignment.board).toMatchObject({ template: "alignment", goal: "bottom-right", grid: TEMPLATES.alignment.grid, title: "Alignment research map" });
    expect(alignment.items).toHaveLength(9);
    const blank = await exported(await createBoardVia(srv.url, { template: "blank" }));
    expect(blank.board).toMatchObject({ template: "blank", grid: TEMPLATES.blank.grid, title: "Untitled board" });
    expect(blank.board.goal).toBeUndefined();

    const grid = { rows: [{ id: "now", label: "Now" }, { id: "later", label: "Later" }], columns: [{ id: "us", label: "Us" }, { id: "them", label: "Them" }, { id: "nobody", label: "Nobody" }] };
    const own = await exported(await createBoardVia(srv.url, { template: "risk-5x5", grid }));
    expect(own.board).toMatchObject({ template: "risk-5x5", grid, goal: "top-right" });
  });

  it("refuses an unknown template with a 400 naming template", async () => {
    const res = await post("/api/boards", { template: "moscow" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; path?: string };
    expect(body.path).toBe("template");
    expect(body.error).toMatch(/^template: /);
  });
});
