"use client";

import { useId, useState } from "react";
import { Button } from "../ui/button";
import { CopyField } from "../ui/copy-field";

/** For participants: the link that brings someone else in, since the address bar never holds the key. */
export function InviteOthers({ link }: { link: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="w-full">
      <Button size="sm" pill aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M8 3v10M3 8h10" strokeLinecap="round" />
        </svg>
        Invite others
      </Button>
      {open && (
        <div id={panelId} className="mt-2 max-w-xl rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
          <CopyField label="Link to join this board" hint="Anyone who opens it joins and places, like you." value={link} />
        </div>
      )}
    </div>
  );
}
