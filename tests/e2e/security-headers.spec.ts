import fs from "node:fs";
import { expect, test, type Page, type Response } from "@playwright/test";
import { cell, focusedTrayItem, tray } from "./placing-support";

/*
 * The pages under their Content-Security-Policy, in a real Chromium: every script the page runs
 * carries the response's nonce, the pages hydrate and work (creating a board, placing a note, the
 * presenter's QR code, a picture drawn in the page, copying a link), and the browser reports no
 * violation of the policy anywhere on the way.
 */

/** Collects every CSP violation the page reports, as events and as console messages. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  });
  return async () => {
    const events = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
    return [...events, ...console];
  };
}

/** The nonce of the response's policy, after checking the policy's shape. */
function nonceOf(response: Response | null): string {
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'(;|$)/.exec(policy)?.[1];
  expect(nonce, policy).toBeDefined();
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toMatch(/connect-src 'self'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  return nonce!;
}

/**
 * Every script the server wrote into the page carries the nonce, and every script running in it is
 * either one of those (the browser keeps the nonce in the `nonce` property) or a chunk from this
 * origin that Next.js's runtime loaded later.
 */
async function expectScriptsCarry(page: Page, response: Response | null, nonce: string) {
  const html = await response!.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(1);
  expect(tags.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);
  const origin = new URL(page.url()).origin;
  const scripts = await page.evaluate(() => Array.from(document.scripts, (s) => ({ src: s.src, nonce: s.nonce })));
  expect(scripts.filter((s) => (s.src ? new URL(s.src).origin !== origin : s.nonce !== nonce))).toEqual([]);
}

test("pages run under a nonce policy, hydrate and work, and no violation is reported", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  try {
    const page = await context.newPage();
    const violations = await watchViolations(page);

    const home = await page.goto("/");
    const homeNonce = nonceOf(home);
    await expectScriptsCarry(page, home, homeNonce);
    // Hydrated: the form is React's, and creating the board goes through it.
    await page.getByLabel("Board title").fill("Under a strict policy");
    await page.getByRole("button", { name: "Create board" }).click();
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Under a strict policy");

    // Reloaded, the board page gets a policy of its own with a fresh nonce.
    const boardResponse = await page.reload();
    const boardNonce = nonceOf(boardResponse);
    expect(boardNonce).not.toBe(homeNonce);
    await expectScriptsCarry(page, boardResponse, boardNonce);
    await expect(page.getByRole("status")).toHaveText("Live");

    // Copying a link still works (clipboard-write is left to this origin).
    const link = await page.getByRole("textbox", { name: "Participant link" }).inputValue();
    await page.getByRole("button", { name: "Copy participant link" }).first().click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // Placing a note, from the keyboard: the facilitator places too.
    await page.getByRole("button", { name: "I’m placing too" }).click();
    await page.getByLabel("Your name").fill("Ada");
    await page.getByRole("button", { name: "Start placing" }).click();
    await expect(tray(page)).toBeVisible();
    await tray(page).getByRole("button").first().focus();
    const item = (await focusedTrayItem(page))!;
    expect(item).not.toBeNull();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect(cell(page, 1, 1).locator(`[data-note="${item}"]`)).toBeVisible();

    // A picture drawn in the page (an SVG rasterized through a blob: image) downloads.
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download PNG" }).first().click();
    const png = fs.readFileSync(await (await downloading).path());
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");

    // The presenter view and its QR code.
    const popup = page.waitForEvent("popup");
    await page.getByRole("link", { name: "Open the presenter view" }).click();
    const projector = await popup;
    const projectorViolations = await watchViolations(projector);
    await projector.reload();
    await expect(projector.getByRole("status")).toHaveText("Live");
    await expect(projector.getByRole("img", { name: "QR code of the join link" })).toBeVisible();

    expect(await violations()).toEqual([]);
    expect(await projectorViolations()).toEqual([]);
  } finally {
    await context.close();
  }
});

test("the join page, an unknown page and the API answer with their policies", async ({ page, request }) => {
  const violations = await watchViolations(page);
  const join = await page.goto("/join");
  await expectScriptsCarry(page, join, nonceOf(join));
  await page.getByRole("textbox").first().fill("XXXXXX");
  await expect(page.getByRole("textbox").first()).toHaveValue("XXXXXX");
  const missing = await page.goto("/no-such-page");
  expect(missing!.status()).toBe(404);
  nonceOf(missing);
  expect(await violations()).toEqual([]);
  // zod was told, before it loaded, not to probe for eval.
  expect(await page.evaluate(() => (globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig?.jitless)).toBe(true);
  // The watch sees a violation when there is one: an inline script without the nonce is refused.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.ranWithoutNonce = true";
    document.body.append(script);
  });
  await expect.poll(violations).toEqual([expect.stringMatching(/script-src/), expect.stringMatching(/Content Security Policy/)]);
  expect(await page.evaluate(() => (window as { ranWithoutNonce?: boolean }).ranWithoutNonce)).toBeUndefined();

  const api = await request.get("/healthz");
  expect(api.headers()["content-security-policy"]).toMatch(/^default-src 'none';/);
  expect(api.headers()["referrer-policy"]).toBe("no-referrer");
});
