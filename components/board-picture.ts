/** Marks parts of the board that belong to this screen only (my tray, controls) and stay out of the picture. */
export const PICTURE_SKIP = "data-picture-skip";

/**
 * Saves the board as shown, as a PNG at twice the screen's resolution. The
 * imaging library is loaded on first use, so it never weighs on opening a board.
 */
export async function downloadBoardPicture(element: HTMLElement, fileName: string): Promise<void> {
  const { domToPng } = await import("modern-screenshot");
  const url = await domToPng(element, {
    scale: 2,
    backgroundColor: "#f8fafc",
    filter: (node) => !(node instanceof Element && node.hasAttribute(PICTURE_SKIP)),
  });
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** "Reading group: week 3" → "reading-group-week-3.png"; never empty, never a path. */
export function pictureFileName(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "cruxboard"}.png`;
}
