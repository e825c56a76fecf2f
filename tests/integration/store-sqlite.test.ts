import { openSqliteStore } from "../../server/storage/sqlite";
import { tempDir } from "./harness";
import { storeContractSuite } from "./store-contract";

storeContractSuite("sqlite", async () => {
  const dir = tempDir();
  return { store: openSqliteStore({ dir }), reopen: async () => openSqliteStore({ dir }) };
});
storeContractSuite("sqlite (synchronous=FULL)", async () => {
  const dir = tempDir();
  return {
    store: openSqliteStore({ dir, synchronous: "FULL" }),
    reopen: async () => openSqliteStore({ dir, synchronous: "FULL" }),
  };
});
