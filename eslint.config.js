import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "data/", "coverage/", "bench-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Node's globals that the JavaScript files use (TypeScript files are checked by tsc instead of no-undef).
      globals: { process: "readonly", console: "readonly", URL: "readonly", setInterval: "readonly", clearInterval: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Libraries through their public entries only: no file inside a package (its dist/, src/, lib/ or internals).
    files: ["src/**/*.ts", "src/**/*.js", "commands/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?:@[^/.][^/]*/)?[^/.][^/]*/(?:dist|src|lib|build|internal|cjs|esm)(?:/|$)",
              message: "Import the package's public entry, not a file inside it.",
            },
            { regex: "^(?:discord\\.js|@fal-ai/client|better-sqlite3|undici|pino)/", message: "This package is used through its main entry only." },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } },
  },
);
