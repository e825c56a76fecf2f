import { presenterLink, type BoardLinks } from "./board-session";
import { CopyField } from "./ui/copy-field";

/** Shown only in the tab that created the board: nobody else has all three keys. */
export function BoardInvite({ links }: { links: BoardLinks }) {
  const url = (path: string) => new URL(path, window.location.origin).toString();
  return (
    <section aria-labelledby="invite-heading" className="space-y-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id="invite-heading" className="text-lg font-semibold text-slate-900">
          Invite people
        </h2>
        <p className="mt-1 text-sm text-slate-600">Anyone with a link can open the board in the role it gives.</p>
      </div>
      <CopyField label="Participant link" hint="For everyone who places items." value={url(links.join)} />
      <CopyField label="Viewer link" hint="Read-only, for a projector or observers." value={url(links.view)} />
      <CopyField
        label="Facilitator link"
        hint="Yours. Keep it private: it controls the board, and it is how you get back here."
        value={url(links.facilitate)}
      />
      <p className="text-sm text-slate-700">
        For the projector:{" "}
        <a
          href={presenterLink(links)}
          target="_blank"
          rel="noreferrer"
          className="font-medium text-indigo-800 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700 focus-visible:rounded focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
        >
          open the presenter view
        </a>{" "}
        — the grid, the contested list, the timer and a QR code for joining.
      </p>
    </section>
  );
}
