import { expect, test, type Page } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { createBoard, expectNoSeriousA11yViolations } from "./support";

const STORAGE_KEY = "cruxboard:recent";
const MINUTE = 60_000;

type Role = "facilitator" | "participant" | "viewer";

/** The entry the board page records when it opens a board with this role's key. */
const recentEntry = (board: CreatedBoard, title: string, role: Role, minutesAgo = 0) => ({
  id: board.id,
  title,
  key: board.keys[role],
  role,
  openedAt: Date.now() - minutesAgo * MINUTE,
});

/** Writes the raw stored value on the home page, then loads it again as a returning visitor would. */
async function storeRecent(page: Page, value: unknown) {
  await page.goto("/");
  const raw = typeof value === "string" ? value : JSON.stringify(value);
  await page.evaluate(([key, text]) => window.localStorage.setItem(key, text), [STORAGE_KEY, raw] as const);
  await page.reload();
}

/** Errors a broken page would show: uncaught exceptions and React's console errors (hydration included). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  return errors;
}

const recentSection = (page: Page) => page.getByRole("region", { name: "Recent boards" });

/** A link's accessible name also holds its role and time; it must start with the title. */
const startingWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

test("a recently opened board is listed and its plain link opens it live, with no key in any URL", async ({ page, request }) => {
  const board = await createBoard(request, { title: "Reading group, week 4" });
  const errors = collectErrors(page);
  const urls: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });

  await storeRecent(page, [recentEntry(board, "Reading group, week 4", "facilitator", 5)]);
  const section = recentSection(page);
  await expect(section.getByRole("heading", { name: "Recent boards" })).toBeVisible();
  await expect(section.getByText("Remembered only in this browser")).toBeVisible();
  const link = section.getByRole("link", { name: startingWith("Reading group, week 4") });
  await expect(link).toHaveAttribute("href", `/b/${board.id}`);
  await expect(link).toHaveAccessibleName("Reading group, week 4 Facilitator opened 5 minutes ago");
  expect(errors).toEqual([]);

  await link.click();
  await expect(page).toHaveURL(new RegExp(`/b/${board.id}$`));
  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reading group, week 4");

  // A reload in the same tab still finds the key.
  await page.reload();
  await expect(page.getByRole("status")).toHaveText("Live");
  expect(urls.length).toBeGreaterThan(2);
  for (const url of urls) expect(new URL(url).search, url).toBe("");
  expect(errors).toEqual([]);
});

test("without a remembered key the plain link is refused", async ({ page, request }) => {
  const board = await createBoard(request, { title: "Never opened here" });
  await page.goto(`/b/${board.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link is missing its key");
});

test("Forget removes a board from the list for good", async ({ page, request }) => {
  const first = await createBoard(request, { title: "First board" });
  const second = await createBoard(request, { title: "Second board" });
  await storeRecent(page, [recentEntry(first, "First board", "participant", 1), recentEntry(second, "Second board", "viewer", 90)]);

  const section = recentSection(page);
  await expect(section.getByRole("link")).toHaveCount(2);
  await section.getByRole("button", { name: "Forget First board" }).click();
  await expect(section.getByRole("link", { name: startingWith("First board") })).toHaveCount(0);
  await expect(section.getByRole("link", { name: startingWith("Second board") })).toBeVisible();
  // The keyboard user stays in the list.
  await expect(section.getByRole("button", { name: "Forget Second board" })).toBeFocused();

  await page.reload();
  await expect(section.getByRole("link")).toHaveCount(1);
  await section.getByRole("button", { name: "Forget Second board" }).click();
  await expect(page.getByRole("heading", { name: "Recent boards" })).toHaveCount(0);
  expect(await page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEY)).toBeNull();

  // A forgotten board's plain link no longer opens it.
  await page.goto(`/b/${first.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link is missing its key");
});

test("a garbage stored list does not break the home page", async ({ page, request }) => {
  const errors = collectErrors(page);
  for (const garbage of ["{not json", "42", JSON.stringify({ id: "x" }), JSON.stringify([null, "x", { id: "../../etc" }])]) {
    await storeRecent(page, garbage);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create board" })).toBeEnabled();
    await expect(page.getByRole("heading", { name: "Recent boards" })).toHaveCount(0);
  }

  // Valid entries next to invalid ones still show.
  const board = await createBoard(request, { title: "Survivor" });
  await storeRecent(page, [{ id: 7 }, recentEntry(board, "Survivor", "viewer"), { ...recentEntry(board, "Bad role", "viewer"), role: "admin" }]);
  await expect(recentSection(page).getByRole("link")).toHaveCount(1);
  await expect(recentSection(page).getByRole("link", { name: startingWith("Survivor") })).toContainText("opened just now");
  expect(errors).toEqual([]);
});

test("a board title is shown as text, never as HTML", async ({ page, request }) => {
  const title = "<img src=x onerror=alert(1)>";
  const board = await createBoard(request, { title });
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await storeRecent(page, [recentEntry(board, title, "participant")]);

  const section = recentSection(page);
  await expect(section.getByRole("link", { name: startingWith(title) })).toBeVisible();
  await expect(section.getByText(title, { exact: true })).toBeVisible();
  await expect(section.getByRole("button", { name: `Forget ${title}` })).toBeVisible();
  await expect(section.locator("img")).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test("the home page with recent boards is accessible and fits a phone", async ({ page, request }) => {
  // A title without spaces must wrap too, or a phone has to pan sideways.
  const unbroken = "W".repeat(120);
  const titles = ["Reading group, week 3", "Quarterly priorities", "Alignment map", unbroken];
  const boards = await Promise.all(titles.map((title) => createBoard(request, { title })));
  await storeRecent(page, [
    recentEntry(boards[0]!, titles[0]!, "facilitator", 3),
    recentEntry(boards[1]!, titles[1]!, "participant", 60 * 26),
    recentEntry(boards[2]!, titles[2]!, "viewer", 60 * 24 * 9),
    recentEntry(boards[3]!, unbroken, "viewer", 60 * 24 * 400),
  ]);
  const section = recentSection(page);
  await expect(section.getByRole("listitem")).toHaveCount(4);
  await expect(section.getByRole("link", { name: startingWith(unbroken) })).toContainText("opened last year");
  await expect(section.getByRole("link", { name: startingWith("Quarterly priorities") })).toContainText("opened yesterday");
  await expect(section.getByRole("link", { name: startingWith("Alignment map") })).toContainText("opened last week");
  await expectNoSeriousA11yViolations(page);

  await page.setViewportSize({ width: 390, height: 844 });
  const form = page.getByRole("button", { name: "Create board" });
  const formBox = (await form.boundingBox())!;
  const sectionBox = (await section.boundingBox())!;
  expect(sectionBox.y).toBeGreaterThan(formBox.y);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page);
});
