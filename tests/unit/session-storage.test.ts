import { afterEach, describe, expect, it, vi } from "vitest";
import { recallBoardLinks, takeBoardKey } from "../../lib/client/session/board-keys";
import { forgetDeletedBoard, forgetReplacedKey, rememberReplacedLinks, takeDeletedBoardTitle } from "../../lib/client/session/link-changes";
import { chosePlacing, participantIdFor, rememberName, rememberedName } from "../../lib/client/session/identity";
import { deviceStorage, tabStorage } from "../../lib/client/session/storage";
import { memoryStorage } from "./memory-storage";

function browser(local: Storage, session: Storage, href = "http://localhost/b/board1") {
  vi.stubGlobal("window", { localStorage: local, sessionStorage: session, location: { href }, history: { state: null, replaceState: vi.fn() } });
}

const refusing = (): Storage => {
  const fail = () => {
    throw new DOMException("The operation is insecure.", "SecurityError");
  };
  return { length: 0, clear: fail, getItem: fail, key: fail, removeItem: fail, setItem: fail };
};

afterEach(() => vi.unstubAllGlobals());

describe("the storage module", () => {
  it("reads, writes and removes in each area", () => {
    const local = memoryStorage();
    const session = memoryStorage();
    browser(local, session);
    expect(deviceStorage.set("a", "1")).toBe(true);
    expect(tabStorage.set("a", "2")).toBe(true);
    expect([local.getItem("a"), session.getItem("a")]).toEqual(["1", "2"]);
    deviceStorage.remove("a");
    expect(deviceStorage.get("a")).toBeNull();
    expect(tabStorage.get("a")).toBe("2");
  });

  it("never throws: not on the server, not when access is refused, not when storage is full", () => {
    expect(deviceStorage.get("a")).toBeNull();
    expect(tabStorage.set("a", "1")).toBe(false);
    browser(refusing(), refusing());
    expect(deviceStorage.get("a")).toBeNull();
    expect(deviceStorage.set("a", "1")).toBe(false);
    expect(() => tabStorage.remove("a")).not.toThrow();
    vi.stubGlobal("window", {
      get localStorage(): Storage {
        throw new DOMException("disabled", "SecurityError");
      },
    });
    expect(deviceStorage.get("a")).toBeNull();
    expect(deviceStorage.set("a", "1")).toBe(false);
  });
});

describe("what earlier visits stored still reads", () => {
  it("the name, the participant id and the choice to place, from this device", () => {
    browser(memoryStorage({ "cruxboard:name": " Ada ", "cruxboard:participant:board1": "p-earlier", "cruxboard:placing:board1": "1" }), memoryStorage());
    expect(rememberedName()).toBe("Ada");
    expect(participantIdFor("board1")).toBe("p-earlier");
    expect(chosePlacing("board1")).toBe(true);
    expect(chosePlacing("board2")).toBe(false);
  });

  it("the board key from this tab, and the links the creator kept on this device", () => {
    const links = { facilitate: "/b/board1?key=f", join: "/b/board1?key=p", view: "/b/board1?key=v" };
    browser(memoryStorage({ "cruxboard:links:board1": JSON.stringify(links) }), memoryStorage({ "cruxboard:key:board1": "k-earlier" }));
    expect(takeBoardKey("board1")).toBe("k-earlier");
    expect(recallBoardLinks("board1")).toEqual(links);
  });

  it("works without storage, for this page only", () => {
    browser(refusing(), refusing());
    expect(() => rememberName("Ada")).not.toThrow();
    expect(rememberedName()).toBeNull();
    expect(participantIdFor("board1")).toMatch(/^p-/);
    expect(recallBoardLinks("board1")).toBeNull();
  });
});

describe("after the facilitator replaced a link or deleted a board", () => {
  const recent = (key: string, role: string) =>
    JSON.stringify([{ id: "board1", title: "Retro", key, role, openedAt: 1_700_000_000_000 }]);
  const links = { facilitate: "/b/board1?key=F", join: "/b/board1?key=P", view: "/b/board1?key=V" };

  it("keeps the new links and forgets only the key that was replaced", () => {
    const local = memoryStorage({ "cruxboard:recent": recent("F", "facilitator") });
    const session = memoryStorage({ "cruxboard:key:board1": "P", "cruxboard:present-key:board1": "V" });
    browser(local, session);
    const kept = rememberReplacedLinks("board1", links, {
      keys: { facilitator: "F", participant: "P2", viewer: null },
      links: { facilitate: "/b/board1?key=F", join: "/b/board1?key=P2", view: null },
    });
    // A link the server did not give back stays as it was.
    expect(kept).toEqual({ ...links, join: "/b/board1?key=P2" });
    expect(recallBoardLinks("board1")).toEqual(kept);

    forgetReplacedKey("board1", "P");
    expect(session.getItem("cruxboard:key:board1")).toBeNull();
    expect(session.getItem("cruxboard:present-key:board1")).toBe("V");
    // The facilitator's own key in this browser's recent boards stays.
    expect(local.getItem("cruxboard:recent")).toBe(recent("F", "facilitator"));
    expect(recallBoardLinks("board1")).toEqual(kept);
  });

  it("forgets a recent board whose key was the one replaced", () => {
    const local = memoryStorage({ "cruxboard:recent": recent("P", "participant") });
    browser(local, memoryStorage());
    forgetReplacedKey("board1", "P");
    expect(local.getItem("cruxboard:recent")).toBeNull();
  });

  it("forgets everything of a deleted board, and the home page hears of it once", () => {
    const local = memoryStorage({ "cruxboard:recent": recent("F", "facilitator"), "cruxboard:links:board1": JSON.stringify(links) });
    const session = memoryStorage({ "cruxboard:key:board1": "F" });
    browser(local, session);
    forgetDeletedBoard("board1", "Retro");
    expect(local.getItem("cruxboard:recent")).toBeNull();
    expect(recallBoardLinks("board1")).toBeNull();
    expect(session.getItem("cruxboard:key:board1")).toBeNull();
    expect(takeDeletedBoardTitle()).toBe("Retro");
    expect(takeDeletedBoardTitle()).toBeNull();
  });
});
