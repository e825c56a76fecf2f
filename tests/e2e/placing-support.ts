import type { Locator, Page } from "@playwright/test";
import { ALIGNMENT_STARTER_ITEMS } from "../../lib/board/templates";

/** The essay's cell for each of the alignment map's starter items. */
export const essayCell = new Map(ALIGNMENT_STARTER_ITEMS.map((i) => [i.id, i.reference]));
export const cell = (page: Page, row: number, col: number) => page.locator(`[data-cell="${row}:${col}"]`);
export const tray = (page: Page) => page.getByRole("region", { name: "Your notes to place" });

/** The tray note that has keyboard focus, by item id, or null. */
export const focusedTrayItem = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-tray-item") ?? null);

/**
 * Where a tap on `target` would land, once the target is wholly on screen, has
 * not moved over two frames (a pick-up brings the grid into reach in the frame
 * after the tap) and nothing (the docked tray, say) covers that point; null
 * until then. Never scrolls.
 */
export async function reachablePoint(target: Locator): Promise<{ x: number; y: number } | null> {
  return target.evaluate(async (element) => {
    const before = element.getBoundingClientRect();
    for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
    const box = element.getBoundingClientRect();
    if (box.top !== before.top || box.left !== before.left) return null;
    if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth) return null;
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    return hit && element.contains(hit) ? { x, y } : null;
  });
}

/**
 * Resolves once a scroller has stopped moving (two reads 100 ms apart agree). A swipe leaves the
 * row gliding for a moment, and Chromium gives a touch that lands mid-glide to its own scrolling
 * rather than to the page, as a phone does; a test touches again only once the glide is over.
 */
export async function comesToRest(scroller: Locator): Promise<void> {
  await scroller.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        let last = Number.NaN;
        const check = () => (element.scrollLeft === last ? resolve() : ((last = element.scrollLeft), setTimeout(check, 100)));
        check();
      }),
  );
}
