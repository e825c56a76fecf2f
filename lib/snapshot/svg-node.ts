import { escapeXml } from "./svg-text";

/**
 * A drawing as plain data: one element, its attributes and its children. The
 * overview's small grids are built once as such a tree, then written out as
 * SVG text for a file (svgMarkup) or rendered as React elements on a screen,
 * so every view draws exactly the same picture. Strings are text content.
 */
export interface SvgElement {
  tag: "svg" | "g" | "rect" | "circle" | "ellipse" | "line" | "path" | "text" | "title";
  /** SVG attribute names as written in a file ("stroke-width", "class", "aria-label"). */
  attrs: Record<string, string | number>;
  children?: SvgNode[];
}
export type SvgNode = SvgElement | string;

export const svgElement = (tag: SvgElement["tag"], attrs: SvgElement["attrs"], children?: SvgNode[]): SvgElement =>
  children ? { tag, attrs, children } : { tag, attrs };

/** Two decimals are far below a printed pixel and keep files small. */
export const num = (x: number) => String(Math.round(x * 100) / 100);

/** The tree as SVG text; every attribute value and every text is escaped. */
export function svgMarkup(node: SvgNode): string {
  if (typeof node === "string") return escapeXml(node);
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => ` ${name}="${escapeXml(typeof value === "number" ? num(value) : value)}"`)
    .join("");
  if (!node.children || node.children.length === 0) return `<${node.tag}${attrs}/>`;
  return `<${node.tag}${attrs}>${node.children.map(svgMarkup).join("")}</${node.tag}>`;
}
