import Link from "next/link";
import type { ArticleSummary } from "@/lib/data/types";
import { formatBeijingDateTime, formatBeijingTime, toBeijingIso } from "@/lib/dates";
import { articleHref, sourceHref } from "@/lib/routes";
import { publishedAttribute } from "@/lib/desk/published";
import { ChartImage } from "./ChartImage";
import { CompanyChips } from "./CompanyChips";
import { Highlighted } from "./Highlighted";

type Props = {
  article: ArticleSummary;
  headingLevel?: 2 | 3;
  /** Show the date too (lists not grouped under day headings). */
  withDate?: boolean;
};

/** One timeline entry: title, time, source, excerpt (or search snippet), companies and chart thumbnails. */
export function ArticleCard({ article, headingLevel = 3, withDate = false }: Props) {
  const Heading = `h${headingLevel}` as const;
  return (
    // data-slug and data-published are for the reader's desk (components/desk/DeskIsland.tsx): read marks, saving, "new since your last visit".
    <article
      data-entry
      data-slug={article.slug}
      data-published={publishedAttribute(article.publishedAt, article.hasTime)}
      className="-mx-3 flex flex-col gap-3 rounded-lg p-3 sm:-mx-4 sm:flex-row sm:gap-4 sm:p-4"
    >
      <div className="min-w-0 flex-1">
        <Heading className="text-base leading-snug font-semibold sm:text-lg">
          <Link href={articleHref(article.slug)} className="hover:text-sky-700 hover:underline dark:hover:text-sky-400" data-entry-link>
            {article.highlight ? <Highlighted segments={article.highlight.title} /> : article.title}
          </Link>
        </Heading>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 text-xs text-stone-500 dark:text-stone-400">
          {(withDate || article.hasTime) && (
            <time dateTime={toBeijingIso(article.publishedAt)}>
              {withDate ? formatBeijingDateTime(article.publishedAt, article.hasTime) : formatBeijingTime(article.publishedAt)}
            </time>
          )}
          <Link href={sourceHref(article.source)} className="inline-flex min-h-6 items-center hover:underline">
            {article.source}
          </Link>
          <span>约 {article.readingMinutes} 分钟读完</span>
        </p>
        {article.highlight ? (
          <p className="mt-1.5 line-clamp-3 text-sm leading-relaxed text-stone-700 dark:text-stone-300" data-snippet>
            <Highlighted segments={article.highlight.snippet} />
          </p>
        ) : (
          article.excerpt && (
            <p className="mt-1.5 line-clamp-3 text-sm leading-relaxed text-stone-700 dark:text-stone-300">{article.excerpt}</p>
          )
        )}
        <div className="mt-2">
          <CompanyChips companies={article.companies} />
        </div>
      </div>
      {article.charts.length > 0 && (
        // A row under the text on phones, a column beside it on wider screens.
        <Link href={articleHref(article.slug, "charts")} className="flex shrink-0 gap-2 sm:flex-col" tabIndex={-1} aria-hidden="true">
          {article.charts.slice(0, 2).map((chart) => (
            <ChartImage key={chart.imageUrl} src={chart.imageUrl} label={chart.label} width={144} height={69} />
          ))}
        </Link>
      )}
    </article>
  );
}
