/** A link, or a button that reads as one, inside running text: underlined, in the accent colour. */
export function textLinkClass(weight: "normal" | "medium" | "semibold" = "medium"): string {
  const fontWeight = { normal: "", medium: "font-medium", semibold: "font-semibold" }[weight];
  return `${fontWeight} text-indigo-800 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700 focus-visible:rounded focus-ring`.trim();
}
