"use client";

import dynamic from "next/dynamic";
import { useEffect, useMemo, useState } from "react";
import { checkAccess, type Access, type Role } from "./board-access";
import type { ItemActions } from "./board-items";
import { JoinPanel } from "./join-panel";
import { newItemId, participantFor, rememberName, rememberedName } from "./participant-identity";
import { connectBoard, type BoardConnection } from "../lib/board/connection";
import { BoardNotice, DENIAL_TEXT, RetryButton } from "./board-notice";
import { recallBoardLinks, takeBoardKey, type BoardLinks } from "./board-session";
import { recordRecentBoard } from "./recent-boards-store";
import { BoardShell } from "./board-shell";
import { BoardView } from "./board-view";
import type { Grid, Timer } from "../lib/board/schema";
import type { PlacementActions } from "./board-workspace";
import { saveRound } from "./board-rounds";
import { DragsContext, useBoard, useConnectionStatus, useHasSynced, usePeers } from "./use-board";

/* Only the projector needs the presenter view (and its QR code library): other board pages never load it. */
const PresenterView = dynamic(() => import("./presenter-view").then((m) => m.PresenterView), { ssr: false });

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
    const key = takeBoardKey(id);
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
  }, [id, attempt]);

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
  // Viewers watch; everyone else takes part under a stable id for this board.
  const me = useMemo(() => (role === "viewer" || present ? null : participantFor(id)), [id, role, present]);
  const registered = me !== null && board.participants.some((p) => p.id === me.id);
  const [name, setName] = useState(() => rememberedName());
  useEffect(() => {
    if (!synced || !me || registered || !name) return;
    connection.join({ id: me.id, name, color: me.color, joinedAt: Date.now() });
  }, [synced, me, registered, name, connection]);
  const askName = synced && me !== null && !registered && !name;
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
  const self = me && registered ? (board.participants.find((p) => p.id === me.id) ?? null) : null;
  const selfName = self?.name ?? null;
  const selfColor = self?.color ?? null;
  useEffect(() => {
    if (role === "viewer") return connection.setUser({ participant: null, name: "Viewer", color: "#64748b", role });
    if (!me || !selfName || !selfColor) return connection.setUser(null);
    connection.setUser({ participant: me.id, name: selfName, color: selfColor, role });
  }, [connection, role, me, selfName, selfColor]);
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
            me: me.id,
            color: selfColor,
            place: (item, point) => connection.place({ item, participant: me.id, ...point }, grid),
            unplace: (item) => connection.unplace(item, me.id),
            setDrag: (drag) => connection.setDrag(drag),
          },
    [me, selfColor, connection, grid],
  );
  const itemActions = useMemo<ItemActions | undefined>(
    () =>
      me === null
        ? undefined
        : {
            me: me.id,
            add: (value) => connection.addItem({ id: newItemId(), ...value, createdBy: me.id, createdAt: Date.now() }),
            edit: (itemId, value) => connection.editItem(itemId, { text: value.text, note: value.note }),
            remove: (itemId) => connection.deleteItem(itemId),
          },
    [me, connection],
  );
  // The projector's screen is all board: no site header, its own status and reconnect.
  if (present && synced) {
    return (
      <DragsContext value={connection}>
        <PresenterView board={board} access={{ boardId: id, key: boardKey }} status={status} onReconnect={() => connection.reconnect()} />
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
          {askName && (
            <JoinPanel
              onJoin={(chosen) => {
                rememberName(chosen);
                setName(chosen);
              }}
            />
          )}
          {synced && !present && (
            <DragsContext value={connection}>
              <BoardView
                board={board}
                links={links}
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
