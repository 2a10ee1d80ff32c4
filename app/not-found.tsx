import Link from "next/link";

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <p className="text-sm font-medium text-stone-500">404</p>
      <h1 className="mt-2 text-2xl font-bold">找不到这个页面</h1>
      <p className="mt-3 text-stone-600 dark:text-stone-400">文章、公司或来源可能不存在，或链接有误。</p>
      <p className="mt-6 flex justify-center gap-4 text-sm">
        <Link href="/" className="text-sky-700 underline dark:text-sky-400">
          回到时间线
        </Link>
        <Link href="/companies" className="text-sky-700 underline dark:text-sky-400">
          浏览公司
        </Link>
      </p>
    </div>
  );
}
