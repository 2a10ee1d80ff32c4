import Form from "next/form";

/**
 * The site-wide search: a plain GET form to the timeline (works without
 * JavaScript), with the query language one click away in a native popover.
 */
export function SearchBox() {
  return (
    <Form
      action="/"
      role="search"
      aria-label="搜索文章"
      className="order-last flex w-full basis-full items-center gap-1 sm:order-none sm:w-auto sm:max-w-sm sm:flex-1 sm:basis-auto"
    >
      <label htmlFor="site-search" className="sr-only">
        搜索文章（快捷键 /）
      </label>
      <input
        id="site-search"
        type="search"
        name="q"
        placeholder="搜索标题和正文"
        maxLength={100}
        autoComplete="off"
        className="min-h-10 w-full min-w-0 rounded-md border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900"
      />
      <button
        type="button"
        popoverTarget="search-help"
        aria-label="搜索语法说明"
        className="grid size-10 shrink-0 place-items-center rounded-md border border-stone-300 text-sm text-stone-600 hover:border-stone-500 dark:border-stone-700 dark:text-stone-300"
      >
        ?
      </button>
      <div
        id="search-help"
        popover="auto"
        className="m-auto max-w-sm rounded-xl border border-stone-300 bg-white p-5 text-sm text-stone-900 shadow-xl dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100"
      >
        <h2 className="mb-2 font-semibold">搜索语法</h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <code>快手 直播</code>：同时包含两个词
          </li>
          <li>
            <code>&quot;新能源汽车&quot;</code>：完整短语
          </li>
          <li>
            <code>腾讯 -音乐</code>：排除含“音乐”的文章
          </li>
          <li>
            <code>美团 OR 饿了么</code>：任一个词
          </li>
        </ul>
        <p className="mt-2 text-stone-600 dark:text-stone-400">
          一个字、代码（TSLA、600519）和数字都能搜；结果默认按相关度排序，也可按时间。
        </p>
      </div>
    </Form>
  );
}
