import Link from "next/link";
import type { CoverageBar } from "@/lib/data/types";

/** Articles per week or month; each bar links to the timeline for that range. */
export function CoverageChart({ bars, hrefFor }: { bars: CoverageBar[]; hrefFor: (bar: CoverageBar) => string }) {
  if (!bars.length) return null;
  const max = Math.max(...bars.map((b) => b.count));
  return (
    <section aria-labelledby="coverage-heading" className="mt-6">
      <h2 id="coverage-heading" className="mb-2 text-sm font-medium text-stone-600 dark:text-stone-400">
        报道分布
      </h2>
      <ol className="flex h-28 items-end gap-1 overflow-x-auto border-b border-stone-300 pb-px dark:border-stone-700">
        {bars.map((bar) => (
          // The whole column is the link, at least 24 px wide: a short bar alone is too small a target on a phone.
          <li key={bar.from} className="flex h-full min-w-6 flex-1">
            <Link
              href={hrefFor(bar)}
              title={`${bar.label}：${bar.count} 篇`}
              aria-label={`${bar.label}：${bar.count} 篇`}
              className="group flex w-full flex-col justify-end"
            >
              <span
                className="block rounded-t bg-sky-600/80 group-hover:bg-sky-700 dark:bg-sky-500/80"
                style={{ height: `${bar.count ? Math.max(6, (bar.count / max) * 100) : 2}%` }}
              />
            </Link>
          </li>
        ))}
      </ol>
      <p className="mt-1 flex justify-between text-xs text-stone-500">
        <span>{bars[0].label}</span>
        <span>{bars.at(-1)!.label}</span>
      </p>
    </section>
  );
}
