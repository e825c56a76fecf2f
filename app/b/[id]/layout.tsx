import type { Metadata } from "next";
import type { ReactNode } from "react";

/** Every page of a board (live, presenter, snapshots, comparison, replay) is private to whoever holds a key. */
export const metadata: Metadata = {
  robots: { index: false, follow: false },
};

export default function BoardPagesLayout({ children }: { children: ReactNode }) {
  return children;
}
