import net from "node:net";

/**
 * A TCP proxy in front of one service (Postgres in the outage tests). `cut()` makes the
 * service unreachable the way a network partition or a stopped server would look to the
 * nodes: every open connection is dropped and new ones are refused, because the listening
 * socket itself is closed. `restore()` listens again on the same port, so connection strings
 * handed out before the cut keep working afterwards.
 */
export interface TcpProxy {
  readonly port: number;
  /** Connections accepted and piped to the target since the proxy started. */
  readonly accepted: number;
  /** Connections open right now. */
  readonly open: number;
  readonly isCut: boolean;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export interface Target {
  host: string;
  port: number;
}

export async function startTcpProxy(target: Target, host = "127.0.0.1"): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let accepted = 0;
  let server = await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  let isCut = false;

  function onConnection(client: net.Socket): void {
    accepted++;
    // Bytes the client sends before the upstream connects must wait, not be lost.
    client.pause();
    const upstream = net.connect({ host: target.host, port: target.port });
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    upstream.once("connect", () => {
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }

  function listen(onPort: number): Promise<net.Server> {
    return new Promise((resolve, reject) => {
      const s = net.createServer(onConnection);
      s.once("error", reject);
      s.listen(onPort, host, () => {
        s.off("error", reject);
        resolve(s);
      });
    });
  }

  function dropAll(): void {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  }

  const closeListener = () => new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    port,
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    get isCut() {
      return isCut;
    },
    async cut() {
      if (isCut) return;
      isCut = true;
      const closed = closeListener();
      dropAll();
      await closed;
    },
    async restore() {
      if (!isCut) return;
      server = await listen(port);
      isCut = false;
    },
    async close() {
      dropAll();
      if (!isCut) await closeListener();
      isCut = true;
    },
  };
}
