import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { takeBoardKey } from "../../lib/client/session/board-keys";
import {
  RECENT_BOARDS_MAX,
  RECENT_BOARDS_STORAGE_KEY,
  forgetRecentBoard,
  recentBoards,
  recentKeyFor,
  recordRecentBoard,
  subscribeRecentBoards,
  type RecentBoard,
} from "../../lib/client/session/recent-boards";

class MemoryStorage implements Storage {
  private values = new Map<string, string>();
  get length() {
    return this.values.size;
  }
  clear() {
    this.values.clear();
  }
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  key(index: number) {
    return [...this.values.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
  setItem(key: string, value: string) {
    this.values.set(key, String(value));
  }
}

type StorageListener = (event: Pick<StorageEvent, "key">) => void;

/** Just enough of `window` for the store and takeBoardKey, in vitest's node environment. */
function fakeWindow(href = "http://localhost/") {
  const storageListeners = new Set<StorageListener>();
  const win = {
    localStorage: new MemoryStorage() as Storage,
    sessionStorage: new MemoryStorage() as Storage,
    location: { href },
    history: { state: null, replaceState: vi.fn() },
    addEventListener: vi.fn((type: string, fn: StorageListener) => {
      if (type === "storage") storageListeners.add(fn);
    }),
    removeEventListener: vi.fn((type: string, fn: StorageListener) => {
      if (type === "storage") storageListeners.delete(fn);
    }),
    /** What another tab's write looks like from here. */
    otherTabWrote(key: string | null) {
      for (const fn of [...storageListeners]) fn({ key });
    },
    storageListeners,
  };
  return win;
}

let win: ReturnType<typeof fakeWindow>;
const globals = globalThis as { window?: unknown };

beforeEach(() => {
  win = fakeWindow();
  globals.window = win;
});

afterEach(() => {
  delete globals.window;
  vi.restoreAllMocks();
});

const T0 = Date.UTC(2025, 0, 1);
const entry = (id: string, over: Partial<RecentBoard> = {}): RecentBoard => ({
  id,
  title: `Board ${id}`,
  key: `key-${id}`,
  role: "participant",
  openedAt: T0,
  ...over,
});
const stored = () => win.localStorage.getItem(RECENT_BOARDS_STORAGE_KEY);

describe("recent boards store", () => {
  it("is empty at first and remembers boards newest first", () => {
    expect(recentBoards()).toEqual([]);
    expect(recordRecentBoard(entry("a", { openedAt: T0 }))).toBe(true);
    recordRecentBoard(entry("b", { openedAt: T0 + 1000 }));
    expect(recentBoards().map((b) => b.id)).toEqual(["b", "a"]);
    expect(JSON.parse(stored()!)).toHaveLength(2);
  });

  it("keeps at most the newest twelve", () => {
    for (let i = 0; i < RECENT_BOARDS_MAX + 3; i++) recordRecentBoard(entry(`b${i}`, { openedAt: T0 + i }));
    const ids = recentBoards().map((b) => b.id);
    expect(ids).toHaveLength(RECENT_BOARDS_MAX);
    expect(ids[0]).toBe(`b${RECENT_BOARDS_MAX + 2}`);
    expect(ids).not.toContain("b2");
    expect(ids).toContain("b3");
  });

  it("keeps one entry per board and moves a revisited board to the top with its new title", () => {
    recordRecentBoard(entry("a", { openedAt: T0 }));
    recordRecentBoard(entry("b", { openedAt: T0 + 1 }));
    recordRecentBoard(entry("a", { openedAt: T0 + 2, title: "Renamed" }));
    expect(recentBoards().map((b) => [b.id, b.title])).toEqual([
      ["a", "Renamed"],
      ["b", "Board b"],
    ]);
  });

  it("never trades a stronger key for a weaker one", () => {
    recordRecentBoard(entry("a", { role: "facilitator", key: "fac", openedAt: T0 }));
    recordRecentBoard(entry("a", { role: "viewer", key: "view", openedAt: T0 + 5, title: "Later" }));
    expect(recentBoards()).toEqual([entry("a", { role: "facilitator", key: "fac", openedAt: T0 + 5, title: "Later" })]);
    recordRecentBoard(entry("a", { role: "participant", key: "part", openedAt: T0 + 6 }));
    expect(recentKeyFor("a")).toBe("fac");
  });

  it("takes a stronger key, and a newer key of the same role", () => {
    recordRecentBoard(entry("a", { role: "viewer", key: "view", openedAt: T0 }));
    recordRecentBoard(entry("a", { role: "participant", key: "part", openedAt: T0 + 1 }));
    expect(recentBoards()[0]).toMatchObject({ role: "participant", key: "part" });
    recordRecentBoard(entry("a", { role: "participant", key: "part2", openedAt: T0 + 2 }));
    expect(recentBoards()[0]).toMatchObject({ role: "participant", key: "part2" });
    recordRecentBoard(entry("a", { role: "facilitator", key: "fac", openedAt: T0 + 3 }));
    expect(recentBoards()).toEqual([entry("a", { role: "facilitator", key: "fac", openedAt: T0 + 3 })]);
  });

  it("refuses an invalid entry without touching the list", () => {
    recordRecentBoard(entry("a"));
    const before = stored();
    expect(recordRecentBoard(entry("b", { role: "owner" as RecentBoard["role"] }))).toBe(false);
    expect(recordRecentBoard(entry("../x"))).toBe(false);
    expect(recordRecentBoard(entry("c", { title: "x".repeat(121) }))).toBe(false);
    expect(recordRecentBoard(entry("d", { key: "" }))).toBe(false);
    expect(stored()).toBe(before);
  });

  it("skips invalid stored entries and keeps the valid ones", () => {
    win.localStorage.setItem(
      RECENT_BOARDS_STORAGE_KEY,
      JSON.stringify([
        entry("good1", { openedAt: T0 }),
        null,
        "board",
        { ...entry("norole"), role: "admin" },
        { ...entry("nokey"), key: undefined },
        { ...entry("badtime"), openedAt: "yesterday" },
        { ...entry("__proto__") },
        entry("good2", { openedAt: T0 + 1 }),
        // An older duplicate that slipped in: the newer one wins.
        entry("good2", { openedAt: T0 - 1, key: "stale" }),
      ]),
    );
    expect(recentBoards().map((b) => [b.id, b.key])).toEqual([
      ["good2", "key-good2"],
      ["good1", "key-good1"],
    ]);
  });

  it.each([["{not json"], ["42"], ['"text"'], ["{}"], ["null"], ["[]"]])("reads %j as an empty list", (raw) => {
    win.localStorage.setItem(RECENT_BOARDS_STORAGE_KEY, raw);
    expect(recentBoards()).toEqual([]);
    expect(recentKeyFor("a")).toBeNull();
    // Recording over garbage replaces it with a valid list.
    recordRecentBoard(entry("a"));
    expect(recentBoards().map((b) => b.id)).toEqual(["a"]);
  });

  it("answers the same array until the stored value changes", () => {
    recordRecentBoard(entry("a"));
    const first = recentBoards();
    expect(recentBoards()).toBe(first);
    recordRecentBoard(entry("b", { openedAt: T0 + 1 }));
    expect(recentBoards()).not.toBe(first);
  });

  it("forgets a board, and clears the storage key with the last one", () => {
    recordRecentBoard(entry("a"));
    recordRecentBoard(entry("b", { openedAt: T0 + 1 }));
    forgetRecentBoard("a");
    expect(recentBoards().map((b) => b.id)).toEqual(["b"]);
    expect(recentKeyFor("a")).toBeNull();
    forgetRecentBoard("unknown");
    expect(recentBoards().map((b) => b.id)).toEqual(["b"]);
    forgetRecentBoard("b");
    expect(recentBoards()).toEqual([]);
    expect(stored()).toBeNull();
  });

  it("finds the key for a board", () => {
    recordRecentBoard(entry("a", { key: "secret-a" }));
    expect(recentKeyFor("a")).toBe("secret-a");
    expect(recentKeyFor("b")).toBeNull();
  });
});

describe("when storage is unavailable", () => {
  it("reads as empty and ignores writes on the server, where there is no window", () => {
    delete globals.window;
    expect(recentBoards()).toEqual([]);
    expect(recentKeyFor("a")).toBeNull();
    expect(recordRecentBoard(entry("a"))).toBe(true);
    expect(() => forgetRecentBoard("a")).not.toThrow();
    const unsubscribe = subscribeRecentBoards(() => {});
    expect(unsubscribe).not.toThrow();
  });

  it("never throws when the browser refuses access to localStorage", () => {
    Object.defineProperty(win, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
    expect(recentBoards()).toEqual([]);
    expect(() => recordRecentBoard(entry("a"))).not.toThrow();
    expect(() => forgetRecentBoard("a")).not.toThrow();
    expect(recentKeyFor("a")).toBeNull();
  });

  it("never throws when reads and writes fail, and tells no listener about a write that did not happen", () => {
    const listener = vi.fn();
    const unsubscribe = subscribeRecentBoards(listener);
    vi.spyOn(win.localStorage, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    expect(() => recordRecentBoard(entry("a"))).not.toThrow();
    expect(listener).not.toHaveBeenCalled();
    vi.spyOn(win.localStorage, "getItem").mockImplementation(() => {
      throw new DOMException("disabled", "SecurityError");
    });
    expect(recentBoards()).toEqual([]);
    unsubscribe();
  });
});

describe("subscribing", () => {
  it("tells listeners about changes in this page, until they unsubscribe", () => {
    const listener = vi.fn();
    const unsubscribe = subscribeRecentBoards(listener);
    recordRecentBoard(entry("a"));
    forgetRecentBoard("a");
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    recordRecentBoard(entry("b"));
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("tells listeners about another tab's writes to this list only", () => {
    const listener = vi.fn();
    const unsubscribe = subscribeRecentBoards(listener);
    win.otherTabWrote("cruxboard:key:abc");
    expect(listener).not.toHaveBeenCalled();
    win.otherTabWrote(RECENT_BOARDS_STORAGE_KEY);
    win.otherTabWrote(null);
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
  });

  it("listens to the storage event once, and only while someone subscribes", () => {
    const first = subscribeRecentBoards(() => {});
    const second = subscribeRecentBoards(() => {});
    expect(win.addEventListener).toHaveBeenCalledTimes(1);
    first();
    first();
    expect(win.storageListeners.size).toBe(1);
    second();
    expect(win.storageListeners.size).toBe(0);
    expect(win.removeEventListener).toHaveBeenCalledTimes(1);
  });
});

describe("takeBoardKey", () => {
  it("falls back to the remembered key and keeps it for this tab", () => {
    win.location.href = "http://localhost/b/abc";
    recordRecentBoard(entry("abc", { key: "remembered" }));
    expect(takeBoardKey("abc")).toBe("remembered");
    expect(win.sessionStorage.getItem("cruxboard:key:abc")).toBe("remembered");
    expect(win.history.replaceState).not.toHaveBeenCalled();
  });

  it("prefers this tab's key, and then the one in the link, over the remembered one", () => {
    recordRecentBoard(entry("abc", { key: "remembered" }));
    win.sessionStorage.setItem("cruxboard:key:abc", "from-session");
    win.location.href = "http://localhost/b/abc";
    expect(takeBoardKey("abc")).toBe("from-session");
    win.location.href = "http://localhost/b/abc?key=from-link";
    expect(takeBoardKey("abc")).toBe("from-link");
    expect(win.history.replaceState).toHaveBeenCalledWith(null, "", "/b/abc");
  });

  it("has no key for a board this browser never opened", () => {
    win.location.href = "http://localhost/b/abc";
    expect(takeBoardKey("abc")).toBeNull();
    expect(win.sessionStorage.getItem("cruxboard:key:abc")).toBeNull();
  });
});
