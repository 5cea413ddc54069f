import { customType } from "drizzle-orm/pg-core";

/** Postgres full-text vector; only ever written by a GENERATED ALWAYS column. */
export const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});
