import type { Metadata } from "next";
import { JoinByCode } from "../../components/home/join-by-code";
import { SiteHeader } from "../../components/ui/site-header";

export const metadata: Metadata = {
  title: "Join with a code · Cruxboard",
};

/** The short address the presenter view shows: the code form and nothing else. */
export default function JoinPage() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-4 py-8 sm:py-16">
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <JoinByCode headingLevel={1} autoFocus />
        </div>
      </main>
    </>
  );
}
