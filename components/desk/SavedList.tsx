"use client";

// The 收藏 page's list: saved articles from this browser's storage, shown
// without the server, then checked against it: current titles, renamed
// articles followed to their new address, deleted ones marked 已不存在.

import Link from "next/link";
import { useEffect, useState } from "react";
import type { ArticleStatus } from "@/lib/data/desk";
import { publishedMs } from "@/lib/desk/published";
import { deskStore, SAVED_LIMIT, type SavedArticle } from "@/lib/desk/store";
import { articleHref } from "@/lib/routes";
import { NO_STORAGE_NOTICE, useDesk } from "./useDesk";

const NONE: readonly SavedArticle[] = [];
type Change = Partial<Pick<SavedArticle, "slug" | "title" | "source" | "published" | "gone">>;

const dayFormat = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });
const timeFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

function formatPublished(published: string): string {
  const ms = publishedMs(published);
  if (Number.isNaN(ms)) return "";
  return (published.length === 10 ? dayFormat : timeFormat).format(ms);
}

/** Where a missing slug went: a redirect to another article is a rename, a 404 is gone; anything else is unknown (null). */
async function followMissing(slug: string): Promise<Change | null> {
  const response = await fetch(articleHref(slug), { method: "HEAD", redirect: "follow" });
  if (response.status === 404 || response.status === 410) return { gone: true };
  const moved = /\/articles\/([^/?#]+)$/.exec(new URL(response.url).pathname);
  if (response.ok && response.redirected && moved) return { slug: decodeURIComponent(moved[1]), gone: false };
  return null;
}

async function statuses(slugs: string[]): Promise<Map<string, ArticleStatus>> {
  const response = await fetch("/api/articles", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ slugs }),
  });
  if (!response.ok) throw new Error(`服务器返回 ${response.status}`);
  return new Map((((await response.json()).articles ?? []) as ArticleStatus[]).map((a) => [a.slug, a]));
}

const current = (a: ArticleStatus): Change => ({ title: a.title, source: a.source, published: a.published, gone: false });

/** One request for the whole list (POST /api/articles); HEAD only for the few it does not find, and one more request for their new addresses. */
async function check(saved: readonly SavedArticle[]): Promise<Map<string, Change>> {
  const found = await statuses(saved.map((a) => a.slug));
  const changes = new Map<string, Change>();
  for (const article of saved) {
    const now = found.get(article.slug);
    const change = now ? current(now) : await followMissing(article.slug);
    if (change) changes.set(article.slug, change);
  }
  const renamed = [...changes].filter(([slug, change]) => change.slug && change.slug !== slug);
  if (renamed.length) {
    const moved = await statuses(renamed.map(([, change]) => change.slug!));
    for (const [slug, change] of renamed) {
      const now = moved.get(change.slug!);
      if (now) changes.set(slug, { ...change, ...current(now) });
    }
  }
  return changes;
}

export function SavedList() {
  const saved = useDesk((store) => store.saved(), NONE);
  const persistent = useDesk((store) => store.persistent, true);
  // null while the server is being asked; then "" or what went wrong.
  const [checkError, setCheckError] = useState<string | null>(null);

  useEffect(() => {
    const store = deskStore();
    if (!store.saved().length) return;
    check(store.saved())
      .then((changes) => {
        store.reconcileSaved(changes);
        setCheckError("");
      })
      .catch((e: Error) => setCheckError(`没能核对收藏的文章（${e.message}），先显示保存时的信息。`));
  }, []);
  const status = checkError ?? (saved.length ? "正在核对收藏的文章是否还在…" : "");

  return (
    <div className="mt-6">
      {!persistent && (
        <p
          role="alert"
          className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {NO_STORAGE_NOTICE}
        </p>
      )}
      <p className="text-sm text-stone-600 dark:text-stone-400">
        已收藏 {saved.length}/{SAVED_LIMIT} 篇。<span role="status">{status}</span>
      </p>
      {saved.length === 0 ? (
        <p className="mt-4 rounded-xl border border-dashed border-stone-300 p-8 text-center dark:border-stone-700">
          还没有收藏文章。点文章卡片上的 ☆ 或文章页的“收藏”即可收藏（键盘：s）。
        </p>
      ) : (
        <ol className="mt-4 divide-y divide-stone-200 dark:divide-stone-800" aria-label="收藏的文章">
          {saved.map((article) => (
            <li key={article.slug} className="flex items-start justify-between gap-4 py-3">
              <div className="min-w-0">
                <h2 className="text-base leading-snug font-semibold">
                  {article.gone ? (
                    <span className="text-stone-600 line-through dark:text-stone-400">{article.title}</span>
                  ) : (
                    <Link href={articleHref(article.slug)} className="hover:text-sky-700 hover:underline dark:hover:text-sky-400">
                      {article.title}
                    </Link>
                  )}
                </h2>
                <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-stone-600 dark:text-stone-400">
                  {article.gone && (
                    <strong className="rounded bg-amber-100 px-1.5 text-amber-900 dark:bg-amber-900 dark:text-amber-100">已不存在</strong>
                  )}
                  <span>{formatPublished(article.published)}</span>
                  {article.source && <span>{article.source}</span>}
                </p>
              </div>
              <button
                type="button"
                className="desk-button shrink-0"
                aria-label={`取消收藏：${article.title}`}
                onClick={() => deskStore().unsave(article.slug)}
              >
                取消收藏
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
