import { expect, test } from "@playwright/test";
import { shotPath } from "./shots";
import { createBoard, expectNoSeriousA11yViolations, openAs } from "./support";

/** A quarter's backlog as a product manager pastes it: bullets, numbers, notes after a tab or a dash. */
const LINES = [
  "- Faster checkout — 12 customers asked for it",
  "- SSO for admins\tEnterprise deals are blocked on it",
  "- Usage-based pricing",
  "- Mobile offline mode",
  "- ",
  "- Audit log -- needed for SOC 2",
  "- Slack integration",
  "- Onboarding checklist",
  "- Bulk export to CSV",
  "- Self-serve refunds",
  "- Two-factor authentication",
  `- Rebuild the reporting pipeline ${"so that every dashboard loads in under a second ".repeat(4)}`,
  "- Team workspaces",
  "- Custom fields on tickets",
  "- In-app announcements",
  "- Public API rate limits",
  "- DARK MODE",
  "- Localization for German and French",
  "- Annual billing discount",
  "- Status page",
];

test("the facilitator pastes twenty items, fixes the two bad lines, adds them for everyone and reorders them", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Q3 prioritization", template: "blank" });
  const seeded = await request.post(`/api/boards/${board.id}/items?key=${board.keys.facilitator}`, { data: { text: "Dark mode" } });
  expect(seeded.status()).toBe(201);
  const host = await openAs(browser, board.links.facilitate, "Fay", { viewport: { width: 1280, height: 800 } });
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    const { page } = host;
    const opener = page.getByRole("button", { name: "Add several items…" });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "Add several items" });
    const text = dialog.getByRole("textbox", { name: "Items" });
    await expect(text).toBeFocused();
    await text.fill(LINES.join("\n"));

    // Both bad lines, by their numbers, and nothing can be added yet.
    const preview = dialog.getByRole("region", { name: "Items to add, by line" });
    const line = (n: number) => preview.getByRole("listitem").filter({ has: page.getByText(`Line ${n}`, { exact: false }) }).first();
    await expect(dialog.getByText("2 lines need fixing before anything is added.")).toBeVisible();
    await expect(preview.getByRole("listitem").filter({ hasText: "Fix line 5" })).toContainText("This line has no item text.");
    await expect(preview.getByRole("listitem").filter({ hasText: "Fix line 12" })).toContainText("The text is 222 characters; keep it to 200.");
    const add = dialog.getByRole("button", { name: /^Add \d+ items?$/ });
    await expect(add).toBeDisabled();
    // The duplicate of the board's "Dark mode" is pointed out on its line and left out.
    await expect(line(17)).toContainText("DARK MODE");
    await expect(line(17)).toContainText("Already on the board · left out");
    await expect(dialog.getByRole("checkbox", { name: /Leave out 1 duplicate/ })).toBeChecked();
    await expectNoSeriousA11yViolations(page);
    // On a laptop the text and its preview sit side by side, the whole dialog on the screen.
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeInViewport();
    await expect(dialog.getByText("2 lines need fixing before anything is added.")).toBeInViewport();
    await page.screenshot({ path: shotPath("session-prep-errors-1280x800.png") });
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone they stack; the preview is a scroll down, no wider than the screen.
    await dialog.getByRole("heading", { name: "Preview" }).evaluate((heading) => heading.scrollIntoView({ block: "start" }));
    await expect(dialog.getByText("2 lines need fixing before anything is added.")).toBeInViewport();
    expect(await dialog.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
    await page.screenshot({ path: shotPath("session-prep-errors-390x844.png") });
    await page.setViewportSize({ width: 1280, height: 800 });

    // "Fix line 5" selects that line in the text, so typing replaces it.
    await expect(dialog.getByRole("button", { name: /^Start with line/ })).toHaveText("Start with line 5");
    await preview.getByRole("button", { name: "Fix line 5" }).click();
    await expect(text).toBeFocused();
    await page.keyboard.type("Customer health score");
    // Beside the summary, the first line still to fix, however far down the preview it is.
    await dialog.getByRole("button", { name: "Start with line 12" }).click();
    await page.keyboard.type("Faster reporting dashboards");
    await expect(dialog.getByText("19 items will be added.")).toBeVisible();
    await expect(dialog.getByRole("button", { name: /^Start with line/ })).toHaveCount(0);
    await expect(line(5)).toContainText("Customer health score");
    await expect(add).toHaveText("Add 19 items");
    await add.click();

    // The dialog closes, says what happened, and hands the keyboard back to the button that opened it.
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText("19 items added. 1 duplicate left out.")).toBeVisible();
    await expect(opener).toBeFocused();

    // Everyone has them at once, in the list's order, after the board's own item.
    const tray = guest.page.getByRole("list", { name: "Notes still to place" }).getByRole("button");
    await expect(tray).toHaveCount(20);
    await expect(tray.nth(0)).toHaveText("Dark mode");
    await expect(tray.nth(1)).toHaveText("Faster checkout");
    await expect(tray.nth(5)).toHaveText("Customer health score");
    await expect(tray.nth(12)).toHaveText("Faster reporting dashboards");

    // Reordering from the keyboard: Status page, last, moves up one place, for everyone.
    await page.getByRole("button", { name: "Move Status page up" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText("Status page moved up: now 19 of 20.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Move Status page up" })).toBeFocused();
    await expect(tray.nth(18)).toHaveText("Status page");
    await expect(tray.nth(19)).toHaveText("Annual billing discount");
    // …and all the way to the top, or to the bottom, in one press, the keyboard staying on the button.
    const toTop = page.getByRole("button", { name: "Move Status page to the top" });
    await toTop.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText("Status page moved to the top: now 1 of 20.")).toBeVisible();
    await expect(toTop).toBeFocused();
    await expect(toTop).toHaveAttribute("aria-disabled", "true");
    await expect(tray.nth(0)).toHaveText("Status page");
    await expect(tray.nth(1)).toHaveText("Dark mode");
    const toBottom = page.getByRole("button", { name: "Move Dark mode to the bottom" });
    await toBottom.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText("Dark mode moved to the bottom: now 20 of 20.")).toBeVisible();
    await expect(toBottom).toBeFocused();
    await expect(tray.nth(1)).toHaveText("Faster checkout");
    await expect(tray.nth(19)).toHaveText("Dark mode");
    await expect(tray.nth(18)).toHaveText("Annual billing discount");
    // The facilitator edits and deletes any item, their own list's included.
    await expect(page.getByRole("button", { name: "Edit Dark mode" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete Status page" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("heading", { name: /^Items/ }).evaluate((heading) => heading.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: shotPath("session-prep-items-1280x800.png") });
  } finally {
    await host.context.close();
    await guest.context.close();
  }
});

test("editing or deleting an item from the keyboard starts in the form and comes back to the item's button", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Q3 prioritization", template: "blank" });
  for (const text of ["Dark mode", "Status page"]) {
    expect((await request.post(`/api/boards/${board.id}/items?key=${board.keys.facilitator}`, { data: { text } })).status()).toBe(201);
  }
  const host = await openAs(browser, board.links.facilitate, "Fay", { viewport: { width: 1280, height: 800 } });
  try {
    const { page } = host;
    // Edit: the keyboard lands in the item's text; Escape leaves it as it was and returns to Edit.
    await page.getByRole("button", { name: "Edit Dark mode" }).focus();
    await page.keyboard.press("Enter");
    const text = page.getByRole("textbox", { name: "Item text" });
    await expect(text).toBeFocused();
    await page.keyboard.type(" (maybe)");
    await page.keyboard.press("Escape");
    await expect(text).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Edit Dark mode" })).toBeFocused();
    // Saved with Enter, the keyboard is back on the item's Edit, under its new name.
    await page.keyboard.press("Enter");
    await expect(text).toBeFocused();
    await page.keyboard.press("End");
    await page.keyboard.type(" for the admin console");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Edit Dark mode for the admin console" })).toBeFocused();
    // Delete asks first, with the keyboard on Keep; Keep goes back to Delete.
    await page.getByRole("button", { name: "Delete Status page" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("group", { name: "Delete Status page?" }).getByRole("button", { name: "Keep" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Delete Status page" })).toBeFocused();
  } finally {
    await host.context.close();
  }
});
