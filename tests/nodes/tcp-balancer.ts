import net from "node:net";
import type { Target } from "./tcp-proxy";

/**
 * A round-robin TCP load balancer without sticky sessions, as the design allows in front of
 * the nodes. Each new connection goes to the next backend in turn; a backend that refuses the
 * connection (a killed node) is skipped for the next one, so clients of a dead node land on a
 * live one when they reconnect. When either side of a piped connection closes, so does the
 * other: a killed node's clients see their websocket drop.
 */
export interface TcpBalancer {
  readonly port: number;
  readonly url: string;
  readonly wsUrl: string;
  /** Open client connections per backend port, right now. */
  openByBackend(): Map<number, number>;
  /** Backend ports in the order connections were handed to them. */
  readonly routed: readonly number[];
  /** Connections no backend would take. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startTcpBalancer(backends: readonly Target[], host = "127.0.0.1"): Promise<TcpBalancer> {
  if (backends.length === 0) throw new Error("a balancer needs at least one backend");
  const open = new Map<number, Set<net.Socket>>(backends.map((b) => [b.port, new Set()]));
  const routed: number[] = [];
  let refused = 0;
  let next = 0;

  /** Tries backends from `start`, each at most once; resolves with the first that accepts. */
  function connectFrom(start: number, tried = 0): Promise<{ socket: net.Socket; target: Target } | null> {
    if (tried === backends.length) return Promise.resolve(null);
    const target = backends[(start + tried) % backends.length]!;
    return new Promise((resolve) => {
      const socket = net.connect({ host: target.host, port: target.port });
      const onError = () => {
        socket.destroy();
        resolve(connectFrom(start, tried + 1));
      };
      socket.once("error", onError);
      socket.once("connect", () => {
        socket.off("error", onError);
        resolve({ socket, target });
      });
    });
  }

  const server = net.createServer((client) => {
    client.pause();
    client.on("error", () => client.destroy());
    const start = next;
    next = (next + 1) % backends.length;
    void connectFrom(start).then((picked) => {
      if (!picked) {
        refused++;
        client.destroy();
        return;
      }
      const { socket: upstream, target } = picked;
      if (client.destroyed) {
        upstream.destroy();
        return;
      }
      routed.push(target.port);
      const sockets = open.get(target.port)!;
      sockets.add(client);
      const drop = () => {
        sockets.delete(client);
        client.destroy();
        upstream.destroy();
      };
      client.on("close", drop);
      upstream.on("error", drop).on("close", drop);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}`,
    openByBackend: () => new Map([...open].map(([p, set]) => [p, set.size])),
    routed,
    get refused() {
      return refused;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const sockets of open.values()) for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
