import { expect, test } from "@playwright/test";
import { killHard, freePort, startAppServer, tempDataDir, type AppServer } from "./server-process";
import { createBoard } from "./support";
import { shotPath } from "./shots";

/*
 * A page whose connection goes over a per-connection limit (here a server that allows one message
 * a second, which a page's own handshake passes) says why, and comes back on its own after a
 * wait that grows, instead of reconnecting at once.
 */
test("a page closed with 4429 says why and reconnects on its own, later each time", async ({ browser, playwright }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const server: AppServer = await startAppServer(port, tempDataDir("limits"), 60_000, { WS_MESSAGES_PER_SECOND: "1", WS_MESSAGE_BURST: "2" });
  try {
    const api = await playwright.request.newContext({ baseURL: server.url });
    const board = await createBoard(api, { title: "Over the limit" });
    await api.dispose();
    for (const [name, options] of [
      ["desktop", { viewport: { width: 1280, height: 800 } }],
      ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
    ] as const) {
      const context = await browser.newContext(options);
      try {
        const page = await context.newPage();
        await page.goto(server.url + board.links.join);
        const notice = page.getByRole("alert").filter({ hasText: "The server closed the connection." });
        await expect(notice).toContainText("Too many messages from this connection (over 1 a second). Reconnecting on its own in 15 seconds.");
        await expect(notice.getByRole("button", { name: "Reconnect" })).toBeVisible();
        await page.screenshot({ path: shotPath(`limits-4429-${name}.png`) });
        if (name === "desktop") {
          // On its own, after the wait: over the limit again, so the next wait is longer.
          await expect(notice).toContainText("Reconnecting on its own in 30 seconds.", { timeout: 40_000 });
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await killHard(server);
  }
});
