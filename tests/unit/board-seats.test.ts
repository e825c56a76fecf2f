import { afterEach, describe, expect, it, vi } from "vitest";
import { forgetSeat, rememberSeat, seatFor } from "../../lib/client/session/board-seats";
import { forgetDeletedBoard } from "../../lib/client/session/link-changes";
import { memoryStorage } from "./memory-storage";

function browser() {
  const local = memoryStorage();
  const session = memoryStorage();
  vi.stubGlobal("window", { localStorage: local, sessionStorage: session });
  vi.stubGlobal("indexedDB", undefined);
  return { local, session };
}

const SEAT = "s".repeat(24);

afterEach(() => vi.unstubAllGlobals());

describe("the seat this device keeps per board", () => {
  it("keeps one seat per board, across pages of the device", () => {
    const { local } = browser();
    expect(seatFor("board1")).toBeNull();
    rememberSeat("board1", { participant: "p-ada", seat: SEAT });
    rememberSeat("board2", { participant: "p-bob", seat: SEAT.replace(/s/g, "t") });
    expect(seatFor("board1")).toEqual({ participant: "p-ada", seat: SEAT });
    expect(seatFor("board2")?.participant).toBe("p-bob");
    // In device storage, under a name of its own: another tab of this browser reads the same seat.
    expect(local.map.get("cruxboard:seat:board1")).toBe(JSON.stringify({ participant: "p-ada", seat: SEAT }));
  });

  it("forgets a board's seat, and only that board's", () => {
    browser();
    rememberSeat("board1", { participant: "p-ada", seat: SEAT });
    rememberSeat("board2", { participant: "p-bob", seat: SEAT });
    forgetSeat("board1");
    expect(seatFor("board1")).toBeNull();
    expect(seatFor("board2")).not.toBeNull();
  });

  it("forgets the seat with a deleted board", () => {
    browser();
    rememberSeat("board1", { participant: "p-ada", seat: SEAT });
    forgetDeletedBoard("board1");
    expect(seatFor("board1")).toBeNull();
  });

  it("reads nothing it cannot trust: a broken value, a bad seat or id is no seat", () => {
    const { local } = browser();
    for (const raw of ["{", "null", JSON.stringify({ participant: "p-ada" }), JSON.stringify({ participant: "p-ada", seat: "short" }), JSON.stringify({ participant: "", seat: SEAT }), JSON.stringify({ participant: "p-ada", seat: "has spaces in it, twenty+" })]) {
      local.map.set("cruxboard:seat:board1", raw);
      expect(seatFor("board1"), raw).toBeNull();
    }
  });

  it("lives without storage: nothing kept, nothing thrown", () => {
    vi.stubGlobal("window", {
      get localStorage(): Storage {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
    expect(() => rememberSeat("board1", { participant: "p-ada", seat: SEAT })).not.toThrow();
    expect(seatFor("board1")).toBeNull();
    expect(() => forgetSeat("board1")).not.toThrow();
  });
});
