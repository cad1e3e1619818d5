/**
 * The architecture as a check (issue 18 item 3), run by `npm run lint:deps` and by
 * scripts/architecture.test.ts in `npm test`. The layers:
 *   src/ (the app)  →  core/ (pure rules, API types)  ←  server/ (cloud functions)
 * and inside server/: functions → modules (each through its index.ts) → kernel, platform, db.
 * A module's own files import each other freely; anything outside the module (another module, a
 * function file, the kernel) goes through `server/modules/<name>/index.ts`.
 * Tests and scripts (seeding, benches) may reach into a module's files: they are not the layers.
 */

/** What core/ may import besides itself: pure, deterministic packages only (no I/O, no clock, no node builtins). */
const CORE_ALLOWED_PACKAGES = ['zod', 'dayjs']; // chinese-days: read through core/rules/holiday-tables.ts (computed at build time), never at a cold start

const TESTS = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'app-not-to-server',
      comment: 'The app (src/) never imports server code, the emulator or the scripts: it talks to the functions through the typed client.',
      severity: 'error',
      // Its tests too, except a contract test that checks a form against the server's schema
      // (src/**/*.contract.test.tsx) until that schema lives in core/ (issue 18 item 1).
      from: { path: '^src/', pathNot: '\\.contract\\.test\\.tsx?$' },
      to: { path: '^(server|emulator|scripts)/' },
    },
    {
      name: 'core-is-pure',
      comment: `core/ imports only core/ and the pure packages ${CORE_ALLOWED_PACKAGES.join(', ')}: no node builtins, no SDK, no server, no app.`,
      severity: 'error',
      from: { path: '^core/', pathNot: TESTS },
      to: { pathNot: ['^core/', ...CORE_ALLOWED_PACKAGES.map((p) => `(^|/)node_modules/${p}/`)] },
    },
    {
      name: 'module-through-index',
      comment: "Another module's files are reached only through its index.ts (its use cases, queries and commands).",
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: { path: '^server/modules/[^/]+/', pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'functions-through-index',
      comment: 'A function file reaches a module only through its index.ts.',
      severity: 'error',
      from: { path: '^server/functions/' },
      to: { path: '^server/modules/', pathNot: '^server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'kernel-not-to-features',
      comment: 'The kernel, the platform adapters and the db layer never import a feature module (the modules build on them, not the reverse).',
      severity: 'error',
      from: { path: '^server/(kernel|platform|db)/' },
      // Naming a module's type (the caller's user record) is erased at build: allowed; code is not.
      to: { path: '^server/(modules|functions)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'No cycles: between modules (through their index.ts) or between files.',
      severity: 'error',
      from: { path: '^(core|server|src)/' },
      // Runtime cycles: a cycle closed only by `import type` is erased at compile time (the store's
      // slice ↔ types pattern), so it is not one.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules/', '^cloudfunctions/', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
