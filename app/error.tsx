"use client";

import Link from "next/link";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="py-16 text-center" role="alert">
      <h1 className="text-2xl font-bold">页面暂时无法显示</h1>
      <p className="mt-3 text-stone-600 dark:text-stone-400">出了点问题，请稍后重试。</p>
      <p className="mt-6 flex justify-center gap-4 text-sm">
        <button type="button" onClick={reset} className="rounded-md border border-stone-300 px-3 py-1 dark:border-stone-700">
          重试
        </button>
        <Link href="/" className="text-sky-700 underline dark:text-sky-400">
          回到时间线
        </Link>
      </p>
    </div>
  );
}
