"use client";

import { useSyncExternalStore } from "react";
import { deskStore, type DeskStore } from "@/lib/desk/store";

/**
 * A value from the reader's desk, kept current (this tab or another changed it).
 * The server, and the first render in the browser, see `initial`: pages are
 * the same for every reader, the browser fills in this reader's list.
 */
export function useDesk<T>(read: (store: DeskStore) => T, initial: T): T {
  return useSyncExternalStore(
    (listener) => deskStore().subscribe(listener),
    () => read(deskStore()),
    () => initial,
  );
}

/** Shown where the desk cannot keep anything: a private window, site data blocked. */
export const NO_STORAGE_NOTICE =
  "这个浏览器不允许本站保存数据（例如隐私窗口，或关闭了网站数据）：自选、已读和收藏只在当前页面有效，离开后不会记住。其余功能照常使用。";
