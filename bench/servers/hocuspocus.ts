import { Server } from "@hocuspocus/server";
import { announceReady, exitWith, fail } from "./common";

/** Reference: Hocuspocus v4 with default batching and no extensions (no persistence). */
async function main(): Promise<void> {
  const server = new Server({ port: 0, address: "127.0.0.1", quiet: true, stopOnSignals: false });
  await server.listen();
  announceReady(server.address.port);
  exitWith(() => server.destroy());
}

main().catch(fail);
