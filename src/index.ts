// Process entry: config → logger → fal → discord → commands → register.
import { Events, Status, type Client } from "discord.js";
import { config as loadDotenv } from "dotenv";
import { fetch } from "undici";
import { ConfigError, configuredOrigins, instanceIdOf, loadConfig, secretsOf, shardsOf, withoutCredentials, type Config } from "./config.js";
import { translator } from "./i18n/index.js";
import { assetButtonHandlers, assetResultButtons } from "./assets/index.js";
import { createContestEngine, enteringContest, scheduleWhileLeader, submitToContestButton, type ContestLead } from "./contests/index.js";
import type { AppContext } from "./context.js";
import { createDiscordAgent } from "./discord/api-agent.js";
import { refreshAttachmentLinks } from "./discord/attachment-links.js";
import { createDiscordClient } from "./discord/client.js";
import { createInteractionRest } from "./discord/interaction-rest.js";
import { loadCommands } from "./discord/load-commands.js";
import { ProgressPacer, progressEditsPerSecond } from "./discord/progress-pacer.js";
import { registerCommands } from "./discord/register.js";
import { createInteractionRouter } from "./discord/router.js";
import { createFal } from "./fal/client.js";
import { createWebhookVerifier, falJwksUrl } from "./fal/webhook-signature.js";
import {
  createGenerationJobs,
  createJobReporter,
  FairScheduler,
  FalCallbacks,
  falCallbackHandler,
  createFalTurns,
  jobButtonHandlers,
  JobRunner,
  keepLeases,
  type LeaseKeeper,
  memberMessageHandler,
  RunTimes,
} from "./generation/index.js";
import { createLogger, type Logger } from "./log.js";
import { LoopLoad } from "./loop-load.js";
import { BufferPool } from "./media/buffer-pool.js";
import { createDownloader } from "./media/download.js";
import { falStorageCheck } from "./media/url-policy.js";
import { catalog, compileInputSchemas } from "./models/index.js";
import { createMemberPreferences } from "./preferences/index.js";
import { createGuildSettings } from "./settings/index.js";
import { createContestRepository } from "./store/contests.js";
import { databaseAnswers, openDatabase, type Db } from "./store/database.js";
import { createMetrics } from "./ops/metrics.js";
import { startOperatorEndpoints } from "./ops/http-server.js";
import { createFormRepository } from "./store/forms.js";
import { createLedgerRepository } from "./store/ledger.js";
import { startLeadership, type Leadership } from "./store/leadership.js";

function readConfigOrExit(): Config {
  loadDotenv({ quiet: true });
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = [
      "falcord cannot start: its configuration is incomplete.",
      ...error.problems.map((problem) => `  - ${problem}`),
      "Put these in a .env file in the folder you start falcord from (copy .env.example to begin), or set them in the environment, then run `npm start` again.",
    ];
    process.stderr.write(lines.join("\n") + "\n");
    process.exit(1);
  }
}

/** Finished jobs downloading, fitting and uploading their images at once: bounds memory under load. */
const concurrentDeliveries = 8;

/** fal's callbacks carry the request's result (links, not images): far below this. */
const callbackMaxBytes = 1024 * 1024;

/** SIGTERM must end the process within 10 s; this leaves room for the exit itself. */
const shutdownGraceMs = 8000;

async function openDatabaseOrExit(config: Config, log: Logger): Promise<Db> {
  const where = config.DATABASE_URL ? withoutCredentials(config.DATABASE_URL) : config.DATABASE_PATH;
  try {
    return await openDatabase(config.DATABASE_URL ?? config.DATABASE_PATH);
  } catch (error) {
    log.fatal({ err: error, database: where }, "could not open the database");
    const check = config.DATABASE_URL
      ? "Check DATABASE_URL: the server's address, the user, the password and that the database exists."
      : "Check DATABASE_PATH and that the folder is writable.";
    process.stderr.write(`falcord could not open its database at ${where}: ${(error as Error).message}\n${check}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const log = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled promise rejection"));

  const db = await openDatabaseOrExit(config, log);
  // This process's lease on the jobs it admits and runs (see generation/leases.ts).
  const owner = { id: instanceIdOf(config), leaseMs: config.JOB_LEASE_MS };
  const jobs = createGenerationJobs(db, Date.now, owner);
  const ledger = createLedgerRepository(db, Date.now, owner);
  const fal = createFal(config);
  const runTimes = new RunTimes();
  const discordAgent = createDiscordAgent();
  const client = createDiscordClient(config, discordAgent);
  const load = new LoopLoad();
  const progressTurns = new ProgressPacer(progressEditsPerSecond, () => load.saturated);
  const interactionRest = createInteractionRest(config, discordAgent);
  const contests = createContestRepository(db);
  const download = createDownloader(configuredOrigins(config));
  const isFalStorageUrl = falStorageCheck(config.FAL_PROXY_URL);
  const contestEngine = createContestEngine({ client, contests, jobs, catalog, log, download });
  /** The client once it is ready: the one jobs report through. */
  let readyClient: Client<true> | undefined;
  // Keeps up to 4 MiB per delivery slot between deliveries (a result's images, then its upload body); results
  // over 8 MiB get memory of their own.
  const deliveryBuffers = new BufferPool(concurrentDeliveries * 4 * 1024 * 1024, 8 * 1024 * 1024);
  // Members' turns for the jobs that may be at fal at once; the metrics read its queue.
  const falTurns = createFalTurns(db, owner, { ceiling: config.MAX_CONCURRENT_JOBS, known: config.FAL_CONCURRENCY_LIMIT, log });
  // fal's webhooks: a job waits for fal's signed callback on HTTP_PORT instead of streaming its status.
  const webhook = config.FAL_WEBHOOK_URL ? { url: config.FAL_WEBHOOK_URL, callbacks: new FalCallbacks(), sweepMs: config.FAL_WEBHOOK_SWEEP_MS } : undefined;
  const metrics = createMetrics({ unfinishedByState: () => jobs.unfinishedByState(), queue: () => falTurns.queue() });
  const runner = new JobRunner({
    metrics: metrics.jobs,
    fal,
    log,
    jobs,
    capacity: falTurns,
    deliveries: new FairScheduler(concurrentDeliveries),
    imageBuffers: deliveryBuffers,
    download,
    catalog,
    runTimes,
    timeoutMs: config.JOB_TIMEOUT_MS,
    downloadTimeoutMs: config.DOWNLOAD_TIMEOUT_MS,
    uploadInputs: config.IMAGE_INPUT === "upload",
    refreshLinks: (urls) => refreshAttachmentLinks(client.rest, urls),
    webhook,
    reporterFor: (job) => {
      // Jobs run only once the client is ready: recovery starts after ClientReady, and discord.js hands over no
      // interaction before it.
      if (!readyClient) throw new Error(`job ${job.ref} started before the Discord client was ready`);
      return enteringContest(
        createJobReporter(
          {
            client: readyClient,
            interactionRest,
            config,
            log,
            jobs,
            catalog,
            extraButtons: async (finished) => {
              const contest = await submitToContestButton(contests, finished, translator(finished.locale));
              return [...(contest ? [contest] : []), ...assetResultButtons(finished, finished.locale)];
            },
            progressTurns,
            uploadBuffers: deliveryBuffers,
          },
          job,
        ),
        job,
        contestEngine.entries,
        log,
      );
    },
  });
  const ctx: AppContext = {
    config,
    log,
    fal,
    catalog,
    runTimes,
    jobs,
    forms: createFormRepository(db),
    settings: createGuildSettings(db, log),
    userInstall: {
      dailyImages: config.USER_INSTALL_DAILY_IMAGES,
      dailyBudgetUsd: config.USER_INSTALL_DAILY_BUDGET_USD,
      maxJobs: config.USER_INSTALL_MAX_JOBS,
      models: config.USER_INSTALL_MODELS ?? null,
    },
    ledger,
    runner,
    contests,
    contestEngine,
    preferences: createMemberPreferences(db, isFalStorageUrl, log),
    isFalStorageUrl,
    download,
  };
  const refused = compileInputSchemas(catalog);
  if (refused.length) log.warn({ models: refused }, "these models refuse a plain prompt; check their input rules");
  // Claimed before the client takes any interaction: this process's jobs from its last run, and any that no process
  // runs any more (their lease ran out).
  const leftOver = await jobs.claim();
  const commands = await loadCommands<AppContext>();
  const route = createInteractionRouter(commands, ctx, [jobButtonHandlers, assetButtonHandlers]);
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  // Reply to edit: a member's reply to a result, mentioning the bot.
  const onMemberMessage = memberMessageHandler(ctx);
  client.on(Events.MessageCreate, (message) => void onMemberMessage(message));
  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ message }, "discord client warning"));
  client.on(Events.Debug, (message) => log.trace({ message }, "discord debug"));
  client.once(Events.ClientReady, async (ready) => {
    readyClient = ready;
    // ClientReady comes once every shard of this process is ready.
    const { ids: shards, count: shardCount } = shardsOf(config);
    log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size, shards, shardCount }, "connected to Discord");
    const preloading = ctx.settings.preload(ready.guilds.cache.keys()).catch((error: unknown) => {
      log.warn({ err: error }, "could not read the servers' settings ahead; each is read at its first command");
    });
    try {
      await registerCommands(ready, commands.values(), log, config.DISCORD_GUILD_ID);
    } catch (error) {
      log.error({ err: error }, "registering commands failed; existing commands keep working");
    }
    const recovered = await runner.recover(leftOver);
    leases ??= keepLeases(jobs, runner, log, config.JOB_LEASE_MS);
    // One process runs the contests' phases: the leader (always this one on SQLite). Phases whose time passed while
    // none led run now, once; the others get their timers.
    const leading = await startLeadership(db, { retryMs: config.LEADER_RETRY_MS, log });
    const lead = await scheduleWhileLeader(contestEngine.schedule, leading, { refreshMs: config.CONTEST_REFRESH_MS, log });
    leadership = leading;
    contestLead = lead;
    // A shutdown begun meanwhile found neither to stop.
    if (stopping) stopLeading();
    await preloading;
    log.info({ recovered, contests: lead.scheduled, shards, shardCount }, "ready");
  });

  let leases: LeaseKeeper | undefined;
  let leadership: Leadership | undefined;
  let contestLead: ContestLead | undefined;
  let stopping = false;
  const stopLeading = () => {
    contestLead?.stop();
    contestEngine.schedule.stop();
    // Its connection ends, and with it the lock: another process leads from its next try.
    leadership?.stop();
  };
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, inFlight: runner.inFlight }, "shutting down; jobs in flight resume at the next start");
    const deadline = setTimeout(() => {
      log.warn("shutdown took too long; exiting anyway (unfinished jobs resume at the next start)");
      process.exit(0);
    }, shutdownGraceMs);
    stopLeading();
    leases?.stop();
    falTurns.stop();
    await endpoints?.close();
    await runner.shutdown();
    await client.destroy();
    await discordAgent.close();
    await db.destroy();
    clearTimeout(deadline);
    log.info("stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));

  const endpoints =
    config.HTTP_PORT === undefined
      ? undefined
      : await startOperatorEndpoints(
          { host: config.HTTP_HOST, port: config.HTTP_PORT },
          {
            registry: metrics.registry,
            health: async () => ({ discord: client.isReady() && client.ws.status === Status.Ready, database: await databaseAnswers(db) }),
            ...(webhook && config.FAL_USER_ID
              ? {
                  post: {
                    path: new URL(webhook.url).pathname,
                    maxBytes: callbackMaxBytes,
                    handle: falCallbackHandler({
                      verifier: createWebhookVerifier({
                        jwksUrl: config.FAL_WEBHOOK_JWKS_URL ?? falJwksUrl,
                        userId: config.FAL_USER_ID,
                        fetch: (url) => fetch(url, { signal: AbortSignal.timeout(10_000) }),
                      }),
                      callbacks: webhook.callbacks,
                      jobs,
                      log,
                    }),
                  },
                }
              : {}),
          },
        ).catch((error: unknown) => {
          log.fatal({ err: error, host: config.HTTP_HOST, port: config.HTTP_PORT }, "could not open the operators' endpoints");
          process.stderr.write(`falcord could not listen on ${config.HTTP_HOST}:${config.HTTP_PORT} (HTTP_HOST, HTTP_PORT): ${(error as Error).message}\n`);
          process.exit(1);
        });
  if (endpoints) log.info({ host: config.HTTP_HOST, port: endpoints.port }, "operator endpoints listening");
  if (webhook) {
    log.info({ path: new URL(webhook.url).pathname, sweepMs: webhook.sweepMs }, "fal webhooks on: jobs wait for fal's callbacks");
    // Without status events the bot cannot see a request wait at fal, and so cannot find the account's limit.
    if (config.FAL_CONCURRENCY_LIMIT === undefined) {
      log.warn("with FAL_WEBHOOK_URL the bot cannot find your fal account's concurrency limit; set FAL_CONCURRENCY_LIMIT");
    }
  }

  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (error) {
    log.fatal({ err: error }, "could not log in to Discord");
    process.stderr.write(
      "falcord could not log in to Discord: check DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token).\n",
    );
    await client.destroy();
    process.exit(1);
  }
}

await main();
