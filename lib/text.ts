/** Text without its accents and other combining marks: "Adá" → "Ada", "Café" → "Cafe". */
export function withoutAccents(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "");
}
