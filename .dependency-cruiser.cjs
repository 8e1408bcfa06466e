// The layout's rules, checked by `npm run lint` (and so by CI): features over platform adapters, each feature
// reached through its public entry, and no import cycles, type-only imports included.
//   features:  src/{models,settings,usage,generation,contests,preferences,assets}, in that order: each may import the ones before it
//   adapters:  src/{discord,fal,store,media,ops}: platform only, they import no feature
//   i18n:      src/i18n: languages and every message; any room may import it, it imports none
//   app:       src/index.ts (entry), src/context.ts, src/config.ts, src/log.ts, and the leaves src/*.ts
const features = "(models|settings|usage|generation|contests|preferences|assets)";
const adapters = "(discord|fal|store|media|ops)";
const app = "^src/(index|context)[.]ts$";

/** A feature may import only the features before it. */
const order = ["models", "settings", "usage", "generation", "contests", "preferences", "assets"];
const layering = order.slice(0, -1).map((feature, index) => ({
  name: `${feature}-imports-no-later-feature`,
  comment: `${feature} comes before ${order.slice(index + 1).join(", ")}: it may not import them`,
  severity: "error",
  from: { path: `^src/${feature}/` },
  to: { path: `^src/(${order.slice(index + 1).join("|")})/` },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No import cycles, type-only imports included.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "adapter-imports-no-feature",
      comment: "A platform adapter knows nothing of features or of the app: pass what it needs in.",
      severity: "error",
      from: { path: `^src/${adapters}/` },
      to: { path: [`^src/${features}/`, app, "^commands/"] },
    },
    {
      name: "feature-imports-no-app",
      comment: "Features take their services as deps; only the app and commands/ import the context.",
      severity: "error",
      from: { path: `^src/${features}/` },
      to: { path: [app, "^commands/"] },
    },
    {
      name: "leaf-imports-no-folder",
      comment: "config, log, fifo, loop-load and wording are leaves: they import no folder of src/.",
      severity: "error",
      from: { path: "^src/(config|log|fifo|loop-load|wording)[.]ts$" },
      to: { path: "^src/[^/]+/" },
    },
    {
      name: "i18n-imports-no-folder",
      comment: "i18n (languages and messages) is platform: any room may use it, it imports no other folder of src/.",
      severity: "error",
      from: { path: "^src/i18n/" },
      to: { path: "^src/(?!i18n/)[^/]+/" },
    },
    ...layering,
    {
      name: "feature-through-its-entry",
      comment: "Another feature is reached through its public entry, index.ts.",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: { path: `^src/${features}/`, pathNot: ["^src/$1/", "^src/[^/]+/index[.]ts$"] },
    },
    {
      name: "app-uses-feature-entries",
      comment: "The app and commands/ reach a feature through its public entry, index.ts.",
      severity: "error",
      from: { path: ["^commands/", "^src/[^/]+[.]ts$"] },
      to: { path: `^src/${features}/`, pathNot: "^src/[^/]+/index[.]ts$" },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
