export const snapshotPath = (boardId: string, snapshotId: string) => `/b/${encodeURIComponent(boardId)}/snapshots/${encodeURIComponent(snapshotId)}`;
export const comparePath = (boardId: string, from: string, to: string) =>
  `/b/${encodeURIComponent(boardId)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
