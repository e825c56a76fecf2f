"use client";

import dynamic from "next/dynamic";
import { useEffect, useMemo, useState } from "react";
import type { Role } from "../../lib/board/schema";
import { checkAccess, type Access } from "../../lib/client/access";
import type { ItemActions } from "../facilitation/board-items";
import { JoinPanel } from "./join-panel";
import { newItemId } from "../../lib/client/session/identity";
import { connectBoard, type BoardConnection } from "../../lib/board/connection";
import { BoardNotice, DENIAL_TEXT, RetryButton } from "./board-notice";
import { recallBoardLinks, takeBoardKey, type BoardLinks } from "../../lib/client/session/board-keys";
import { recordRecentBoard } from "../../lib/client/session/recent-boards";
import { BoardShell } from "./board-shell";
import { BoardView } from "./board-view";
import type { Grid, Timer } from "../../lib/board/schema";
import type { PlacementActions } from "./board-workspace";
import { saveRound } from "../../lib/client/snapshots";
import { DragsContext, useBoard, useConnectionStatus, useHasSynced, usePeers } from "../../hooks/use-board";
import { useParticipation } from "../../hooks/use-participation";

/* Only the projector needs the presenter view (and its QR code library): other board pages never load it. */
const PresenterView = dynamic(() => import("../presenter/presenter-view").then((m) => m.PresenterView), { ssr: false });

type Screen =
  | { kind: "checking" }
  | Exclude<Access, { kind: "ok" }>
  | { kind: "open"; connection: BoardConnection; key: string; role: Role; links: BoardLinks | null };

/** How often a dropped connection may re-ask the API whether the board or key is still valid. */
const RECHECK_MS = 10_000;

export default function BoardScreen({ id, present = false }: { id: string; present?: boolean }) {
  const [screen, setScreen] = useState<Screen>({ kind: "checking" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    let connection: BoardConnection | null = null;
    const key = takeBoardKey(id, { present });
    checkAccess(id, key, abort.signal).then(
      (access) => {
        if (access.kind !== "ok") return setScreen(access);
        if (!key) return setScreen({ kind: "denied", reason: "missing-key" });
        connection = connectBoard(id, key);
        setScreen({ kind: "open", connection, key, role: access.role, links: recallBoardLinks(id) });
      },
      () => {
        // Aborted: this effect was cleaned up before the answer came.
      },
    );
    return () => {
      abort.abort();
      connection?.destroy();
    };
  }, [id, attempt, present]);

  // A refused upgrade looks like any dropped socket; when we go offline, ask the API whether it is for good.
  useEffect(() => {
    if (screen.kind !== "open") return;
    const { connection, key } = screen;
    const abort = new AbortController();
    let lastCheck = 0;
    const unsubscribe = connection.subscribe(() => {
      if (connection.status().kind !== "offline" || Date.now() - lastCheck < RECHECK_MS) return;
      lastCheck = Date.now();
      checkAccess(id, key, abort.signal).then(
        (access) => {
          if (access.kind !== "denied") return;
          connection.destroy();
          setScreen(access);
        },
        () => {},
      );
    });
    return () => {
      unsubscribe();
      abort.abort();
    };
  }, [id, screen]);

  switch (screen.kind) {
    case "checking":
      return <BoardShell status={{ kind: "connecting" }} />;
    case "denied": {
      const text = DENIAL_TEXT[screen.reason];
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
          <BoardNotice
            title="Cruxboard cannot be reached"
            action={
              <RetryButton
                onClick={() => {
                  setScreen({ kind: "checking" });
                  setAttempt((n) => n + 1);
                }}
              >
                Try again
              </RetryButton>
            }
          >
            <p>{screen.detail} Check your connection, then try again.</p>
          </BoardNotice>
        </BoardShell>
      );
    case "open":
      return (
        <OpenBoard id={id} boardKey={screen.key} role={screen.role} connection={screen.connection} links={screen.links} present={present} />
      );
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
  const participation = useParticipation({ boardId: id, role, present, connection, board, synced });
  const { me, self, request } = participation;
  // Leaving while edits made offline are still waiting would lose them: ask first.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (connection.hasUnsentChanges()) e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [connection]);
  const title = board.meta.title;
  useEffect(() => {
    if (synced) recordRecentBoard({ id, title, key: boardKey, role, openedAt: Date.now() });
  }, [synced, id, title, boardKey, role]);
  const peers = usePeers(connection);
  const selfColor = self?.color ?? null;
  const grid = board.meta.grid;
  const facilitation = useMemo(
    () =>
      role === "facilitator"
        ? {
            setLocked: (locked: boolean) => connection.setMeta("locked", locked),
            setBlind: (blind: boolean) => connection.setMeta("blind", blind),
            setFocus: (item: string | null) => connection.setMeta("focus", item),
            setTimer: (timer: Timer) => connection.setMeta("timer", timer),
            setAnonymous: (anonymous: boolean) => connection.setMeta("anonymous", anonymous),
            setGrid: (grid: Grid) => connection.setMeta("grid", grid),
            newRound: async (keepPlacements: boolean) => {
              const round = connection.board().meta.round;
              await saveRound(id, boardKey, round);
              connection.startRound(round + 1, keepPlacements);
            },
          }
        : undefined,
    [role, connection, id, boardKey],
  );
  const placing = useMemo<PlacementActions | undefined>(
    () =>
      // Placing starts once this person is on the board, so every placement has a named owner.
      me === null || selfColor === null
        ? undefined
        : {
            me,
            color: selfColor,
            place: (item, point) => connection.place({ item, participant: me, ...point }, grid),
            unplace: (item) => connection.unplace(item, me),
            setDrag: (drag) => connection.setDrag(drag),
          },
    [me, selfColor, connection, grid],
  );
  const itemActions = useMemo<ItemActions | undefined>(
    () =>
      me === null
        ? undefined
        : {
            me,
            add: (value) => connection.addItem({ id: newItemId(), ...value, createdBy: me, createdAt: Date.now() }),
            edit: (itemId, value) => connection.editItem(itemId, { text: value.text, note: value.note }),
            remove: (itemId) => connection.deleteItem(itemId),
          },
    [me, connection],
  );
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
              <JoinPanel key={request.kind} request={request} participants={board.participants} me={me} onSubmit={participation.submitName} />
            </div>
          )}
          {synced && !present && (
            <DragsContext value={connection}>
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
                placing={placing}
                peers={peers}
                self={self && { id: self.id, name: self.name, color: self.color }}
                access={{ boardId: id, key: boardKey }}
                role={role}
                facilitation={facilitation}
              />
            </DragsContext>
          )}
        </>
      ) : undefined}
    </BoardShell>
  );
}
