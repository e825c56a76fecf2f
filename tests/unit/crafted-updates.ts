import * as encoding from "lib0/encoding";

/** Hand-built Yjs v1 updates, for inputs no honest client produces. */
export interface CraftedItem {
  client: number;
  clock: number;
  origin?: [number, number];
  rightOrigin?: [number, number];
  /** Root name, when the item has no origin. */
  parent?: string;
  parentSub?: string;
  values: unknown[];
}

export function craftUpdate(items: CraftedItem[], gcs: Array<{ client: number; clock: number; len: number }> = []): Uint8Array {
  const byClient = new Map<number, Array<CraftedItem | { gc: true; client: number; clock: number; len: number }>>();
  for (const it of items) byClient.set(it.client, [...(byClient.get(it.client) ?? []), it]);
  for (const g of gcs) byClient.set(g.client, [...(byClient.get(g.client) ?? []), { gc: true, ...g }]);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, byClient.size);
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.clock - b.clock);
    encoding.writeVarUint(e, list.length);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, list[0]!.clock);
    for (const s of list) {
      if ("gc" in s) {
        encoding.writeUint8(e, 0);
        encoding.writeVarUint(e, s.len);
        continue;
      }
      const info = 8 | (s.origin ? 0x80 : 0) | (s.rightOrigin ? 0x40 : 0) | (!s.origin && !s.rightOrigin && s.parentSub ? 0x20 : 0);
      encoding.writeUint8(e, info);
      if (s.origin) {
        encoding.writeVarUint(e, s.origin[0]);
        encoding.writeVarUint(e, s.origin[1]);
      }
      if (s.rightOrigin) {
        encoding.writeVarUint(e, s.rightOrigin[0]);
        encoding.writeVarUint(e, s.rightOrigin[1]);
      }
      if (!s.origin && !s.rightOrigin) {
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, s.parent ?? "items");
        if (s.parentSub) encoding.writeVarString(e, s.parentSub);
      }
      encoding.writeVarUint(e, s.values.length);
      for (const v of s.values) encoding.writeAny(e, v as never);
    }
  }
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}
