import type { Metadata } from "next";
import Link from "next/link";
import { WatchlistPanel } from "@/components/desk/WatchlistPanel";

export const metadata: Metadata = { title: "自选", robots: { index: false } };

/** The same page for every reader: the list itself lives in the reader's browser (components/desk/). */
export default function WatchlistPage() {
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold">自选</h1>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">
        自选是你关注的公司的时间线与订阅。列表只保存在这个浏览器里，不需要账号，服务器不记录你关注了谁；换浏览器或设备时，用导出、导入或分享链接带过去。
      </p>
      {/* Hidden once the desk island runs (globals.css): without JavaScript, or when it fails to load, this is all there is. */}
      <p className="desk-nojs mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        自选需要 JavaScript：列表只存在你的浏览器里。不开 JavaScript 也可以在
        <Link href="/companies" className="underline">
          公司列表
        </Link>
        里按公司阅读，或在时间线上按公司筛选（一次最多 50 家）。
      </p>
      <WatchlistPanel />
    </div>
  );
}
