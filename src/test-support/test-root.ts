import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';

export interface TestRoot {
  /** The element the screen renders into (attached to the document). */
  readonly host: HTMLDivElement;
  readonly root: Root;
  /** Unmounts the screen and starts a new root in the same host (a page opened again). */
  remount(): void;
}

/**
 * A fresh DOM host and React root for each test of the calling file, unmounted and removed after
 * it. Call it at the top level of a test file.
 */
export function setupTestRoot(): TestRoot {
  let host: HTMLDivElement | undefined;
  let root: Root | undefined;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });
  afterEach(() => {
    const r = root;
    if (r) act(() => r.unmount());
    host?.remove();
    host = root = undefined;
  });
  return {
    get host() {
      if (!host) throw new Error('setupTestRoot: no host outside a test');
      return host;
    },
    get root() {
      if (!root) throw new Error('setupTestRoot: no root outside a test');
      return root;
    },
    remount() {
      const r = root;
      if (!r || !host) throw new Error('setupTestRoot: no root outside a test');
      act(() => r.unmount());
      root = createRoot(host);
    },
  };
}
