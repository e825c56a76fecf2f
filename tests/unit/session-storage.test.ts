import { afterEach, describe, expect, it, vi } from "vitest";
import { recallBoardLinks, takeBoardKey } from "../../lib/client/session/board-keys";
import { chosePlacing, participantIdFor, rememberName, rememberedName } from "../../lib/client/session/identity";
import { deviceStorage, tabStorage } from "../../lib/client/session/storage";

/** Storage as a browser keeps it: a plain map of strings, in vitest's node environment. */
function memoryStorage(values: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(values));
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

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
