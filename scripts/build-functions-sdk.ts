/**
 * `@cloudbase/node-sdk` bundled into each function, slimmed (issue 19 item 5). Requiring the SDK
 * from node_modules costs a cold start most of its time: it loads every client at once (AI with
 * its web-streams polyfill, cloud run, analytics, notifications, the models/MySQL client, axios,
 * jsonwebtoken, xml2js). The functions call only `database()`, `auth().getUserInfo()`,
 * `callWxOpenApi` and the storage calls, so:
 *   - LEFT_OUT: SDK modules no function calls are replaced by a stub that throws a clear error
 *     the moment anything of it is used (and records the use on `globalThis`, for the test that
 *     runs every action);
 *   - LAZY: dependencies used only on rare paths load on first use: axios (the metadata look-up
 *     outside SCF), jsonwebtoken (`createTicket`), xml2js (COS error bodies), form-data with its
 *     134 KB mime table (multipart uploads), the HTTP(S) proxy agents (a configured proxy);
 *   - the SDK's `utils/version.js` reads its package.json next to `__dirname`, which a bundle does
 *     not have: it becomes the pinned version, checked against the installed one at build time.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/** The SDK version the functions are built and deployed with (cloudfunctions/<fn>/package.json). */
export const PINNED_SDK_VERSION = '3.18.3';

const SDK_DIR = path.dirname(require.resolve('@cloudbase/node-sdk/package.json'));
const SDK_DIST = path.join(SDK_DIR, 'dist');
const DB_DIST = path.join(path.dirname(require.resolve('@cloudbase/database/package.json', { paths: [SDK_DIR] })), 'dist', 'commonjs');

/** The SDK's own modules left out, by path under dist/ (without .js), and what they serve. */
export const LEFT_OUT: Record<string, string> = {
  'ai/index': 'app.ai() (the AI client, @cloudbase/ai + @cloudbase/app + web-streams-polyfill)',
  'cloudrun/index': 'app.callContainer() and callFunction({type: "cloudrun"})',
  'analytics/index': 'app.analytics()',
  'notification/index': 'app.sendTemplateNotification()',
  'logger/index': 'app.logger()',
};

/** @cloudbase/database's modules left out, by path under dist/commonjs/. */
export const LEFT_OUT_DATABASE: Record<string, string> = {
  'realtime/websocket-client': 'collection().watch() / doc().watch() (realtime listeners over a websocket)',
};

/** Packages left out, and what they serve. */
export const LEFT_OUT_PACKAGES: Record<string, string> = {
  '@cloudbase/wx-cloud-client-sdk': 'app.models, app.mysql(), app.rdb() (the data-model and MySQL clients)',
};

/** Packages loaded on first use instead of at require time. */
export const LAZY_PACKAGES = ['axios', 'jsonwebtoken', 'xml2js', 'form-data', 'https-proxy-agent', 'http-proxy-agent'];

/**
 * Our own code's packages kept out of index.js in the same way, each in a file beside it that the
 * code loads with `import()` on first use (server/platform/xlsx.ts): write-excel-file with its zip,
 * which only 我的数据 and the console's exports use.
 */
export const OWN_LAZY_PACKAGES = ['write-excel-file/node'];

/** Where a use of a left-out part is recorded (the test that runs every action reads it). */
export const LEFT_OUT_USES = 'industrial-community-service-desk.sdk-left-out-uses';

const NAMESPACE = 'sdk-slim';

/**
 * The SDK version is pinned in three places that must agree: the root package.json (what is
 * installed and bundled), each cloudfunctions/<fn>/package.json (what the function declares) and
 * PINNED_SDK_VERSION; and the installed copy must be that version. Throws on any difference.
 */
export function checkPinnedSdk(root = path.resolve(__dirname, '..')): void {
  const problems: string[] = [];
  const installed = (JSON.parse(readFileSync(path.join(SDK_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  if (installed !== PINNED_SDK_VERSION) problems.push(`node_modules has ${installed}`);
  const declared = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> }).dependencies?.['@cloudbase/node-sdk'];
  const rootPin = declared(path.join(root, 'package.json'));
  if (rootPin !== PINNED_SDK_VERSION) problems.push(`package.json asks for ${rootPin}`);
  const fnDir = path.join(root, 'cloudfunctions');
  for (const name of readdirSync(fnDir)) {
    const file = path.join(fnDir, name, 'package.json');
    if (!existsSync(file)) continue;
    const pin = declared(file);
    if (pin !== PINNED_SDK_VERSION) problems.push(`cloudfunctions/${name}/package.json asks for ${pin}`);
  }
  if (problems.length) throw new Error(`@cloudbase/node-sdk is pinned to ${PINNED_SDK_VERSION} (scripts/build-functions-sdk.ts), but ${problems.join('; ')}`);
}

function stubSource(name: string, serves: string, exportsShape: 'module' | 'wx-client'): string {
  const fail = `function fail(what) {
  var uses = (globalThis[Symbol.for(${JSON.stringify(LEFT_OUT_USES)})] = globalThis[Symbol.for(${JSON.stringify(LEFT_OUT_USES)})] || []);
  uses.push(${JSON.stringify(name)} + ': ' + what);
  throw new Error(${JSON.stringify(`@cloudbase/node-sdk: ${name} (${serves}) is left out of this function's bundle because no function calls it (scripts/build-functions-sdk.ts); `)} + what + ' needs it: take it out of LEFT_OUT there');
}
function leftOut(what) {
  return new Proxy(function () {}, {
    get: function (_t, k) { if (k === '__esModule') return true; if (k === 'then' || typeof k === 'symbol') return undefined; return fail(what + '.' + String(k)); },
    apply: function () { return fail(what + '()'); },
    construct: function () { return fail('new ' + what + '()'); },
  });
}`;
  if (exportsShape === 'wx-client') {
    // cloudbase.js init() builds the models client eagerly (inside a try): hand it a client that
    // fails when used, and fail the MySQL client when it is asked for.
    return `${fail}
exports.__esModule = true;
exports.default = {
  generateHTTPClient: function () { return leftOut('app.models'); },
  generateMySQLClient: function () { return function () { return fail('app.mysql()/app.rdb()'); }; },
};`;
  }
  return `${fail}\nmodule.exports = leftOut(${JSON.stringify(name)});`;
}

/** The file, next to the function's index.js, that holds a lazily loaded package. */
export const lazyFile = (pkg: string) => `./sdk-lazy/${pkg.replace(/[^a-z0-9.-]/gi, '_')}.js`;

function lazySource(pkg: string): string {
  // `__importDefault` asks for __esModule at require time: answered from the package itself at
  // build time, so asking does not load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esModule = Boolean((require(require.resolve(pkg, { paths: [SDK_DIR] })) as { __esModule?: boolean }).__esModule);
  return `var real;
function load() { return real || (real = require(${JSON.stringify(lazyFile(pkg))})); }
module.exports = new Proxy(function () {}, {
  get: function (_t, k) { if (k === '__esModule') return ${esModule}; var m = load(); var v = m[k]; return typeof v === 'function' && k !== 'default' ? v.bind(m) : v; },
  has: function (_t, k) { return k in load(); },
  apply: function (_t, self, args) { return load().apply(self, args); },
  construct: function (_t, args) { return Reflect.construct(load(), args); },
});`;
}

/**
 * Bundles each lazily loaded package into `<functionDir>/sdk-lazy/` (every deployed function
 * folder carries its own copy: a function is uploaded alone). Built once, copied to each.
 */
export async function buildLazyPackages(functionDirs: string[], opts: { minify: boolean; sdk?: boolean }): Promise<void> {
  const ROOT = path.resolve(__dirname, '..');
  const packages = [...(opts.sdk === false ? [] : LAZY_PACKAGES.map((pkg) => ({ pkg, from: SDK_DIR }))), ...OWN_LAZY_PACKAGES.map((pkg) => ({ pkg, from: ROOT }))];
  const out = await Promise.all(
    packages.map(async ({ pkg, from }) => {
      const res = await build({
        stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: from, loader: 'js' },
        bundle: true,
        platform: 'node',
        target: 'node18',
        format: 'cjs',
        minify: opts.minify,
        lineLimit: 500,
        legalComments: 'none',
        write: false,
        logLevel: 'silent',
      });
      return { file: lazyFile(pkg), text: res.outputFiles[0].contents };
    }),
  );
  for (const dir of functionDirs) {
    rmSync(path.join(dir, 'sdk-lazy'), { recursive: true, force: true });
    mkdirSync(path.join(dir, 'sdk-lazy'), { recursive: true });
    for (const o of out) writeFileSync(path.join(dir, o.file), o.text);
  }
}

/**
 * The esbuild plugin that keeps OWN_LAZY_PACKAGES out of a function's index.js: our code's
 * `import('write-excel-file/node')` becomes a require of the file beside it (buildLazyPackages).
 */
export function ownLazyPlugin(): Plugin {
  return {
    name: 'own-lazy-packages',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) =>
        OWN_LAZY_PACKAGES.includes(args.path) && args.kind === 'dynamic-import' && !args.importer.includes(`${path.sep}node_modules${path.sep}`)
          ? { path: lazyFile(args.path), external: true }
          : undefined,
      );
    },
  };
}

/** The esbuild plugin that bundles the SDK slimmed as above. */
export function sdkSlimPlugin(): Plugin {
  const installed = (JSON.parse(readFileSync(path.join(SDK_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    name: 'cloudbase-sdk-slim',
    setup(b) {
      if (installed !== PINNED_SDK_VERSION) {
        throw new Error(`@cloudbase/node-sdk ${installed} is installed but the functions pin ${PINNED_SDK_VERSION}: the slimmed bundle is checked against that version`);
      }
      // A lazily loaded package is a file of its own beside index.js, compiled only when loaded.
      b.onResolve({ filter: /^\.\/sdk-lazy\// }, (args) => (args.namespace === NAMESPACE ? { path: args.path, external: true } : undefined));
      // The SDK's own modules, by their resolved path.
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.importer.startsWith(DB_DIST)) {
          const rel = path.relative(DB_DIST, path.resolve(args.resolveDir, args.path)).replace(/\\/g, '/').replace(/\.js$/, '');
          return rel in LEFT_OUT_DATABASE ? { path: `database:${rel}`, namespace: NAMESPACE, pluginData: { kind: 'left-out' } } : undefined;
        }
        if (!args.importer.startsWith(SDK_DIST)) return undefined;
        const rel = path.relative(SDK_DIST, path.resolve(args.resolveDir, args.path)).replace(/\\/g, '/').replace(/\.js$/, '').replace(/^(\w+)$/, '$1/index');
        if (rel in LEFT_OUT) return { path: rel, namespace: NAMESPACE, pluginData: { kind: 'left-out' } };
        if (rel === 'utils/version') return { path: rel, namespace: NAMESPACE, pluginData: { kind: 'version' } };
        return undefined;
      });
      b.onResolve({ filter: /^[@a-z]/ }, (args) => {
        if (args.namespace === NAMESPACE || !args.importer.includes(`${path.sep}node_modules${path.sep}@cloudbase${path.sep}node-sdk${path.sep}`)) return undefined;
        if (args.path in LEFT_OUT_PACKAGES) return { path: args.path, namespace: NAMESPACE, pluginData: { kind: 'left-out-package' } };
        if (LAZY_PACKAGES.includes(args.path)) return { path: args.path, namespace: NAMESPACE, pluginData: { kind: 'lazy' } };
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const kind = (args.pluginData as { kind: string }).kind;
        const contents =
          kind === 'left-out'
            ? args.path.startsWith('database:')
              ? stubSource(`@cloudbase/database ${args.path.slice('database:'.length)}`, LEFT_OUT_DATABASE[args.path.slice('database:'.length)], 'module')
              : stubSource(`dist/${args.path}`, LEFT_OUT[args.path], 'module')
            : kind === 'left-out-package'
              ? stubSource(args.path, LEFT_OUT_PACKAGES[args.path], 'wx-client')
              : kind === 'lazy'
                ? lazySource(args.path)
                : `exports.__esModule = true;\nexports.version = ${JSON.stringify(installed)};`;
        return { contents, loader: 'js', resolveDir: SDK_DIR };
      });
    },
  };
}
