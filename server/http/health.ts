import type { Bus } from "../bus/types";
import type { DocStore } from "../storage/types";

/** How long the store may take to answer before /healthz counts it as down. */
const PING_TIMEOUT_MS = 2000;

/**
 * Which dependencies are down right now, by name ("postgres", "redis", …); empty when all answer.
 * Checks running at once share one answer, so a busy balancer costs one ping.
 */
export function createHealthCheck(store: DocStore, bus: Bus): () => Promise<string[]> {
  let running: Promise<string[]> | null = null;
  const check = async (): Promise<string[]> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("no answer")), PING_TIMEOUT_MS);
    });
    const storeDown = await Promise.race([store.ping(), timeout]).then(
      () => false,
      () => true,
    );
    clearTimeout(timer);
    return [...(storeDown ? [store.name] : []), ...bus.down()];
  };
  return () => {
    running ??= check().finally(() => (running = null));
    return running;
  };
}
