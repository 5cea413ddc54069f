/**
 * The database client: PostgreSQL through the `postgres` driver when DATABASE_URL is set,
 * otherwise embedded PGlite under DATA_DIR/pglite (migrated on open). Opened lazily on first use,
 * so `next build` never touches a database, and cached on globalThis across dev reloads.
 */
import path from "node:path";
import { fillPlaceholders, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { getEnv } from "@/lib/env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run queries: the database or an open transaction. */
export type Queryable = Db | Tx;

type Handle = {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  /** Runs SQL text with positional parameters on the client under `db` (prepared on postgres-js). */
  run: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  /** PGlite only: runs SQL text that may hold several statements (no parameters); the last one's rows. */
  exec?: (text: string) => Promise<Record<string, unknown>[]>;
};

const globalForDb = globalThis as unknown as { __studyinDb?: Promise<Handle> };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Opens a client for a URL or an embedded directory (null: in-memory PGlite, for tests). */
export async function openDatabase(
  target:
    | {
        url: string;
        poolSize?: number;
        /** Give up on a connection not ready after this long (postgres-js waits 30 s by default). */
        connectTimeoutSeconds?: number;
        /** Postgres cancels any statement running longer (unset: no limit, for migrations and scripts). */
        statementTimeoutMs?: number;
      }
    | { pgliteDir: string | null },
  opts: { migrate?: boolean } = {},
): Promise<Handle> {
  if ("url" in target) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(target.url, {
      max: target.poolSize ?? 5,
      onnotice: () => {},
      ...(target.connectTimeoutSeconds ? { connect_timeout: target.connectTimeoutSeconds } : {}),
      ...(target.statementTimeoutMs ? { connection: { statement_timeout: target.statementTimeoutMs } } : {}),
    });
    const db = drizzle(client, { schema });
    if (opts.migrate) {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    return {
      db,
      kind: "postgres",
      run: (text, params) => client.unsafe(text, params as never[], { prepare: true }),
      close: () => client.end({ timeout: 5 }),
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let release = () => {};
  if (target.pgliteDir) {
    const { acquireDataDirLock } = await import("./pglite-lock");
    release = acquireDataDirLock(target.pgliteDir);
  }
  try {
    const client = target.pgliteDir ? await PGlite.create(target.pgliteDir) : await PGlite.create();
    const db = drizzle(client, { schema }) as unknown as Db;
    if (opts.migrate !== false) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    return {
      db,
      kind: "pglite",
      run: async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows,
      exec: async (text) => ((await client.exec(text)).at(-1)?.rows ?? []) as Record<string, unknown>[],
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

function openFromEnv(): Promise<Handle> {
  const env = getEnv();
  if (env.DATABASE_URL)
    return openDatabase({
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      connectTimeoutSeconds: env.DATABASE_CONNECT_TIMEOUT_SECONDS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS || undefined,
    });
  return openDatabase({ pgliteDir: path.resolve(env.DATA_DIR, "pglite") }, { migrate: true });
}

async function handle(): Promise<Handle> {
  globalForDb.__studyinDb ??= openFromEnv().catch((e) => {
    globalForDb.__studyinDb = undefined; // let the next request try again
    throw e;
  });
  return globalForDb.__studyinDb;
}

/** The process's database. */
export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

export async function databaseKind(): Promise<Handle["kind"]> {
  return (await handle()).kind;
}

const dialect = new PgDialect();

/**
 * A raw statement for a hot path: its SQL text is built once (values as `sql.placeholder(name)`),
 * and through postgres-js it runs as a prepared statement. A statement with parameters that is
 * not prepared costs two round trips on every run there (described first, then bound) and is
 * parsed and planned each time; prepared, it is parsed once per connection and runs in one round
 * trip. PGlite runs in-process and takes it as it is.
 */
export function preparedStatement<T extends Record<string, unknown>, V extends Record<string, unknown>>(build: () => SQL) {
  let query: { sql: string; params: unknown[] } | undefined;
  return async (values: V): Promise<T[]> => {
    query ??= dialect.sqlToQuery(build());
    const params = fillPlaceholders(query.params, values);
    return (await (await handle()).run(query.sql, params)) as T[];
  };
}

/**
 * The embedded database's raw SQL entry points, for the job engine's pg-boss adapter (PGlite serves
 * one connection: pg-boss must share it). Null on Postgres, where pg-boss opens its own pool.
 */
export async function embeddedSql(): Promise<{ query: Handle["run"]; exec: NonNullable<Handle["exec"]> } | null> {
  const h = await handle();
  return h.kind === "pglite" && h.exec ? { query: h.run, exec: h.exec } : null;
}

/** Closes the process's database (tests, scripts, shutdown). */
export async function closeDb(): Promise<void> {
  const h = globalForDb.__studyinDb;
  globalForDb.__studyinDb = undefined;
  if (h) await (await h).close();
}

/** For tests: use this handle as the process database. */
export function setDbForTests(h: Handle | undefined) {
  globalForDb.__studyinDb = h ? Promise.resolve(h) : undefined;
}

export { schema };
