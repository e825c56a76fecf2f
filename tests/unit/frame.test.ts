import { describe, expect, it } from "vitest";
import * as wsModule from "ws";
import { binaryFrame, fitCloseReason } from "../../server/sync/ws-transport";

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

describe("fitCloseReason", () => {
  it("keeps a reason a close frame holds, and cuts a longer one at a character boundary within 123 bytes", () => {
    expect(fitCloseReason("the board is full")).toBe("the board is full");
    const exact = "x".repeat(123);
    expect(fitCloseReason(exact)).toBe(exact);
    const long = `update refused: this connection has no seat: take one with POST /api/boards/${"b".repeat(22)}/seats and connect with it`;
    const fitted = fitCloseReason(long);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(123);
    expect(fitted.endsWith("…")).toBe(true);
    expect(long.startsWith(fitted.slice(0, -1))).toBe(true);
    const wide = "ü".repeat(100);
    const cut = fitCloseReason(wide);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(123);
    expect(cut).toMatch(/^ü+…$/);
  });
});
