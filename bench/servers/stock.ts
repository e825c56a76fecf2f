import http from "node:http";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";
import { announceReady, exitWith, fail } from "./common";

/** Reference: the stock y-websocket server, in memory, no persistence. */
function main(): void {
  const httpServer = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok");
  });
  const wss = new WebSocketServer({ noServer: true });
  wss.on("connection", (conn, req) => setupWSConnection(conn, req));
  httpServer.on("upgrade", (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (conn) => wss.emit("connection", conn, req));
  });
  httpServer.listen(0, "127.0.0.1", () => {
    const addr = httpServer.address();
    if (addr === null || typeof addr === "string") fail(new Error("no TCP address"));
    announceReady(addr.port);
  });
  exitWith(
    () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        httpServer.close(() => resolve());
      }),
  );
}

main();
