import type { Locator, Page } from "@playwright/test";
import { ALIGNMENT_STARTER_ITEMS } from "../../lib/board/templates";

/** The essay's cell for each of the alignment map's starter items. */
export const essayCell = new Map(ALIGNMENT_STARTER_ITEMS.map((i) => [i.id, i.reference]));
export const cell = (page: Page, row: number, col: number) => page.locator(`[data-cell="${row}:${col}"]`);
export const tray = (page: Page) => page.getByRole("region", { name: "Your notes to place" });

/** The tray note that has keyboard focus, by item id, or null. */
export const focusedTrayItem = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-tray-item") ?? null);

/**
 * Where a tap on `target` would land, once the target is wholly on screen and
 * nothing (the docked tray, say) covers that point; null until then. Never scrolls.
 */
export async function reachablePoint(target: Locator): Promise<{ x: number; y: number } | null> {
  return target.evaluate((element) => {
    const box = element.getBoundingClientRect();
    if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth) return null;
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    return hit && element.contains(hit) ? { x, y } : null;
  });
}
