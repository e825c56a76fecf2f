import { describe, expect, it } from "vitest";
import * as wsModule from "ws";
import { binaryFrame } from "../../server/sync/ws-transport";

describe("binaryFrame", () => {
  it("writes the same bytes as ws for every length class", () => {
    for (const n of [0, 1, 125, 126, 127, 65535, 65536, 200_000]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31) & 0xff);
      const sender = (wsModule as unknown as { Sender: { frame(d: Buffer, o: object): Buffer[] } }).Sender;
      const parts = sender.frame(Buffer.from(data), {
        fin: true,
        opcode: 2,
        mask: false,
        readOnly: false,
        rsv1: false,
      });
      expect(binaryFrame(data).equals(Buffer.concat(parts)), `length ${n}`).toBe(true);
    }
  });
});
