import type { Role } from "../../board/schema";
import { deviceStorage } from "./storage";

/*
 * A board's copy in this browser's IndexedDB, kept so that changes made while
 * the server cannot be reached survive a reload or a closed tab
 * (lib/board/local-copy.ts writes it). Only links that write keep one, each
 * role in a database of its own, so what one link did offline is only ever
 * sent again under that same link's role. Viewers keep nothing.
 */

/** The roles whose links keep a copy of the board on the device. */
export type KeepingRole = Exclude<Role, "viewer">;
const KEEPING_ROLES: readonly KeepingRole[] = ["facilitator", "participant"];

export const localCopyName = (boardId: string, role: KeepingRole) => `cruxboard:board:${boardId}:${role}`;

const unsentName = (copy: string) => `cruxboard:unsent:${copy}`;

/**
 * The Yjs client id under which edits in a copy wait to be sent, or null when none wait. The
 * server lets one connection write under one client id only, so a visit that finds such edits
 * writes under their id again rather than drawing a new one (lib/board/connection.ts). Kept in
 * localStorage, not in the copy, so a page can tell before opening the copy whether to wait for it.
 */
export function unsentEditsIn(copy: string): number | null {
  const id = Number(deviceStorage.get(unsentName(copy)) ?? NaN);
  return Number.isSafeInteger(id) && id >= 0 && id < 2 ** 32 ? id : null;
}

export function recordUnsentEdits(copy: string, clientId: number | null): void {
  if (clientId === null) deviceStorage.remove(unsentName(copy));
  else deviceStorage.set(unsentName(copy), String(clientId));
}

/** Whether a link of this role keeps a copy on the device. */
export const keepsLocalCopy = (role: Role): role is KeepingRole => role !== "viewer";

/**
 * Deletes every copy of a board this browser keeps: on "Forget", and when the server says the
 * board is gone. Never throws; a copy that cannot be deleted now (storage disabled, a tab still
 * holding it open) is deleted by the browser as soon as that tab lets go.
 */
export async function forgetLocalCopies(boardId: string): Promise<void> {
  for (const role of KEEPING_ROLES) deviceStorage.remove(unsentName(localCopyName(boardId, role)));
  if (typeof indexedDB === "undefined") return;
  await Promise.all(
    KEEPING_ROLES.map(
      (role) =>
        new Promise<void>((resolve) => {
          try {
            const request = indexedDB.deleteDatabase(localCopyName(boardId, role));
            request.onsuccess = request.onerror = () => resolve();
            // Another tab has it open: the deletion waits for that tab and needs nothing more from here.
            request.onblocked = () => resolve();
          } catch {
            resolve();
          }
        }),
    ),
  );
}
