import Link from "next/link";
import type { ReactNode } from "react";

export function Wordmark() {
  return (
    <Link
      href="/"
      // A board page is opened on phones on venue wifi: it should not fetch the home page's code as well.
      prefetch={false}
      className="inline-flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-slate-900 focus-outline focus-visible:outline-offset-4"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6">
        <rect x="1.5" y="1.5" width="21" height="21" rx="5" className="fill-indigo-700" />
        <path d="M12 5v14M5 12h14" className="stroke-indigo-300" strokeWidth="1.5" />
        <circle cx="15.5" cy="8.5" r="2.25" className="fill-amber-300" />
      </svg>
      Cruxboard
    </Link>
  );
}

/**
 * `wide`: the board pages use the whole width of a projector.
 * `sticky`: the header stays at the top while the page scrolls, so what it holds (a board's connection
 * status) is in view wherever the person has scrolled; globals.css keeps scrolled-to content clear of it.
 */
export function SiteHeader({ children, wide = false, sticky = false }: { children?: ReactNode; wide?: boolean; sticky?: boolean }) {
  return (
    <header data-sticky={sticky || undefined} className={`border-b border-slate-200 bg-white/80 backdrop-blur ${sticky ? "sticky top-0 z-50 bg-white/90" : ""}`}>
      <div
        className={`mx-auto flex h-14 max-w-7xl items-center justify-between gap-4 px-4 sm:px-6 lg:px-8 ${wide ? "2xl:max-w-none 2xl:px-12" : ""} ${sticky ? "[@media(max-height:480px)]:h-11" : ""}`}
      >
        <Wordmark />
        {children}
      </div>
    </header>
  );
}
