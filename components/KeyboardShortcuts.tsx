"use client";

import { useEffect, useRef } from "react";

const SHORTCUTS: [string, string][] = [
  ["j", "下一篇"],
  ["k", "上一篇"],
  ["Enter", "打开当前文章"],
  ["f", "关注/取消关注当前文章的公司（自选）"],
  ["s", "收藏/取消收藏当前文章"],
  ["m", "标为已读/未读"],
  ["/", "搜索文章"],
  ["c", "搜索公司"],
  ["?", "显示/隐藏快捷键"],
  ["Esc", "关闭"],
];

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** j/k move between timeline entries, / focuses the search, c the company search, ? shows help. */
export function KeyboardShortcuts() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || typingIn(event.target)) return;
      if (event.key === "?") {
        event.preventDefault();
        const d = dialog.current;
        if (d?.open) d.close();
        else d?.showModal();
        return;
      }
      if (event.key === "/" || event.key === "c") {
        const search = document.getElementById(event.key === "/" ? "site-search" : "company-search");
        if (search) {
          event.preventDefault();
          search.focus();
        }
        return;
      }
      if (event.key !== "j" && event.key !== "k") return;
      const entries = Array.from(document.querySelectorAll<HTMLElement>("[data-entry]"));
      if (!entries.length) return;
      event.preventDefault();
      const current = entries.findIndex((e) => e.dataset.currentEntry === "true");
      const next = current < 0 ? 0 : Math.min(entries.length - 1, Math.max(0, current + (event.key === "j" ? 1 : -1)));
      entries.forEach((e) => delete e.dataset.currentEntry);
      const entry = entries[next];
      entry.dataset.currentEntry = "true";
      entry.querySelector<HTMLElement>("[data-entry-link]")?.focus({ preventScroll: true });
      entry.scrollIntoView({ block: "center", behavior: "smooth" });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-heading"
      className="m-auto rounded-xl border border-stone-300 bg-white p-6 text-stone-900 shadow-xl backdrop:bg-black/40 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100"
    >
      <h2 id="shortcuts-heading" className="mb-3 text-lg font-semibold">
        键盘快捷键
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        {SHORTCUTS.map(([key, label]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded border border-stone-300 px-1.5 font-mono dark:border-stone-600">{key}</kbd>
            </dt>
            <dd>{label}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <button className="rounded-md border border-stone-300 px-3 py-1 text-sm dark:border-stone-600">关闭</button>
      </form>
    </dialog>
  );
}
