import type { BoardLinks } from "../../lib/client/session/board-keys";
import { PresenterLauncher } from "./presenter-launcher";
import { CopyField } from "../ui/copy-field";
import { DangerZone } from "./danger-zone";
import { LinkReplacer } from "./link-replacer";

/** Shown only in the tab that created the board: nobody else has all three keys. */
export function BoardInvite({ links, title, onReplaced }: { links: BoardLinks; title: string; onReplaced(links: BoardLinks): void }) {
  const facilitate = new URL(links.facilitate, "http://x");
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
      <PresenterLauncher links={links} />
      <LinkReplacer links={links} onReplaced={onReplaced} />
      <DangerZone boardId={facilitate.pathname.split("/")[2] ?? ""} facilitatorKey={facilitate.searchParams.get("key") ?? ""} title={title} />
    </section>
  );
}
