"use client";

import { useEffect, type RefObject } from "react";

/**
 * Opens a `<dialog>` as a modal while the component is on the page, puts the keyboard on `first`
 * (or leaves it to the browser's choice), and gives focus back to what had it before: the dialog
 * leaves the page with React, after the browser could give focus back itself.
 */
export function useModalDialog(dialog: RefObject<HTMLDialogElement | null>, first?: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    first?.current?.focus();
    return () => {
      element?.close();
      if (opener?.isConnected) opener.focus();
    };
    // Once, when the dialog opens: the refs are stable.
  }, [dialog, first]);
}
