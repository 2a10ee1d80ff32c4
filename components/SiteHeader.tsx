import Link from "next/link";
import { SITE_NAME } from "@/lib/site";
import { SearchBox } from "./SearchBox";

export function SiteHeader() {
  return (
    <header className="border-b border-stone-200 bg-white/80 dark:border-stone-800 dark:bg-stone-900/60">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight">
          {SITE_NAME}
        </Link>
        <SearchBox />
        <nav aria-label="主导航">
          <ul className="flex items-center gap-1 text-sm">
            <li>
              <Link href="/" className="inline-block px-2 py-2.5 hover:underline">
                时间线
              </Link>
            </li>
            <li>
              <Link href="/companies" className="inline-block px-2 py-2.5 hover:underline">
                公司
              </Link>
            </li>
            <li>
              {/* A plain link: with a watchlist, the desk island points it at the followed companies' timeline. */}
              <a href="/watchlist" data-desk-nav="watchlist" className="inline-block px-2 py-2.5 hover:underline">
                自选
              </a>
            </li>
            <li>
              <Link href="/saved" className="inline-block px-2 py-2.5 hover:underline">
                收藏
              </Link>
            </li>
            <li>
              <a href="/feed.xml" className="inline-block px-2 py-2.5 hover:underline">
                订阅
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-stone-200 py-8 text-center text-xs text-stone-500 dark:border-stone-800">
      <p>
        内容来自公开财经新闻，版权归原作者所有。时间均为北京时间。按 <kbd className="rounded border px-1">?</kbd> 查看快捷键。
      </p>
      <p className="mt-2 space-x-3">
        <a href="/feed.json" className="hover:underline">
          JSON Feed
        </a>
        <a href="/feed.xml" className="hover:underline">
          Atom
        </a>
        <a href="/sitemap.xml" className="hover:underline">
          站点地图
        </a>
      </p>
    </footer>
  );
}
