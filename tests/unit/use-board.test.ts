import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { joinParticipant, placeItem } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import type { BoardConnection } from "../../lib/board/connection";
import { boardReader, readBoard, roots } from "../../lib/board/doc";
import { useBoard, usePeers } from "../../hooks/use-board";

const T0 = 1_767_225_600_000;

/** The store side of a BoardConnection over a local Y.Doc: what the hooks read, without a network. */
function localConnection(doc: Y.Doc): BoardConnection {
  const reader = boardReader(doc);
  const listeners = new Set<() => void>();
  doc.on("update", () => {
    for (const l of listeners) l();
  });
  const unused = () => {
    throw new Error("not used by the hooks");
  };
  return {
    participant: null,
    board: reader.read,
    hasSynced: () => true,
    hasUnsentChanges: () => false,
    status: () => ({ kind: "live" }),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    peers: () => [],
    drags: () => [],
    setMeta: unused,
    startRound: unused,
    reconnect: unused,
    seatAs: unused,
    refusal: () => null,
    join: unused,
    leave: unused,
    addItem: unused,
    editItem: unused,
    deleteItem: unused,
    moveItem: unused,
    place: unused,
    unplace: unused,
    setReason: unused,
    setUser: unused,
    setDrag: unused,
    destroy: unused,
  };
}

function board(): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: "Hooks", template: "alignment", createdAt: T0 });
  joinParticipant(doc, { id: "p-ada", name: "Ada", color: "#2563eb", joinedAt: T0 });
  return doc;
}

describe("board hooks", () => {
  it("useBoard renders the validated board; invalid entries are skipped, text stays text", () => {
    const doc = board();
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 1.5, row: 0.5, at: T0 }, readBoard(doc).meta.grid);
    roots(doc).placements.set("junk", { item: 7 });
    roots(doc).items.set("i-x", { id: "i-x", text: "<script>alert(1)</script>", createdBy: "p-ada", createdAt: T0 });
    const connection = localConnection(doc);
    function Probe() {
      const state = useBoard(connection);
      const peers = usePeers(connection);
      return createElement("p", null, `${state.items.length} items, ${state.placements.length} placed, ${state.invalid.placements} skipped, ${peers.length} peers, new: ${state.items.find((i) => i.id === "i-x")!.text}`);
    }
    const html = renderToString(createElement(Probe));
    expect(html).toContain("10 items, 1 placed, 1 skipped, 0 peers");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("the snapshot is one object per document version, and unchanged entries keep their identity", () => {
    const doc = board();
    const reader = boardReader(doc);
    const grid = readBoard(doc).meta.grid;
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 1.5, row: 0.5, at: T0 }, grid);
    placeItem(doc, { item: "scaling", participant: "p-ada", col: 0.5, row: 0.5, at: T0 }, grid);
    const first = reader.read();
    expect(reader.read()).toBe(first);

    placeItem(doc, { item: "scaling", participant: "p-ada", col: 0.7, row: 0.5, at: T0 + 1 }, grid);
    const second = reader.read();
    expect(second).not.toBe(first);
    const rlhf = (s: typeof first) => s.placements.find((p) => p.item === "rlhf");
    const scaling = (s: typeof first) => s.placements.find((p) => p.item === "scaling");
    // Views skip what did not change by comparing identities; only the moved placement is new.
    expect(rlhf(second)).toBe(rlhf(first));
    expect(scaling(second)).not.toBe(scaling(first));
    expect(scaling(second)!.col).toBe(0.7);
    expect(second.meta.grid).toBe(first.meta.grid);
    expect(second.participants[0]).toBe(first.participants[0]);
  });
});
