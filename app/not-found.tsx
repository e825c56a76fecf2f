import Link from "next/link";
import { SiteHeader } from "../components/ui/site-header";

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-xl px-4 py-20 text-center">
        <p className="text-sm font-semibold tracking-wider text-indigo-700 uppercase">404</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">There is no page here</h1>
        <p className="mt-3 text-slate-700">Board links look like /b/… followed by a key. Check that the whole link was copied.</p>
        <Link
          href="/"
          className="mt-8 inline-block rounded-lg bg-indigo-700 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-indigo-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700"
        >
          Go to the start page
        </Link>
      </main>
    </>
  );
}
