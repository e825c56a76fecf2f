import type { DocStore } from "../../server/storage/types";

/**
 * The real SQLite store, with a valve: while it is held, the next write waits inside the store, so a
 * test can look at what clients have been sent while a turn is written and not yet durable.
 */
export function storeWithValve(inner: DocStore) {
  let valve: { open: () => void; shut: Promise<void> } | null = null;
  let entered: (() => void) | null = null;
  let durableWrites = 0;
  const store: DocStore = {
    ...inner,
    async appendBatch(entries) {
      const held = valve;
      if (held) {
        entered?.();
        await held.shut;
      }
      const seqs = await inner.appendBatch(entries);
      durableWrites++;
      return seqs;
    },
  };
  return {
    store,
    get durableWrites() {
      return durableWrites;
    },
    /** Holds the next write; resolves once a write is waiting at the valve. */
    hold(): Promise<void> {
      let open = () => {};
      const shut = new Promise<void>((resolve) => (open = resolve));
      valve = { open, shut };
      return new Promise<void>((resolve) => (entered = resolve));
    },
    release(): void {
      valve?.open();
      valve = null;
      entered = null;
    },
  };
}
