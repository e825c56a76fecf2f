"use client";

import dynamic from "next/dynamic";
import type { BoardConnection } from "../../lib/board/connection";
import type { Role } from "../../lib/board/schema";
import type { BoardLinks } from "../../lib/client/session/board-keys";
import { useBoardAccess } from "../../hooks/use-board-access";
import { useBoardActions } from "../../hooks/use-board-actions";
import { DragsContext, useBoard, useConnectionStatus, useHasSynced, usePeers } from "../../hooks/use-board";
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
      return <OpenBoard id={id} boardKey={access.key} role={access.role} connection={access.connection} links={access.links} present={present} />;
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
}

function OpenBoard({ id, boardKey, role, connection, links, present }: OpenBoardProps) {
  const status = useConnectionStatus(connection);
  const synced = useHasSynced(connection);
  const board = useBoard(connection);
  const peers = usePeers(connection);
  // A board this version cannot read is shown, never written: nobody joins it, nothing is placed.
  const participation = useParticipation({ boardId: id, role, connection, board, synced: synced && !board.unreadable });
  const { me, self, request } = participation;
  const { facilitation, itemActions, placing } = useBoardActions(connection, { boardId: id, key: boardKey, role }, self);
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
  // The projector's screen is all board: no site header, its own status and reconnect.
  if (present && synced) {
    return (
      <DragsContext value={connection}>
        <PresenterView board={board} access={{ boardId: id, key: boardKey }} peers={peers} status={status} onReconnect={() => connection.reconnect()} />
      </DragsContext>
    );
  }
  const closedNotice = status.kind === "closed" && (
    <div role="alert" className="mb-8 flex flex-wrap items-center justify-between gap-4 rounded-xl border border-amber-300 bg-amber-50 px-5 py-4 text-amber-950">
      <p>
        <span className="font-semibold">The server closed the connection.</span> {status.reason || "It will not retry on its own."}
      </p>
      <RetryButton onClick={() => connection.reconnect()}>Reconnect</RetryButton>
    </div>
  );
  return (
    <BoardShell status={status}>
      {synced || closedNotice ? (
        <>
          {closedNotice}
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
                  focusFirstNote();
                }}
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
