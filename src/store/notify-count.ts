import Taro from '@tarojs/taro';
import { create } from 'zustand';
import type { TodoItem } from '@core/api/notify';
import { useAppStore } from '.';
import { userApi } from '../services/api/user';

/**
 * 待办 and the unread count: home shows them first, the 我的 tab carries the unread badge. A
 * store of its own (a few lines in the main package), loaded when home shows.
 */
export interface TodosState {
  items?: TodoItem[];
  unread: number;
  load: () => Promise<void>;
  setUnread: (n: number) => void;
}

/** The tab that leads to 消息 (我的). */
const ME_TAB = 1;

function badge(unread: number): void {
  try {
    if (unread > 0) void Taro.setTabBarBadge({ index: ME_TAB, text: unread > 99 ? '99+' : String(unread) }).catch(() => undefined);
    else void Taro.removeTabBarBadge({ index: ME_TAB }).catch(() => undefined);
  } catch {
    // A page without a tab bar: no badge to set.
  }
}

export const useTodos = create<TodosState>()((set) => ({
  items: undefined,
  unread: 0,
  load: async () => {
    try {
      const t = await userApi.todos();
      set({ items: t.items, unread: t.unread });
      badge(t.unread);
    } catch {
      // A hint, not a page: without an answer home shows no to-dos.
    }
  },
  setUnread: (unread) => {
    set({ unread });
    badge(unread);
  },
}));

useAppStore.subscribe((s, prev) => {
  if (prev.me && s.me?.openid !== prev.me.openid) useTodos.setState({ items: undefined, unread: 0 });
});
