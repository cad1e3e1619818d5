// ESLint for the whole repository: JavaScript's recommended rules, typescript-eslint's recommended
// rules (syntax-only: type-aware linting doubles the run on a 2-core machine and `npm run
// typecheck` already runs tsc), and the React hooks rules (the plugin's recommended preset: the
// rules of hooks, exhaustive deps and the React Compiler's checks) for the app. CI runs it with
// --max-warnings 0.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores([
    'node_modules/',
    'dist/',
    'dist-h5/',
    '.temp/',
    '.swc/',
    '.cloudbase-local/',
    'coverage/',
    'tmp/',
    'cloudfunctions/*/index.js',
    'cloudfunctions/*/sdk-lazy/',
    '.tmp-measure/',
    'e2e/screenshots/',
    'e2e/.artifacts/',
    'playwright-report/',
    'test-results/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_` marks a parameter or binding kept for its position (a handler's unused context).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'test-app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/**/*.tsx', 'src/**/use-*.ts', 'src/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Tests: jest.mock factories are hoisted above the imports, so they must require() what they
    // return; and tests probe untyped answers (miniprogram-simulate ships no types, the gateway's
    // raw JSON) where `any` is the honest type.
    files: ['**/*.test.{ts,tsx}', 'test/**', 'test-app/**', 'emulator/test/**', 'e2e/**', 'src/test-support/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter's destructuring: a fixture
    // that needs no other fixture must be written `async ({}, use) => …`.
    files: ['e2e/support/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // Plain CommonJS configuration and fixture files.
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
]);
