// The database a test run uses: SQLite unless FALCORD_TEST_DATABASE=postgres, then a database of its own for each
// test or bot on the server FALCORD_TEST_POSTGRES_URL names (scripts/test-postgres.sh starts one).
import { randomBytes } from "node:crypto";
import pg from "pg";

export const testDialect: "sqlite" | "postgres" = process.env.FALCORD_TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

function serverUrl(): string {
  const url = process.env.FALCORD_TEST_POSTGRES_URL;
  if (!url) throw new Error("FALCORD_TEST_DATABASE=postgres needs FALCORD_TEST_POSTGRES_URL (start a server: eval \"$(scripts/test-postgres.sh start)\")");
  return url;
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface PostgresDatabase {
  name: string;
  url: string;
  /** Drops it, ending any connection still open to it. */
  drop(): Promise<void>;
}

export async function createPostgresDatabase(prefix: string): Promise<PostgresDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}
