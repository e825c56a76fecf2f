/*
 * The browser's storage, reached only through here. Storage can be missing
 * (server rendering), disabled (private modes, policies) or full, and any
 * access to it may throw; a value that cannot be kept then lasts for this page
 * only, which every caller is written to live with. So nothing here throws.
 */

/** Values in one storage area, by name. */
interface SafeStorage {
  get(name: string): string | null;
  /** False when the value could not be kept. */
  set(name: string, value: string): boolean;
  remove(name: string): void;
}

function safeStorage(area: () => Storage): SafeStorage {
  const attempt = <T>(act: (storage: Storage) => T, otherwise: T): T => {
    try {
      return typeof window === "undefined" ? otherwise : act(area());
    } catch {
      return otherwise;
    }
  };
  return {
    get: (name) => attempt((s) => s.getItem(name), null),
    set: (name, value) => attempt((s) => (s.setItem(name, value), true), false),
    remove: (name) => attempt((s) => s.removeItem(name), undefined),
  };
}

/** Kept on this device across visits: the name, participant ids, recent boards and their keys. */
export const deviceStorage = safeStorage(() => window.localStorage);

/** Kept for this tab only, through reloads: keys taken out of the address bar. */
export const tabStorage = safeStorage(() => window.sessionStorage);
