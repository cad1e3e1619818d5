/**
 * Renders pages of the real weapp build (dist/) headless with miniprogram-simulate: the
 * official WXML compiler, Taro's runtime and the app's own code, in jsdom.
 *
 * The mini-program host is simulated just enough for a Taro app:
 *  - `App(config)` records the app object (`getApp()`), `onLaunch`/`onShow` are called once;
 *  - `Page(config)` is adapted to `Component()` (data, methods, onLoad/onShow/onReady/onUnload
 *    mapped to component lifetimes), since miniprogram-simulate renders components only;
 *  - `wx.cloud.callFunction` is answered by the test's `cloud` stub, at the wx API boundary,
 *    the way CloudBase would (`{ result }`);
 *  - navigation and storage calls are recorded / kept in memory.
 * The dist files are run with `new Function` (not Jest's module system) so no transform touches them.
 */
import fs from 'node:fs';
import path from 'node:path';

export type CloudHandler = (name: string, data: any) => unknown | Promise<unknown>;

export interface WeappOptions {
  distDir: string;
  cloud: CloudHandler;
  storage?: Record<string, unknown>;
}

export interface RenderedPage {
  /** The j-component root (has .dom, .instance, .querySelector). */
  comp: any;
  dom: HTMLElement;
  /** The Taro page instance (the component's `this`). */
  page: any;
  /** Visible text of the page, whitespace collapsed. */
  text(): string;
  /** The innermost node whose text contains `text`. */
  byText(text: string | RegExp): HTMLElement | null;
  /** Dispatches a tap on a node the way the mini-program host would (`bindtap="eh"`). */
  tap(el: Element): Promise<void>;
  unload(): void;
}

export interface Weapp {
  app: any;
  calls: { cloud: { name: string; data: any }[]; navigate: { api: string; url: string }[]; toasts: string[]; tabBar: { index: number; text: string }[]; titles: string[] };
  storage: Map<string, unknown>;
  render(route: string, query?: Record<string, string>): Promise<RenderedPage>;
  /** Waits until `predicate` holds (polling, bounded). */
  until(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
}

const g = globalThis as any;

export async function launchWeapp(opts: WeappOptions): Promise<Weapp> {
  const dist = path.resolve(opts.distDir);
  if (!fs.existsSync(path.join(dist, 'app.js'))) throw new Error(`no weapp build in ${dist} (app.js missing)`);

  const simulate = require('miniprogram-simulate');
  const simUtils = require('miniprogram-simulate/src/utils');

  // --- run dist files as plain scripts with a tiny CommonJS loader ---------------------------
  const loaded = new Map<string, any>();
  function runFile(file: string, fresh = false): any {
    const abs = file.endsWith('.js') ? file : `${file}.js`;
    if (!fresh && loaded.has(abs)) return loaded.get(abs).exports;
    const mod = { exports: {} as any };
    loaded.set(abs, mod);
    const localRequire = (p: string) => {
      if (p.startsWith('.') || p.startsWith('/')) return runFile(path.resolve(path.dirname(abs), p));
      return require(p);
    };
    const code = fs.readFileSync(abs, 'utf8');
    new Function('require', 'module', 'exports', code)(localRequire, mod, mod.exports);
    return mod.exports;
  }
  simUtils.runJs = (p: string) => runFile(p, true);

  // --- the host: wx APIs a Taro app touches --------------------------------------------------
  const calls: Weapp['calls'] = { cloud: [], navigate: [], toasts: [], tabBar: [], titles: [] };
  const storage = new Map<string, unknown>(Object.entries(opts.storage ?? {}));
  const ok = (api: string, extra: object = {}) => ({ errMsg: `${api}:ok`, ...extra });
  const asyncApi =
    <T>(api: string, run: (o: any) => T | Promise<T>) =>
    (o: any = {}) =>
      Promise.resolve()
        .then(() => run(o))
        .then(
          (res) => {
            o.success?.(res);
            o.complete?.(res);
            return res;
          },
          (err) => {
            const e = { errMsg: `${api}:fail ${err?.message ?? err}` };
            o.fail?.(e);
            o.complete?.(e);
            throw e;
          },
        );
  const nav = (api: string) =>
    asyncApi(api, (o) => {
      calls.navigate.push({ api, url: o.url ?? String(o.delta ?? '') });
      return ok(api);
    });
  Object.assign(g.wx, {
    cloud: {
      init: () => undefined,
      callFunction: asyncApi('cloud.callFunction', async (o) => {
        calls.cloud.push({ name: o.name, data: o.data });
        const result = await opts.cloud(o.name, o.data);
        return { errMsg: 'cloud.callFunction:ok', result, requestID: `req-${calls.cloud.length}` };
      }),
    },
    navigateTo: nav('navigateTo'),
    redirectTo: nav('redirectTo'),
    reLaunch: nav('reLaunch'),
    switchTab: nav('switchTab'),
    navigateBack: nav('navigateBack'),
    showToast: asyncApi('showToast', (o) => {
      calls.toasts.push(o.title);
      return ok('showToast');
    }),
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    getStorage: asyncApi('getStorage', (o) => {
      if (!storage.has(o.key)) throw new Error('data not found');
      return ok('getStorage', { data: storage.get(o.key) });
    }),
    setStorage: asyncApi('setStorage', (o) => {
      storage.set(o.key, o.data);
      return ok('setStorage');
    }),
    removeStorage: asyncApi('removeStorage', (o) => {
      storage.delete(o.key);
      return ok('removeStorage');
    }),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', (o) => {
      calls.titles.push(o.title);
      return ok('setNavigationBarTitle');
    }),
    setTabBarItem: asyncApi('setTabBarItem', (o) => {
      calls.tabBar.push({ index: o.index, text: o.text });
      return ok('setTabBarItem');
    }),
  });

  // --- App / Page constructors ---------------------------------------------------------------
  let app: any;
  const pages: any[] = [];
  let pendingRoute = '';
  g.App = (config: any) => {
    app = config;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages.slice();
  g.Page = (config: any) => {
    const route = pendingRoute;
    const methods: Record<string, (...args: unknown[]) => unknown> = {};
    for (const [k, v] of Object.entries(config)) if (typeof v === 'function') methods[k] = v as (...args: unknown[]) => unknown;
    g.Component({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = this.__route__ = route;
          pages.push(this);
          this.onLoad?.(this.__query ?? {});
          this.onShow?.();
        },
        ready(this: any) {
          this.onReady?.();
        },
        detached(this: any) {
          this.onHide?.();
          this.onUnload?.();
          pages.splice(pages.indexOf(this), 1);
        },
      },
    });
  };

  // A fresh app: webpack's chunk list lives on `wx`; a previous launch's chunks must not replay.
  delete g.wx.webpackJsonp;
  document.body.innerHTML = '';
  runFile(path.join(dist, 'app.js'));
  if (!app) throw new Error('dist/app.js did not call App()');
  const launch = { path: 'pages/index/index', query: {}, scene: 1001 };
  app.onLaunch?.(launch);
  app.onShow?.(launch);

  async function until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      if (predicate()) return;
      if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function render(route: string, query: Record<string, string> = {}): Promise<RenderedPage> {
    pendingRoute = route.replace(/^\//, '');
    const id = simulate.load(path.join(dist, pendingRoute), { rootPath: dist });
    const comp = simulate.render(id);
    comp.instance.__query = query;
    const parent = document.createElement('div');
    document.body.appendChild(parent);
    comp.attach(parent);
    await new Promise((r) => setTimeout(r, 0));
    const dom: HTMLElement = comp.dom;
    const text = () => (dom.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      comp,
      dom,
      page: comp.instance,
      text,
      byText: (t) => findByText(dom, t),
      async tap(el) {
        tapElement(el);
        await new Promise((r) => setTimeout(r, 0));
      },
      unload() {
        comp.detach();
        parent.remove();
      },
    };
  }

  return { app, calls, storage, render, until };
}

/**
 * A tap as the host delivers it: a DOM event plus the exparser event that reaches the
 * element's `bindtap="eh"` handler (the same path j-component's own dispatchEvent takes).
 */
export function tapElement(el: Element): void {
  const exparser = require('miniprogram-exparser');
  const wxEl = (el as any).__wxElement;
  if (!wxEl) throw new Error(`tap: <${el.tagName.toLowerCase()}> is not a rendered mini-program node`);
  const original = new CustomEvent('tap', {});
  el.dispatchEvent(original);
  exparser.Event.dispatchEvent(
    wxEl,
    exparser.Event.create('tap', {}, { originalEvent: original, bubbles: true, capturePhase: true, composed: true, extraFields: { touches: {}, changedTouches: {} } }),
  );
}

/** The innermost rendered node whose own text (whitespace collapsed) contains `text`. */
export function findByText(root: Element, text: string | RegExp): HTMLElement | null {
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  const hit = (e: Element) => (typeof text === 'string' ? norm(e.textContent).includes(text) : text.test(norm(e.textContent)));
  let found: Element | null = null;
  const walk = (e: Element) => {
    if (!hit(e)) return;
    found = e;
    for (const c of Array.from(e.children)) walk(c);
  };
  walk(root);
  return found;
}
