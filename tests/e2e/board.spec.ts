import { expect, test, type WebSocketRoute } from "@playwright/test";
import { boardIdOf, connectParticipant, createBoard, expectNoSeriousA11yViolations, OFFLINE_KEPT_HERE } from "./support";

const ALIGNMENT_COLUMNS = ["Average-case", "Pessimistic-case", "Worst-case"];
const ALIGNMENT_ROWS = ["Engineering", "Behaviorist science", "Cognitivist science"];

test("creating a board through the form opens it live, with the key out of the address bar", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Board title").fill("Reading group, week 3");
  await page.getByRole("button", { name: "Create board" }).click();

  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/);
  expect(new URL(page.url()).search).toBe("");
  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reading group, week 3");
  await expect(page).toHaveTitle("Reading group, week 3 · Cruxboard");
  for (const label of ALIGNMENT_COLUMNS) await expect(page.getByRole("columnheader", { name: label })).toBeVisible();
  for (const label of ALIGNMENT_ROWS) await expect(page.getByRole("rowheader", { name: label })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Items/ })).toContainText("(9)");

  // The creator gets the links to hand out; each opens this board.
  const id = boardIdOf(page);
  await expect(page.getByRole("textbox", { name: "Participant link" })).toHaveValue(new RegExp(`/b/${id}\\?key=`));

  // A reload finds the key again in this tab's session.
  await page.reload();
  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reading group, week 3");
});

test("a blank board gets the rows and columns typed into the form, checked before it is sent", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("radio", { name: "Custom grid" }).check();
  const rows = page.getByRole("group", { name: /^Rows/ });
  const columns = page.getByRole("group", { name: /^Columns/ });
  // It starts as impact × effort; two is the least, so neither can lose one yet.
  await expect(rows.getByRole("textbox", { name: "Row 1", exact: true })).toHaveValue("High impact");
  await expect(rows.getByRole("button", { name: /^Remove row/ }).first()).toBeDisabled();

  await columns.getByRole("button", { name: "Add a column" }).click();
  await columns.getByRole("textbox", { name: "Column 3", exact: true }).fill("Unknown effort");
  await columns.getByRole("textbox", { name: "Hint for column 3 (optional)" }).fill("Nobody has estimated it yet");
  await rows.getByRole("textbox", { name: "Row 2", exact: true }).fill("");
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(rows.getByText("Give this row a name.")).toBeVisible();
  await expect(rows.getByRole("textbox", { name: "Row 2", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(rows.getByRole("textbox", { name: "Row 2", exact: true })).toBeFocused();
  await expect(page).toHaveURL(/\/$/);
  await expectNoSeriousA11yViolations(page);

  await rows.getByRole("textbox", { name: "Row 2", exact: true }).fill("High impact");
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(rows.getByText("Another row already has this name.")).toBeVisible();
  await rows.getByRole("textbox", { name: "Row 2", exact: true }).fill("Low impact");
  await page.getByRole("button", { name: "Create board" }).click();

  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Untitled board");
  for (const label of ["Low effort", "High effort", "Unknown effort"]) await expect(page.getByRole("columnheader", { name: label })).toBeVisible();
  for (const label of ["High impact", "Low impact"]) await expect(page.getByRole("rowheader", { name: label })).toBeVisible();
  await expect(page.getByRole("gridcell", { name: "Low impact, Unknown effort" })).toBeVisible();
  await expect(page.getByRole("grid")).toHaveAttribute("aria-colcount", "4");
  await expect(page.getByText("No items yet.")).toBeVisible();
});

test("a participant in another browser context sees the same board, and placements show up live", async ({ page, browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Shared session" });
  await page.goto(board.links.facilitate);
  await expect(page.getByRole("status")).toHaveText("Live");

  const other = await browser.newContext();
  try {
    const guest = await other.newPage();
    await guest.goto(board.links.join);
    await expect(guest.getByRole("status")).toHaveText("Live");
    await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Shared session");
    expect(new URL(guest.url()).search).toBe("");
    // Only the tab that created the board holds every link.
    await expect(guest.getByRole("textbox", { name: "Participant link" })).toHaveCount(0);

    const bot = await connectParticipant(baseURL!, board);
    try {
      bot.join("p-ada", "Ada", "#0ea5e9");
      bot.place("rlhf", "p-ada", 2.4, 0.5);
      for (const p of [page, guest]) {
        await expect(p.getByRole("gridcell", { name: "Engineering, Worst-case" })).toContainText("1 item placed here by the group");
        await expect(p.locator('[data-dot="rlhf:p-ada"]')).toHaveCount(1);
        await expect(p.getByRole("list", { name: "Most contested" })).toContainText("RLHF");
        await expect(p.getByText("1 participant", { exact: false })).toBeVisible();
      }
    } finally {
      bot.close();
    }
  } finally {
    await other.close();
  }
});

test("the status says when the connection drops and when it is back", async ({ page, request }) => {
  const board = await createBoard(request, { title: "Flaky network" });
  let reachable = true;
  const sockets = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/sync\//, (ws) => {
    if (!reachable) return ws.close({ code: 1001, reason: "unreachable (test)" });
    ws.connectToServer();
    sockets.add(ws);
  });
  await page.goto(board.links.facilitate);
  const status = page.getByRole("status");
  await expect(status).toHaveText("Live");

  reachable = false;
  for (const ws of sockets) await ws.close({ code: 1001, reason: "dropped (test)" });
  await expect(status).toHaveText(OFFLINE_KEPT_HERE);
  // The board stays on screen while the connection is down.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Flaky network");

  reachable = true;
  await expect(status).toHaveText("Live");
});

test("a title that looks like HTML is shown as text and never runs", async ({ page, request }) => {
  const title = "<img src=x onerror=alert(1)>";
  const board = await createBoard(request, { title });
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await page.goto(board.links.facilitate);
  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator("main img")).toHaveCount(0);
  // Nowhere in the page did the title become markup: an <img onerror> parsed from it would be in the DOM.
  await expect(page.locator("[onerror]")).toHaveCount(0);
  // An image at the same address, added now, has failed to load: a stray one from the title, added
  // when the page rendered, would have failed before it, and its handler would have run.
  expect(await page.evaluate(() => new Promise<string>((resolve) => {
    const probe = new Image();
    probe.onerror = () => resolve("failed");
    probe.onload = () => resolve("loaded");
    probe.src = "x";
  }))).toBe("failed");
  expect(dialogs).toBe(0);
});

test("an unknown board says so", async ({ page }) => {
  await page.goto("/b/AAAAAAAAAAAAAAAAAAAAAA?key=whatever");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This board does not exist");
  await expect(page.getByRole("link", { name: "Create a new board" })).toBeVisible();
});

test("a wrong key says so", async ({ page, request }) => {
  const board = await createBoard(request);
  await page.goto(`/b/${board.id}?key=not-the-key`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This key does not open this board");
  expect(new URL(page.url()).search).toBe("");
});

test("a link without its key says so", async ({ page, request }) => {
  const board = await createBoard(request);
  await page.goto(`/b/${board.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link is missing its key");
});

test("a board made by a newer version says so, and this page writes nothing to it", async ({ page, request, baseURL }) => {
  const board = await createBoard(request);
  const newer = await connectParticipant(baseURL!, board, "facilitator");
  newer.writeRawMeta("format", 2);
  await page.addInitScript(() => window.localStorage.setItem("cruxboard:name", "Ada"));
  await page.goto(`/b/${board.id}?key=${board.keys.participant}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This board needs a newer Cruxboard");
  await expect(page.getByText("This board was made by a newer version of Cruxboard (format 2); this version reads format 1.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reload the page" })).toBeVisible();
  await expect(page.getByRole("grid")).toHaveCount(0);
  // A remembered name would join a readable board at once; on this one nobody joins.
  await page.waitForTimeout(500);
  expect(newer.board().unreadable).toBeTruthy();
  expect(newer.storedParticipants()).toBe(0);
  // Nor does it go on this browser's recent boards under a title it never read.
  expect(await page.evaluate(() => window.localStorage.getItem("cruxboard:recent") ?? "")).not.toContain(board.id);
  newer.close();
});

test("the board page has no serious accessibility violations", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Accessibility check" });
  const bot = await connectParticipant(baseURL!, board);
  try {
    bot.join("p-bo", "Bo", "#f43f5e");
    bot.place("scaling", "p-bo", 0.5, 0.5);
  } finally {
    bot.close();
  }
  await page.goto(board.links.facilitate);
  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("the error screens have no serious accessibility violations", async ({ page }) => {
  await page.goto("/b/AAAAAAAAAAAAAAAAAAAAAA?key=whatever");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This board does not exist");
  await expectNoSeriousA11yViolations(page);
});

test("the most contested list ranks items by spread, live, and names what nobody placed", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Ranking" });
  await page.goto(board.links.facilitate);
  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByText("Nothing placed yet.")).toBeVisible();

  const bot = await connectParticipant(baseURL!, board);
  try {
    bot.join("p-ada", "Ada", "#0ea5e9");
    bot.join("p-bo", "Bo", "#f43f5e");
    // Scaling: same spot (spread 0). RLHF: opposite corners (spread √2 ≈ 1.41).
    bot.place("scaling", "p-ada", 0.5, 0.5);
    bot.place("scaling", "p-bo", 0.5, 0.5);
    bot.place("rlhf", "p-ada", 0.5, 0.5);
    bot.place("rlhf", "p-bo", 2.5, 2.5);
    const list = page.getByRole("list", { name: "Most contested" });
    const entries = list.getByRole("listitem");
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(0)).toContainText("RLHF");
    await expect(entries.nth(0)).toContainText("1.41");
    await expect(entries.nth(0)).toContainText("Placed by 2 of 2");
    await expect(entries.nth(1)).toContainText("Scaling");
    await expect(entries.nth(1)).toContainText("0.00");
    await expect(page.getByText(/Not placed yet:.*Agent foundations/)).toBeVisible();

    // Bo comes round on RLHF and changes his mind on Scaling: the crux moves.
    bot.place("rlhf", "p-bo", 0.6, 0.5);
    bot.place("scaling", "p-bo", 2.5, 1.5);
    await expect(entries.nth(0)).toContainText("Scaling");
    await expect(entries.nth(1)).toContainText("RLHF");
    await expect(entries.nth(1)).toContainText("0.05");
  } finally {
    bot.close();
  }
});

test("joining asks for a name once, remembers it on this device, and keeps one identity per board", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Joining" });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(board.links.join);
    await expect(page.getByRole("status")).toHaveText("Live");
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Type the name" })).toHaveText("Type the name the group should see.");
    await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Your name").fill("  Ada <b>Lovelace</b>  ");
    await page.getByLabel("Your name").press("Enter");
    await expect(page.getByLabel("Your name", { exact: true })).toHaveCount(0);
    // The keyboard goes on to the first note to place, not back to the top of the page.
    await expect(page.getByRole("region", { name: "Your notes to place" }).getByRole("button").first()).toBeFocused();
    await expect(page.getByText("1 participant", { exact: false })).toBeVisible();

    await page.reload();
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(page.getByText("1 participant", { exact: false })).toBeVisible();
    await expect(page.getByLabel("Your name", { exact: true })).toHaveCount(0);

    // Another board on the same device: the remembered name joins without asking.
    const second = await createBoard(request, { title: "Second board" });
    await page.goto(second.links.join);
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(page.getByText("1 participant", { exact: false })).toBeVisible();
    await expect(page.getByLabel("Your name", { exact: true })).toHaveCount(0);
    const snapshot = await (await request.get(`/api/boards/${second.id}/export?key=${second.keys.viewer}`)).json();
    expect(snapshot.participants.map((p: { name: string }) => p.name)).toEqual(["Ada <b>Lovelace</b>"]);

    // A viewer link never joins.
    const third = await createBoard(request, { title: "Watching" });
    await page.goto(third.links.view);
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(page.getByText("0 participants", { exact: false })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("a participant adds, edits and deletes their own items, and only their own", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Session with new ideas" });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(board.links.join);
    await page.getByLabel("Your name").fill("Bo");
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.getByText("1 participant", { exact: false })).toBeVisible();

    // Template items belong to nobody here: no edit or delete on them.
    await expect(page.getByRole("button", { name: "Edit RLHF" })).toHaveCount(0);

    await page.getByText("Add an item").click();
    await page.getByRole("button", { name: "Add item" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "needs some text" })).toBeVisible();
    await page.getByLabel("Item text").fill("x".repeat(201));
    await page.getByRole("button", { name: "Add item" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "200 characters" })).toBeVisible();
    await page.getByLabel("Item text").fill("Debate <i>as</i> oversight");
    await page.getByLabel("Note (optional)").fill("Two models argue; a judge decides.");
    await page.getByRole("button", { name: "Add item" }).click();
    await expect(page.getByRole("heading", { name: /Items/ })).toContainText("(10)");
    await expect(page.getByRole("region", { name: /^Items/ }).getByText("Debate <i>as</i> oversight", { exact: true })).toBeVisible();
    await expect(page.getByText(/Not placed yet:.*Debate <i>as<\/i> oversight/)).toBeVisible();

    await page.getByRole("button", { name: "Edit Debate <i>as</i> oversight" }).click();
    await page.getByLabel("Item text").last().fill("Debate");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("region", { name: /^Items/ }).getByText("Debate", { exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Delete Debate" }).click();
    await page.getByRole("button", { name: "Delete item" }).click();
    await expect(page.getByRole("heading", { name: /Items/ })).toContainText("(9)");
    // The page shows the delete at once; the server has it as soon as the update arrives.
    await expect
      .poll(async () => (await (await request.get(`/api/boards/${board.id}/export?key=${board.keys.viewer}`)).json()).items.map((i: { text: string }) => i.text))
      .not.toContain("Debate");

    // Viewers get no item controls at all.
    await page.goto(board.links.view);
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(page.getByText("Add an item")).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("the board downloads its exports in every format", async ({ page, request }) => {
  const board = await createBoard(request, { title: "Exports, week 4" });
  await page.goto(board.links.view);
  await expect(page.getByRole("status")).toHaveText("Live");
  const read = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  };
  const json = await read("Download JSON");
  expect(json.name).toMatch(/^exports-week-4-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(json.text)).toMatchObject({ format: "cruxboard-snapshot", version: 1, board: { title: "Exports, week 4" } });
  const csv = await read("Download CSV");
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.text.split("\r\n")[0]).toContain("item_text");
  const stats = await read("Download Statistics CSV");
  expect(stats.text.split("\r\n")[0]).toMatch(/^rank,item_id/);
  const md = await read("Download Markdown");
  expect(md.name).toMatch(/\.md$/);
  expect(md.text).toMatch(/^# Exports, week 4/);
});
