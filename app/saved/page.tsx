import type { Metadata } from "next";
import { SavedList } from "@/components/desk/SavedList";

export const metadata: Metadata = { title: "收藏", robots: { index: false } };

/** The same page for every reader: the saved articles live in the reader's browser (components/desk/). */
export default function SavedPage() {
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">收藏</h1>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">收藏只保存在这个浏览器里，不需要账号，服务器不记录你收藏了什么。</p>
      {/* Hidden once the desk island runs (globals.css): without JavaScript, or when it fails to load, this is all there is. */}
      <p className="desk-nojs mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        收藏需要 JavaScript：收藏的文章只存在你的浏览器里。
      </p>
      <SavedList />
    </div>
  );
}
