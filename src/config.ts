// The only module that reads the environment. Every problem is reported at once, one readable line each.
import { z } from "zod";

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord ID: 17 to 20 digits");

const httpUrl = z
  .string()
  .url("must be a URL such as http://127.0.0.1:8080")
  .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
  .transform((value) => value.replace(/\/+$/, ""));

/**
 * fal's callbacks reach the bot from the internet, so over https; plain http only to a loopback address (a tunnel or
 * reverse proxy on the same machine, the tests' fakes).
 */
const webhookUrl = z
  .string()
  .url("must be a URL such as https://bot.example.com/fal/webhook")
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname));
  }, "must start with https:// (http:// only for 127.0.0.1 or localhost)")
  .refine((value) => !["/healthz", "/metrics"].includes(new URL(value).pathname), "must not end in /healthz or /metrics (the operators' endpoints)");

const emptyAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** Where the data is: an SQLite file, unless a PostgreSQL database is named (also read by `npm run move-to-postgres`). */
export const databaseSchema = z.object({
  DATABASE_PATH: z.preprocess(emptyAsUnset, z.string().default("./data/falcord.sqlite")),
  DATABASE_URL: z.preprocess(
    emptyAsUnset,
    z.url({ protocol: /^postgres(ql)?$/, error: "must be a URL such as postgres://user:password@host:5432/falcord" }).optional(),
  ),
});

const maxShards = 1000;

/** Each variable on its own; configSchema adds the checks between them. */
const variables = z.object({
  DISCORD_TOKEN: z.preprocess(
    emptyAsUnset,
    z
      .string({ error: "is not set" })
      .min(50, "does not look like a bot token (too short)")
      .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, "does not look like a bot token (three dot-separated parts)"),
  ),
  FAL_KEY: z.preprocess(
    emptyAsUnset,
    z.string({ error: "is not set" }).min(8, "does not look like a fal key (too short)"),
  ),
  DISCORD_GUILD_ID: z.preprocess(emptyAsUnset, snowflake.optional()),
  ...databaseSchema.shape,
  LOG_LEVEL: z.preprocess(
    emptyAsUnset,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  DISCORD_API_URL: z.preprocess(emptyAsUnset, httpUrl.optional()),
  FAL_PROXY_URL: z.preprocess(emptyAsUnset, httpUrl.optional()),
  PROGRESS_INTERVAL_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(250).max(60_000).default(1500)),
  JOB_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1000).max(3_600_000).default(600_000)),
  INSTANCE_ID: z.preprocess(emptyAsUnset, z.string().regex(/^[\w.:-]{1,64}$/, "must be 1 to 64 letters, digits, '.', ':', '_' or '-'").optional()),
  JOB_LEASE_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1000).max(600_000).default(15_000)),
  // Several processes on one PostgreSQL: one of them leads and runs the contests' phases (store/leadership.ts).
  LEADER_RETRY_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(600_000).default(5000)),
  CONTEST_REFRESH_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(3_600_000).default(30_000)),
  DOWNLOAD_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1000).max(600_000).default(60_000)),
  IMAGE_INPUT: z.preprocess(emptyAsUnset, z.enum(["url", "upload"]).default("url")),
  MAX_CONCURRENT_JOBS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(1000).default(16)),
  FAL_CONCURRENCY_LIMIT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(1000).optional()),
  // A member's own install (DMs, group DMs, servers that did not install the bot): no server's settings apply there.
  USER_INSTALL_DAILY_IMAGES: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(10_000).default(20)),
  USER_INSTALL_DAILY_BUDGET_USD: z.preprocess(emptyAsUnset, z.coerce.number().min(0).max(100_000).default(1)),
  USER_INSTALL_MAX_JOBS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(50).default(2)),
  // The operators' endpoints (/healthz, /metrics): off unless a port is given.
  HTTP_PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65_535).optional()),
  HTTP_HOST: z.preprocess(emptyAsUnset, z.string().min(1).default("127.0.0.1")),
  // fal's webhooks: jobs are told finished by fal's signed callback on HTTP_PORT instead of a status stream each.
  FAL_WEBHOOK_URL: z.preprocess(emptyAsUnset, webhookUrl.optional()),
  FAL_WEBHOOK_JWKS_URL: z.preprocess(emptyAsUnset, httpUrl.optional()),
  FAL_USER_ID: z.preprocess(emptyAsUnset, z.string().trim().min(1).max(200).optional()),
  FAL_WEBHOOK_SWEEP_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(3_600_000).default(30_000)),
  USER_INSTALL_MODELS: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^[\w.-]+(\s*,\s*[\w.-]+)*$/, "must be model ids separated by commas, e.g. nano-banana,gemini-25-flash-vision")
      .transform((value) => value.split(",").map((id) => id.trim()))
      .optional(),
  ),
  // Not blank-as-unset like the others: discord.js reads SHARD_COUNT from the environment itself (the variable its
  // ShardingManager sets) when the client's shardCount is 1, and would take a blank value as 0 shards.
  SHARD_COUNT: z
    .string()
    .regex(/^\s*\d+\s*$/, "must be a whole number (to run unsharded, remove the line rather than leave it empty)")
    .transform(Number)
    .pipe(z.number().min(1, `must be 1 to ${maxShards}`).max(maxShards, `must be 1 to ${maxShards}`))
    .optional()
    .transform((count) => count ?? 1),
  SHARD_IDS: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "must be shard ids separated by commas, e.g. 0,1")
      .transform((value) => value.split(",").map((id) => Number(id.trim())))
      .refine((ids) => new Set(ids).size === ids.length, "names a shard more than once")
      .optional(),
  ),
});

export const configSchema = variables
  .superRefine((config, context) => {
    // fal's callbacks need a port to arrive on, and the account they are signed for (its user id) to be pinned.
    if (config.FAL_WEBHOOK_URL === undefined) return;
    if (config.HTTP_PORT === undefined) context.addIssue({ code: "custom", path: ["FAL_WEBHOOK_URL"], message: "needs HTTP_PORT: fal's callbacks arrive on that port" });
    if (config.FAL_USER_ID === undefined) context.addIssue({ code: "custom", path: ["FAL_USER_ID"], message: "is not set, and FAL_WEBHOOK_URL needs it" });
  })
  .superRefine(
    ({ SHARD_COUNT: count, SHARD_IDS: ids = [] }, ctx) => {
      const outside = ids.filter((id) => id >= count);
      if (outside.length === 0) return;
      const message = `names ${outside.length === 1 ? "shard" : "shards"} ${outside.join(", ")}, but with SHARD_COUNT=${count} the shards are 0 to ${count - 1}`;
      ctx.addIssue({ code: "custom", path: ["SHARD_IDS"], message });
    },
    // Checked along with every other problem, once both values themselves are valid.
    { when: ({ issues }) => !issues.some((issue) => issue.path?.[0] === "SHARD_COUNT" || issue.path?.[0] === "SHARD_IDS") },
  );

export type Config = z.infer<typeof configSchema>;

/** This process's name among those sharing the database (see store/jobs.ts JobOwner): INSTANCE_ID, else its shards'. */
export function instanceIdOf(config: Pick<Config, "INSTANCE_ID" | "SHARD_IDS">): string {
  return config.INSTANCE_ID ?? (config.SHARD_IDS ? `shards-${config.SHARD_IDS.join("-")}` : "main");
}

/** The shards this process runs, and the total among all of the bot's processes; every shard unless SHARD_IDS names some. */
export function shardsOf(config: Pick<Config, "SHARD_COUNT" | "SHARD_IDS">): { ids: number[]; count: number } {
  return { ids: config.SHARD_IDS ?? Array.from({ length: config.SHARD_COUNT }, (_, id) => id), count: config.SHARD_COUNT };
}

/** The origins of the URLs the bot is configured with (an API proxy, the tests' fakes): downloads from them are trusted. */
export function configuredOrigins(config: Pick<Config, "DISCORD_API_URL" | "FAL_PROXY_URL">): string[] {
  return [config.DISCORD_API_URL, config.FAL_PROXY_URL].flatMap((url) => (url ? [new URL(url).origin] : []));
}

/** A database URL as it may be shown: its user and password left out. */
export function withoutCredentials(url: string): string {
  const shown = new URL(url);
  shown.username = "";
  shown.password = "";
  return shown.toString();
}

/** What the logs must never show: the tokens, each half of the fal key, the database's password and its URL. */
export function secretsOf(config: Config): string[] {
  const database = config.DATABASE_URL ? [config.DATABASE_URL, decodeURIComponent(new URL(config.DATABASE_URL).password)] : [];
  // A fal key is "id:secret": either half alone (a header or message that split it) must not be written either.
  return [config.DISCORD_TOKEN, config.FAL_KEY, ...config.FAL_KEY.split(":"), ...database].filter((secret) => secret.length > 0);
}

/** Where to get each value, for the message a user sees when it is missing or wrong. */
const hints: Record<keyof Config, string> = {
  DISCORD_TOKEN:
    "create an application at https://discord.com/developers/applications, open Bot, press Reset Token and copy it",
  FAL_KEY: "create a key at https://fal.ai/dashboard/keys",
  DISCORD_GUILD_ID:
    "optional; in Discord turn on Developer Mode (Settings → Advanced), right-click your server, Copy Server ID",
  DATABASE_PATH: "optional; a file path such as ./data/falcord.sqlite (the SQLite database, used unless DATABASE_URL is set)",
  DATABASE_URL: "optional; a PostgreSQL database to use instead of SQLite, such as postgres://falcord:password@localhost:5432/falcord",
  LOG_LEVEL: "optional; one of fatal, error, warn, info, debug, trace, silent",
  DISCORD_API_URL: "optional; leave unset to talk to Discord directly",
  FAL_PROXY_URL: "optional; leave unset to talk to fal directly",
  PROGRESS_INTERVAL_MS: "optional; milliseconds between progress edits of a reply, 250 to 60000 (default 1500)",
  JOB_TIMEOUT_MS: "optional; milliseconds before a generation is cancelled, 1000 to 3600000 (default 600000, 10 minutes)",
  INSTANCE_ID:
    "optional; this process's name among several sharing one PostgreSQL database, unique to each and kept across restarts (default: shards-<its SHARD_IDS>, or main)",
  JOB_LEASE_MS:
    "optional; milliseconds a process holds a job without renewing it; another process takes over a dead one's jobs after this, 1000 to 600000 (default 15000)",
  LEADER_RETRY_MS:
    "optional; milliseconds between a process's tries to become the one that runs the contests' phases when another does, 100 to 600000 (default 5000)",
  CONTEST_REFRESH_MS:
    "optional; milliseconds between the leading process's looks for contests created in the others, 100 to 3600000 (default 30000)",
  DOWNLOAD_TIMEOUT_MS: "optional; milliseconds the bot waits for a finished image to download from fal, 1000 to 600000 (default 60000)",
  MAX_CONCURRENT_JOBS:
    "optional; the most jobs ever at fal at once, 1 to 1000 (default 16); below it the bot finds your fal account's limit itself",
  FAL_CONCURRENCY_LIMIT:
    "optional; your fal account's concurrency limit, 1 to 1000, if you know it (fal dashboard); leave unset and the bot finds it",
  USER_INSTALL_DAILY_IMAGES: "optional; images one member may make per UTC day through their own install of the app, 0 to 10000 (default 20)",
  USER_INSTALL_DAILY_BUDGET_USD: "optional; USD one member may spend per UTC day through their own install of the app, 0 to 100000 (default 1)",
  USER_INSTALL_MAX_JOBS: "optional; jobs one member may have running at once through their own install, 1 to 50 (default 2)",
  USER_INSTALL_MODELS:
    "optional; the model ids members may use through their own install, separated by commas (see /models); leave unset for every model",
  HTTP_PORT: "optional; the port of the operators' endpoints /healthz and /metrics, 0 to 65535 (unset: no endpoints)",
  HTTP_HOST: "optional; the address the operators' endpoints listen on (default 127.0.0.1; 0.0.0.0 for every interface)",
  FAL_WEBHOOK_URL:
    "optional; the public https URL of the bot's HTTP_PORT where fal posts a job's callback, e.g. https://bot.example.com/fal/webhook (unset: each job streams its status)",
  FAL_WEBHOOK_JWKS_URL: "optional; where fal publishes the keys its callbacks are signed with (default fal's own); leave unset",
  FAL_USER_ID:
    "with FAL_WEBHOOK_URL; your fal account's user id, the X-Fal-Webhook-User-Id of its callbacks (only callbacks for this account are accepted)",
  FAL_WEBHOOK_SWEEP_MS:
    "optional; with FAL_WEBHOOK_URL, milliseconds between status checks of a job whose callback has not come, 100 to 3600000 (default 30000)",
  SHARD_COUNT: `optional; the bot's shards among all its processes, 1 to ${maxShards} (default 1); Discord requires one shard per 2500 servers`,
  SHARD_IDS:
    "optional; the shards this process runs, such as 0,1 (each from 0 to SHARD_COUNT - 1); leave unset to run them all in this one process",
  IMAGE_INPUT: "optional; url (pass Discord's attachment links to fal, the default) or upload (re-host every image on fal storage first)",
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws ConfigError listing every problem, one line each, with where to get the value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const byVariable = new Map<keyof Config, string[]>();
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0]) as keyof Config;
    const messages = byVariable.get(name) ?? [];
    if (!messages.includes(issue.message)) messages.push(issue.message);
    byVariable.set(name, messages);
  }
  const problems = [...byVariable].map(([name, messages]) => `${name} ${messages.join("; ")}: ${hints[name]}`);
  throw new ConfigError(problems);
}
