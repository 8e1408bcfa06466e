import { defineConfig } from "vitest/config";

/**
 * The tests that touch the database run again on PostgreSQL when a test server is given (FALCORD_TEST_POSTGRES_URL,
 * see scripts/test-postgres.sh; .ci/run starts one): the store's own tests and the end-to-end suite.
 */
const onPostgres = [
  "test/unit/store-*.test.ts",
  "test/unit/policy.test.ts",
  "test/unit/contests.test.ts",
  "test/unit/describe.test.ts",
  "test/unit/shared-fal-capacity.test.ts",
  "test/e2e/**/*.test.ts",
];

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    restoreMocks: true,
    projects: [
      { extends: true, test: { name: "sqlite", include: ["test/**/*.test.ts"] } },
      ...(process.env.FALCORD_TEST_POSTGRES_URL
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: onPostgres,
                // Installing the bot from npm's cache says nothing about the database.
                exclude: ["test/e2e/production-install.test.ts"],
                env: { FALCORD_TEST_DATABASE: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
