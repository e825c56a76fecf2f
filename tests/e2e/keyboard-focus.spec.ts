import { expect, test } from "@playwright/test";
import { connectParticipant, createBoard } from "./support";
import { shotPath } from "./shots";

test("“Stop focusing” in the focus bar hands the keyboard on to the grid's heading, where the bar stood", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Stop focusing by keyboard" });
  const host = await connectParticipant(baseURL!, board, "facilitator");
  host.join("p-hal", "Hal", "#059669");
  host.place("rlhf", "p-hal", 1.5, 0.5);
  try {
    await page.goto(board.links.facilitate);
    await expect(page.getByRole("status")).toHaveText("Live");
    const bar = page.getByRole("region", { name: "Facilitator focus" });
    const gridHeading = page.getByRole("heading", { name: "The grid", exact: true });

    // A focus started elsewhere (another tab of the facilitator's), with no item panel open here.
    host.setMeta("focus", "rlhf");
    await bar.getByRole("button", { name: "Stop focusing" }).focus();
    await page.keyboard.press("Enter");
    await expect(bar).toHaveCount(0);
    await expect(gridHeading).toBeFocused();
    await expect.poll(() => host.board().meta.focus).toBeNull();

    // Started from the item's panel: the panel's own button turns over and keeps the keyboard…
    await page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^RLHF/ }).focus();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("region", { name: "RLHF" });
    await panel.getByRole("button", { name: "Focus everyone here" }).focus();
    await page.keyboard.press("Enter");
    await expect(panel.getByRole("button", { name: "Stop focusing" })).toBeFocused();
    await expect.poll(() => host.board().meta.focus).toBe("rlhf");
    // …and the bar's, above the grid, still goes on to the grid's heading, just below it.
    await bar.getByRole("button", { name: "Stop focusing" }).focus();
    await page.keyboard.press("Enter");
    await expect(bar).toHaveCount(0);
    await expect(gridHeading).toBeFocused();
    await expect(panel.getByRole("button", { name: "Focus everyone here" })).toBeVisible();
    await page.screenshot({ path: shotPath("focus-stopped-grid-heading.png") });
    await expect.poll(() => host.board().meta.focus).toBeNull();
  } finally {
    host.close();
  }
});
