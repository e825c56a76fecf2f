import { describe, expect, it } from "vitest";
import { MessageRate } from "../../server/sync/message-rate";

const UPDATE = new Uint8Array([0, 2, 0]);
const AWARENESS = new Uint8Array([1, 0]);
const limits = { messagesPerSecond: 10, messageBurst: 5, awarenessPerSecond: 2, awarenessBurst: 2 };

describe("MessageRate", () => {
  it("lets a burst through at once, then the steady rate", () => {
    const rate = new MessageRate(limits, 0);
    for (let i = 0; i < 5; i++) expect(rate.admit(UPDATE, 0)).toBeNull();
    expect(rate.admit(UPDATE, 0)).toBe("ws-messages");
    // 10 a second: one more every 100 ms, never more than the burst.
    expect(rate.admit(UPDATE, 100)).toBeNull();
    expect(rate.admit(UPDATE, 150)).toBe("ws-messages");
    expect(rate.admit(UPDATE, 200)).toBeNull();
    const rested = new MessageRate(limits, 0);
    for (let i = 0; i < 5; i++) rested.admit(UPDATE, 0);
    for (let i = 0; i < 5; i++) expect(rested.admit(UPDATE, 60_000)).toBeNull();
    expect(rested.admit(UPDATE, 60_000)).toBe("ws-messages");
  });

  it("counts presence apart, and within every message", () => {
    const rate = new MessageRate(limits, 0);
    expect(rate.admit(AWARENESS, 0)).toBeNull();
    expect(rate.admit(AWARENESS, 0)).toBeNull();
    expect(rate.admit(AWARENESS, 0)).toBe("ws-awareness");
    expect(rate.admit(UPDATE, 0)).toBeNull();
    expect(rate.admit(AWARENESS, 500)).toBeNull();
  });
});
