import { customType } from "drizzle-orm/pg-core";

/** Postgres full-text vector; only ever written by a GENERATED ALWAYS column. */
export const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

/** Raw bytes (Postgres bytea): Buffer from postgres-js, Uint8Array from PGlite; both are Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
