import type { ChartView } from "@/lib/data/types";
import { ChartImage } from "./ChartImage";

/** Chart thumbnails; each opens the full-size chart in a popover (no JavaScript needed) with a quote link. */
export function ChartGallery({ charts }: { charts: ChartView[] }) {
  if (!charts.length) return null;
  return (
    <section aria-labelledby="charts-heading" id="charts" className="my-6">
      <h2 id="charts-heading" className="mb-2 text-sm font-medium text-stone-600 dark:text-stone-400">
        相关股价走势
      </h2>
      <ul className="flex flex-wrap gap-3">
        {charts.map((chart, index) => (
          <li key={chart.imageUrl} className="flex flex-col gap-1">
            <button
              type="button"
              popoverTarget={`chart-${index}`}
              className="cursor-zoom-in rounded-md"
              aria-label={`查看 ${chart.label} 大图`}
            >
              <ChartImage src={chart.imageUrl} label={chart.label} width={192} height={92} />
            </button>
            <a
              href={chart.quoteUrl}
              target="_blank"
              rel="noopener noreferrer nofollow"
              className="text-xs text-sky-700 hover:underline dark:text-sky-400"
            >
              {chart.label} 行情 ↗
            </a>
            <div
              id={`chart-${index}`}
              popover="auto"
              className="m-auto max-w-[calc(100vw-2rem)] rounded-lg border border-stone-300 bg-white p-4 shadow-xl backdrop:bg-black/50 dark:border-stone-700 dark:bg-stone-900"
            >
              <ChartImage src={chart.imageUrl} label={chart.label} width={578} height={276} />
              <div className="mt-3 flex items-center justify-between gap-4 text-sm">
                <a
                  href={chart.quoteUrl}
                  target="_blank"
                  rel="noopener noreferrer nofollow"
                  className="text-sky-700 hover:underline dark:text-sky-400"
                >
                  {chart.label} 行情页 ↗
                </a>
                <button
                  type="button"
                  popoverTarget={`chart-${index}`}
                  popoverTargetAction="hide"
                  className="rounded px-2 py-1 hover:bg-stone-100 dark:hover:bg-stone-800"
                >
                  关闭
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
