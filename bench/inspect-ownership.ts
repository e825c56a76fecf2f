/**
 * What the seats' ownership checks add to inspecting one update: the same participants' updates
 * (moves of their own notes, a new item, a rename, as the board page writes them) inspected with and
 * without `owner`, interleaved, on a board of 30 people with 9 notes each.
 *   npx tsx bench/inspect-ownership.ts [updates]
 */
import * as Y from "yjs";
import { addItem, joinParticipant, placeItem } from "../lib/board/commands";
import { createBoard } from "../lib/board/create-board";
import { readBoard } from "../lib/board/doc";
import { inspectUpdate, type InspectPolicy } from "../server/sync/inspect";

const UPDATES = Number(process.argv[2] ?? 3000);
const REPEAT = 40;
const PEOPLE = 30;

const board = new Y.Doc();
createBoard(board, { title: "Bench", template: "alignment" });
const grid = readBoard(board).meta.grid;
const items = readBoard(board).items.map((i) => i.id);
const people = Array.from({ length: PEOPLE }, (_, i) => `p-bench${String(i).padStart(10, "0")}`);
for (const [i, id] of people.entries()) {
  joinParticipant(board, { id, name: `Person ${i}`, color: "#2563eb", joinedAt: 1 });
  for (const item of items) placeItem(board, { item, participant: id, col: Math.random() * 3, row: Math.random() * 3 }, grid);
}

/** Each person's own copy, writing with its own client id, as a page does. */
const copies = people.map(() => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(board));
  return doc;
});

let withOwner = 0;
let without = 0;
const time = (update: Uint8Array, policy: InspectPolicy): number => {
  const start = process.hrtime.bigint();
  const verdict = inspectUpdate(board, update, policy);
  const spent = Number(process.hrtime.bigint() - start);
  if (verdict.reason !== null) throw new Error(`an honest update was refused: ${verdict.reason}`);
  return spent;
};

for (let n = 0; n < UPDATES; n++) {
  const who = n % PEOPLE;
  const me = people[who]!;
  const copy = copies[who]!;
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  copy.once("update", capture);
  if (n % 50 === 7) addItem(copy, { id: `i-${n}`, text: `Item ${n}`, createdBy: me, createdAt: n });
  else if (n % 50 === 13) joinParticipant(copy, { id: me, name: `Person ${who} (${n})`, color: "#2563eb", joinedAt: 1 });
  else placeItem(copy, { item: items[n % items.length]!, participant: me, col: Math.random() * 3, row: Math.random() * 3 }, grid);
  const u = update as Uint8Array | null;
  if (!u) throw new Error("no update");
  const writer = copy.clientID;
  for (let r = 0; r < REPEAT; r++) {
    // Alternated, so neither variant always runs on a warmer cache.
    if (r % 2 === 0) {
      withOwner += time(u, { allowMeta: false, writer, owner: me });
      without += time(u, { allowMeta: false, writer });
    } else {
      without += time(u, { allowMeta: false, writer });
      withOwner += time(u, { allowMeta: false, writer, owner: me });
    }
  }
  // The board and every copy move on, as the room would relay it.
  Y.applyUpdate(board, u);
  for (const other of copies) if (other !== copy) Y.applyUpdate(other, u);
}

const per = (ns: number) => ns / (UPDATES * REPEAT) / 1000;
console.log(`inspecting one participant update (${UPDATES} updates × ${REPEAT}, ${PEOPLE} people, ${items.length} items):`);
console.log(`  without ownership checks  ${per(without).toFixed(2)} µs`);
console.log(`  with ownership checks     ${per(withOwner).toFixed(2)} µs`);
console.log(`  added                     ${(per(withOwner) - per(without)).toFixed(2)} µs (${(((withOwner - without) / without) * 100).toFixed(1)} % of inspecting)`);
