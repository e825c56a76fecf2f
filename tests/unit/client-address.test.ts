import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress } from "../../server/http/client-address";

const request = (remoteAddress: string, forwarded?: string | string[]) =>
  ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded } }) as unknown as IncomingMessage;

describe("clientAddress", () => {
  it("uses the socket's address when no proxy is trusted, whatever the header says", () => {
    expect(clientAddress(request("10.0.0.9", "1.2.3.4"), 0)).toBe("10.0.0.9");
  });

  it("takes the entry the trusted proxy appended, not one the client wrote before it", () => {
    expect(clientAddress(request("10.0.0.2", "203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(request("10.0.0.2", "6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(request("10.0.0.2", ["6.6.6.6", "198.51.100.1, 10.0.0.3"]), 2)).toBe("198.51.100.1");
  });

  it("falls back to the socket when the request did not pass through every trusted proxy", () => {
    expect(clientAddress(request("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(clientAddress(request("10.0.0.2", "203.0.113.7"), 2)).toBe("10.0.0.2");
  });
});
