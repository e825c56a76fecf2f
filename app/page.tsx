import { CreateBoardForm } from "../components/home/create-board-form";
import { DeletedBoardNotice } from "../components/home/deleted-board-notice";
import { HomeDetails, HomeHero } from "../components/home/home-intro";
import { ImportBoardForm } from "../components/home/import-board-form";
import { JoinByCode } from "../components/home/join-by-code";
import { RecentBoards } from "../components/home/recent-boards";
import { SiteHeader } from "../components/ui/site-header";

export default function HomePage() {
  return (
    <>
      <SiteHeader />
      <DeletedBoardNotice />
      {/*
        On a phone the form follows the pitch directly; on wide screens it sits beside all of it.
        When that side column is the taller one, its extra height goes below the details, not between pitch and details.
      */}
      <main className="mx-auto grid max-w-7xl gap-10 px-4 py-10 sm:px-6 sm:py-14 lg:grid-cols-[minmax(0,1fr)_26rem] lg:grid-rows-[auto_1fr] lg:gap-x-14 lg:px-8">
        <HomeHero />
        <div className="space-y-6 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:pt-2">
          {/* Most people on this page on a phone came to join: the code form comes first. */}
          <div className="rounded-2xl border-2 border-indigo-200 bg-white p-6 shadow-sm sm:p-8">
            <JoinByCode />
          </div>
          {/* A sticky form would slide over what follows it, so it sticks only when alone. */}
          <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 lg:top-8 lg:only:sticky">
            <CreateBoardForm />
          </div>
          <RecentBoards />
          <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
            <ImportBoardForm />
          </div>
        </div>
        <HomeDetails />
      </main>
    </>
  );
}
