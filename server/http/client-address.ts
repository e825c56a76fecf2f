import type { IncomingMessage } from "node:http";

/**
 * The address a request came from, for per-address limits. Behind `hops` trusted proxies it is
 * the entry the outermost of them appended to X-Forwarded-For: a client can put anything in the
 * header, but only entries to the right of what it sent were written by our proxies.
 */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const socketAddress = req.socket.remoteAddress ?? "unknown";
  if (hops <= 0) return socketAddress;
  const header = req.headers["x-forwarded-for"];
  const entries = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  // Fewer entries than proxies: a request that did not come through them all; trust only the socket.
  return entries.length >= hops ? withoutPort(entries[entries.length - hops]!) : socketAddress;
}

/**
 * Some balancers append "address:port" ("203.0.113.7:40001", "[2001:db8::1]:40001"): the port is the
 * client's source port, which it may change at will, so only the address is counted.
 */
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4 ? v4[1]! : entry;
}
