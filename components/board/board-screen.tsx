"use client";

import dynamic from "next/dynamic";
import { useEffect } from "react";
import { forgetSeat } from "../../lib/client/session/board-seats";
import { CLOSE_BOARD_DELETED, CLOSE_LINK_REPLACED, CLOSE_SEAT_REMOVED } from "../../lib/api/close-codes";
import type { BoardConnection } from "../../lib/board/connection";
import type { Role } from "../../lib/board/schema";
import type { BoardLinks } from "../../lib/client/session/board-keys";
import { useBoardAccess } from "../../hooks/use-board-access";
import { useBoardActions } from "../../hooks/use-board-actions";
import { DragsContext, useBoard, useConnectionStatus, useHasSynced, usePeers, useRefusal } from "../../hooks/use-board";
import { useParticipation } from "../../hooks/use-participation";
import { PlacingContext } from "../../hooks/use-placing";
import { useRecentBoard } from "../../hooks/use-recent-board";
import { useUnsavedWarning } from "../../hooks/use-unsaved-warning";
import { BoardNotice, DENIAL_TEXT, RetryButton } from "./board-notice";
import { BoardShell } from "./board-shell";
import { BoardView } from "./board-view";
import { JoinPanel } from "./join-panel";
import { focusFirstNote } from "./placing-viewport";

/* Only the projector needs the presenter view (and its QR code library): other board pages never load it. */
const PresenterView = dynamic(() => import("../presenter/presenter-view").then((m) => m.PresenterView), { ssr: false });
/* Only a page whose connection the server closed for good shows these. */
const NOTHING = () => null;
/* Loaded with the first change the server refuses; the live region that says it is there from the start. */
const RefusalMessage = dynamic(() => import("./refusal-notice").then((m) => m.RefusalMessage), { loading: NOTHING });
const ConnectionClosed = dynamic(() => import("./connection-closed").then((m) => m.ConnectionClosed), { loading: NOTHING });

/** After a change of name, the keyboard goes back to the chip it started from, once the form has gone. */
const focusOwnChip = () => requestAnimationFrame(() => document.querySelector<HTMLElement>("[data-change-name]")?.focus());

/** Closes that are the facilitator's doing (components/board/connection-closed.tsx says which and why). */
const FACILITATOR_CLOSES: ReadonlySet<number> = new Set([CLOSE_LINK_REPLACED, CLOSE_BOARD_DELETED, CLOSE_SEAT_REMOVED]);

export default function BoardScreen({ id, present = false }: { id: string; present?: boolean }) {
  const { access, retry } = useBoardAccess(id, present);
  switch (access.kind) {
    case "checking":
      return <BoardShell status={{ kind: "connecting" }} />;
    case "denied": {
      const text = DENIAL_TEXT[access.reason];
      return (
        <BoardShell>
          <BoardNotice title={text.title}>
            <p>{text.body}</p>
          </BoardNotice>
        </BoardShell>
      );
    }
    case "unreachable":
      return (
        <BoardShell>
          <BoardNotice title="Cruxboard cannot be reached" action={<RetryButton onClick={retry}>Try again</RetryButton>}>
            <p>{access.detail} Check your connection, then try again.</p>
          </BoardNotice>
        </BoardShell>
      );
    case "open":
      return <OpenBoard id={id} boardKey={access.key} role={access.role} connection={access.connection} links={access.links} present={present} reopen={retry} />;
  }
}

interface OpenBoardProps {
  id: string;
  boardKey: string;
  role: Role;
  connection: BoardConnection;
  links: BoardLinks | null;
  /** The projector's view: it only watches, whatever the key allows. */
  present: boolean;
  /** Opens the board again from the start (access, seat, connection). */
  reopen(): void;
}

function OpenBoard({ id, boardKey, role, connection, links, present, reopen }: OpenBoardProps) {
  const status = useConnectionStatus(connection);
  const synced = useHasSynced(connection);
  const board = useBoard(connection);
  const peers = usePeers(connection);
  const refusal = useRefusal(connection);
  // A seat this board no longer knows (a store restored from before it was taken) writes nothing: the
  // device lets it go and joins again, rather than have every change refused.
  const staleSeat = role === "participant" && refusal !== null && refusal.reason.includes("does not belong to this board");
  useEffect(() => {
    if (!staleSeat) return;
    forgetSeat(id);
    reopen();
  }, [staleSeat, id, reopen]);
  // A board this version cannot read is shown, never written: nobody joins it, nothing is placed.
  const participation = useParticipation({ boardId: id, boardKey, role, present, connection, board, synced: synced && !board.unreadable });
  const { me, self, request } = participation;
  const { facilitation, itemActions, placing } = useBoardActions(connection, { boardId: id, key: boardKey, role }, me, self);
  useUnsavedWarning(connection);
  // Under the title it really has: an unreadable board's meta is not read at all.
  useRecentBoard({ id, title: board.meta.title, key: boardKey, role }, synced && !board.unreadable);

  if (synced && board.unreadable) {
    const { message, newer } = board.unreadable;
    return (
      <BoardShell status={status}>
        <BoardNotice
          title={newer ? "This board needs a newer Cruxboard" : "This board cannot be opened here"}
          action={newer ? <RetryButton onClick={() => window.location.reload()}>Reload the page</RetryButton> : undefined}
        >
          <p>{message}</p>
          <p>{newer ? "Reloading gets the newest version of this page. " : ""}Nothing on the board has been changed.</p>
        </BoardNotice>
      </BoardShell>
    );
  }
  const closedNotice = status.kind === "closed" && (
    <ConnectionClosed boardId={id} boardKey={boardKey} code={status.code} reason={status.reason} onReconnect={() => connection.reconnect()} />
  );
  // The facilitator replaced this page's link, deleted the board or removed this person: the notice is the whole page.
  if (closedNotice && FACILITATOR_CLOSES.has(status.code)) return <BoardShell>{closedNotice}</BoardShell>;
  // The projector's screen is all board: no site header, its own status and reconnect.
  if (present && synced) {
    return (
      <DragsContext value={connection}>
        <PresenterView board={board} access={{ boardId: id, key: boardKey }} peers={peers} status={status} onReconnect={() => connection.reconnect()} />
      </DragsContext>
    );
  }
  return (
    <BoardShell status={status}>
      {synced || closedNotice ? (
        <>
          {closedNotice}
          {!present && (
            <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
              {refusal && <RefusalMessage key={refusal.at} refusal={refusal} />}
            </div>
          )}
          {/* A facilitator's own "I'm placing too" is asked beside the invite, where they chose it. */}
          {request && request.kind !== "place-too" && (
            <div className="mb-10">
              <JoinPanel
                key={request.kind}
                request={request}
                participants={board.participants}
                me={me}
                onSubmit={(name) => {
                  participation.submitName(name);
                  if (request.kind === "change-name") focusOwnChip();
                  else focusFirstNote();
                }}
                onCancel={
                  request.kind === "change-name"
                    ? () => {
                        participation.cancelRequest();
                        focusOwnChip();
                      }
                    : undefined
                }
              />
            </div>
          )}
          {synced && !present && (
            <DragsContext value={connection}>
              <PlacingContext value={placing}>
                <BoardView
                  board={board}
                  links={links}
                  shareLink={role === "participant" ? `${window.location.origin}/b/${id}?key=${boardKey}` : null}
                  placeToo={
                    role === "facilitator"
                      ? {
                          offered: participation.canPlaceToo,
                          start: participation.placeToo,
                          panel: request?.kind === "place-too" && (
                            <JoinPanel
                              request={request}
                              participants={board.participants}
                              me={me}
                              onSubmit={participation.submitName}
                              onCancel={participation.cancelRequest}
                            />
                          ),
                        }
                      : undefined
                  }
                  itemActions={itemActions}
                  peers={peers}
                  self={self && { id: self.id, name: self.name, color: self.color }}
                  onChangeName={participation.changeName ?? undefined}
                  access={{ boardId: id, key: boardKey }}
                  role={role}
                  facilitation={facilitation}
                />
              </PlacingContext>
            </DragsContext>
          )}
        </>
      ) : undefined}
    </BoardShell>
  );
}
