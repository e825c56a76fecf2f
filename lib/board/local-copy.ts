import { IndexeddbPersistence } from "y-indexeddb";
import type * as Y from "yjs";

/*
 * The board kept in this browser (IndexedDB, through y-indexeddb), so changes
 * made while the server cannot be reached survive a reload or a closed tab and
 * go out with the next sync.
 *
 * Two tabs keeping one copy could each write under the client id of the
 * other's unsent edits (lib/board/connection.ts), so only the tab holding the
 * copy's lock (Web Locks) keeps a copy at all; any other tab of the board works
 * as before, with its changes in the open page only.
 *
 * lib/board/connection.ts loads this module (and y-indexeddb with it) on demand.
 */

/** A copy that has not answered in this long is given up for this visit: the board opens without one. */
const OPEN_TIMEOUT_MS = 5000;
const LOCK_WAIT_MS = 1000;

export interface LocalCopy {
  /** Stops keeping the board: later changes are no longer written, the copy stays. */
  close(): void;
}

/**
 * Loads the copy named `name` into `doc` and keeps it up to date from then on. Null when there
 * is no copy to keep here: another tab holds it, or the browser offers no IndexedDB or Web Locks
 * (outside https and localhost, or when storage is disabled).
 */
export async function openLocalCopy(doc: Y.Doc, name: string): Promise<LocalCopy | null> {
  if (typeof indexedDB === "undefined" || typeof navigator === "undefined" || !navigator.locks) return null;
  const release = await holdLock(name);
  if (!release) return null;
  let persistence: IndexeddbPersistence | null = null;
  const stopWriting = () => void persistence?.destroy().catch(() => undefined);
  const close = () => {
    stopWriting();
    release();
  };
  try {
    persistence = new IndexeddbPersistence(name, doc);
    const opened = await withTimeout(
      // A database that cannot be opened rejects here; whenSynced alone would wait for ever.
      Promise.all([persistence._db, persistence.whenSynced]).then(() => true),
      OPEN_TIMEOUT_MS,
    ).catch(() => false);
    if (!opened || !persistence.db) {
      close();
      return null;
    }
    // Deleted elsewhere ("Forget" on the home page): stop writing, and let the deletion go through.
    persistence.db.onversionchange = stopWriting;
    return { close };
  } catch {
    close();
    return null;
  }
}

/**
 * Holds the exclusive lock `name` until the returned function is called; null when another tab
 * holds it. A page that has just let go of it (a reload, a remount) gets a moment to do so.
 */
function holdLock(name: string): Promise<(() => void) | null> {
  return new Promise((resolve) => {
    navigator.locks
      .request(name, { signal: AbortSignal.timeout(LOCK_WAIT_MS) }, () => new Promise<void>((letGo) => resolve(() => letGo())))
      .catch(() => resolve(null));
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
