import Link from "next/link";
import type { ArticleSummary } from "@/lib/data";
import { formatBeijingTime, toBeijingIso } from "@/lib/dates";
import { ChartImage } from "./ChartThumb";
import { CompanyChips } from "./CompanyChips";

/** One timeline entry: title, time, source, excerpt, companies and chart thumbnails. */
export function ArticleCard({ article, headingLevel = 3 }: { article: ArticleSummary; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article data-entry className="flex gap-4 rounded-lg p-3 -mx-3 sm:p-4 sm:-mx-4">
      <div className="min-w-0 flex-1">
        <Heading className="text-base font-semibold leading-snug sm:text-lg">
          <Link href={`/articles/${article.slug}`} className="hover:text-sky-700 hover:underline dark:hover:text-sky-400" data-entry-link>
            {article.title}
          </Link>
        </Heading>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 text-xs text-stone-500 dark:text-stone-400">
          {article.hasTime && <time dateTime={toBeijingIso(article.publishedAt)}>{formatBeijingTime(article.publishedAt)}</time>}
          <Link href={`/sources/${encodeURIComponent(article.source)}`} className="hover:underline">
            {article.source}
          </Link>
          <span>约 {article.readingMinutes} 分钟读完</span>
        </p>
        {article.excerpt && <p className="mt-1.5 line-clamp-3 text-sm leading-relaxed text-stone-700 dark:text-stone-300">{article.excerpt}</p>}
        <div className="mt-2">
          <CompanyChips companies={article.companies} />
        </div>
        {article.charts.length > 0 && (
          // Phones get a row of small thumbnails under the text; wide screens a column beside it.
          <div className="mt-2 flex gap-2 sm:hidden" aria-hidden="true">
            {article.charts.slice(0, 2).map((chart) => (
              <ChartImage key={chart.imageUrl} src={chart.imageUrl} label={chart.label} width={120} height={58} />
            ))}
          </div>
        )}
      </div>
      {article.charts.length > 0 && (
        <Link href={`/articles/${article.slug}#charts`} className="hidden shrink-0 flex-col gap-2 sm:flex" tabIndex={-1} aria-hidden="true">
          {article.charts.slice(0, 2).map((chart) => (
            <ChartImage key={chart.imageUrl} src={chart.imageUrl} label={chart.label} width={144} height={69} />
          ))}
        </Link>
      )}
    </article>
  );
}
