import type { ArticleSummary } from "@/lib/data/types";
import { beijingDay, formatDayHeading } from "@/lib/dates";
import { ArticleCard } from "./ArticleCard";

/** Articles grouped under Beijing-day headings, newest first; a plain ranked list when `ranked`. */
export function Timeline({ articles, ranked = false }: { articles: ArticleSummary[]; ranked?: boolean }) {
  if (ranked) {
    return (
      <ol className="divide-y divide-stone-200 dark:divide-stone-800" aria-label="搜索结果" data-desk-timeline="ranked">
        {articles.map((article) => (
          <li key={article.id}>
            <ArticleCard article={article} withDate />
          </li>
        ))}
      </ol>
    );
  }
  const days: { day: string; articles: ArticleSummary[] }[] = [];
  for (const article of articles) {
    const day = beijingDay(article.publishedAt);
    if (days.at(-1)?.day !== day) days.push({ day, articles: [] });
    days.at(-1)!.articles.push(article);
  }
  return (
    // data-desk-timeline: the desk island adds 全部标为已读 above it and the "since your last visit" divider in it.
    <div className="space-y-8" data-desk-timeline="time">
      {days.map(({ day, articles }) => (
        <section key={day} aria-labelledby={`day-${day}`}>
          <h2
            id={`day-${day}`}
            className="sticky top-0 z-10 -mx-4 border-b border-stone-200 bg-stone-50/95 px-4 py-2 text-sm font-semibold text-stone-700 backdrop-blur dark:border-stone-800 dark:bg-stone-950/95 dark:text-stone-300"
          >
            <time dateTime={day}>{formatDayHeading(day)}</time>
          </h2>
          <ol className="mt-2 divide-y divide-stone-200 dark:divide-stone-800">
            {articles.map((article) => (
              <li key={article.id}>
                <ArticleCard article={article} />
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
