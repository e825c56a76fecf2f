/** Storage as a browser keeps it: a plain map of strings (`map`, for tests that look inside), in vitest's node environment. */
export function memoryStorage(values: Record<string, string> = {}): Storage & { map: Map<string, string> } {
  const map = new Map(Object.entries(values));
  return {
    map,
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
