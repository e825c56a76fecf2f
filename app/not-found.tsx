import Link from "next/link";
import { buttonClass } from "../components/ui/button";
import { SiteHeader } from "../components/ui/site-header";

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-xl px-4 py-20 text-center">
        <p className="text-sm font-semibold tracking-wider text-indigo-700 uppercase">404</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">There is no page here</h1>
        <p className="mt-3 text-slate-700">Board links look like /b/… followed by a key. Check that the whole link was copied.</p>
        <Link href="/" className={buttonClass({ variant: "primary", size: "lg", className: "mt-8" })}>
          Go to the start page
        </Link>
      </main>
    </>
  );
}
