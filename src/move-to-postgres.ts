// `npm run move-to-postgres`: copies the SQLite database at DATABASE_PATH into the new, empty PostgreSQL database at
// DATABASE_URL (both from the environment or .env). Stop the bot first; start it again with DATABASE_URL set.
import { config as loadDotenv } from "dotenv";
import { databaseSchema, withoutCredentials } from "./config.js";
import { copySqliteToPostgres } from "./store/copy-database.js";
import { isPostgresUrl, openDatabase } from "./store/database.js";
import { existsSync } from "node:fs";

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  const parsed = databaseSchema.safeParse(process.env);
  if (!parsed.success || !parsed.data.DATABASE_URL) {
    const problem = parsed.success ? "is not set" : parsed.error.issues.map((issue) => issue.message).join("; ");
    process.stderr.write(`DATABASE_URL ${problem}: set it to the new PostgreSQL database, such as postgres://falcord:password@localhost:5432/falcord\n`);
    return 1;
  }
  const { DATABASE_PATH: path, DATABASE_URL: url } = parsed.data;
  if (isPostgresUrl(path) || !existsSync(path)) {
    process.stderr.write(`No SQLite database at ${path}: set DATABASE_PATH to the file the bot used.\n`);
    return 1;
  }
  const from = await openDatabase(path);
  try {
    const to = await openDatabase(url);
    try {
      const copied = await copySqliteToPostgres(from, to);
      for (const [table, rows] of Object.entries(copied)) process.stdout.write(`${table}: ${rows} rows\n`);
      process.stdout.write(`Copied ${path} into ${withoutCredentials(url)}. Keep DATABASE_URL set and start the bot.\n`);
      return 0;
    } finally {
      await to.destroy();
    }
  } finally {
    await from.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`falcord could not copy the database: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
