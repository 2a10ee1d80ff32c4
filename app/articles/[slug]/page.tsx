import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArticleCard } from "@/components/ArticleCard";
import { ChartGallery } from "@/components/ChartGallery";
import { CompanyChips } from "@/components/CompanyChips";
import { ShareButton } from "@/components/ShareButton";
import { getArticle } from "@/lib/data/articles";
import { formatBeijingDateTime, toBeijingIso } from "@/lib/dates";
import { publishedAttribute } from "@/lib/desk/published";
import { jsonLdText, newsArticleJsonLd } from "@/lib/json-ld";
import { articleHref, safeDecode, sourceHref } from "@/lib/routes";

type Props = { params: Promise<{ slug: string }> };

async function load(params: Props["params"]) {
  const slug = safeDecode((await params).slug);
  return slug ? getArticle(slug) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await load(params);
  if (!article) return { title: "找不到这篇文章" };
  const url = articleHref(article.slug);
  return {
    title: article.title,
    description: article.excerpt,
    alternates: { canonical: url },
    openGraph: {
      type: "article",
      url,
      title: article.title,
      description: article.excerpt,
      publishedTime: article.publishedAt.toISOString(),
      section: article.source,
      tags: article.companies.map((c) => c.name),
      ...(article.charts[0]
        ? { images: [{ url: article.charts[0].imageUrl, width: 578, height: 276, alt: article.charts[0].label }] }
        : {}),
    },
    twitter: { card: article.charts[0] ? "summary_large_image" : "summary", title: article.title, description: article.excerpt },
  };
}

export default async function ArticlePage({ params }: Props) {
  const article = await load(params);
  if (!article) notFound();
  return (
    // data-article: the desk island marks it read and adds 收藏 beside 分享.
    <article
      className="mx-auto max-w-3xl"
      data-article={article.slug}
      data-published={publishedAttribute(article.publishedAt, article.hasTime)}
    >
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(newsArticleJsonLd(article)) }} />
      <nav aria-label="面包屑" className="mb-4 text-sm text-stone-500">
        <Link href="/" className="hover:underline">
          时间线
        </Link>
        <span aria-hidden="true"> / </span>
        <Link href={sourceHref(article.source)} className="hover:underline">
          {article.source}
        </Link>
      </nav>
      <header>
        <h1 className="text-2xl leading-snug font-bold sm:text-3xl">{article.title}</h1>
        <p className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-stone-600 dark:text-stone-400">
          <time dateTime={toBeijingIso(article.publishedAt)}>{formatBeijingDateTime(article.publishedAt, article.hasTime)}</time>
          <Link href={sourceHref(article.source)} className="hover:underline">
            {article.source}
          </Link>
          <span>
            {article.wordCount} 字 · 约 {article.readingMinutes} 分钟
          </span>
          <ShareButton url={articleHref(article.slug)} title={article.title} />
          <span data-desk-article-actions className="inline-flex gap-2" />
        </p>
        <div className="mt-3">
          <CompanyChips companies={article.companies} limit={12} />
        </div>
      </header>
      <ChartGallery charts={article.charts} />
      <div
        className="article-body prose prose-stone dark:prose-invert prose-a:text-sky-700 dark:prose-a:text-sky-400 prose-blockquote:font-normal prose-blockquote:not-italic mt-6 max-w-none"
        dangerouslySetInnerHTML={{ __html: article.bodyHtml }}
      />
      {article.originalUrl && (
        <p className="mt-8 text-sm">
          <a
            href={article.originalUrl}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="text-sky-700 hover:underline dark:text-sky-400"
          >
            阅读原文 ↗
          </a>
        </p>
      )}
      <nav aria-label="前后文章" className="mt-10 grid gap-3 border-t border-stone-200 pt-6 text-sm sm:grid-cols-2 dark:border-stone-800">
        {article.previous ? (
          <Link
            rel="prev"
            href={articleHref(article.previous.slug)}
            className="rounded-lg border border-stone-200 p-3 hover:border-stone-400 dark:border-stone-800"
          >
            <span className="block text-xs text-stone-500">← 更早</span>
            {article.previous.title}
          </Link>
        ) : (
          <span />
        )}
        {article.next && (
          <Link
            rel="next"
            href={articleHref(article.next.slug)}
            className="rounded-lg border border-stone-200 p-3 text-right hover:border-stone-400 dark:border-stone-800"
          >
            <span className="block text-xs text-stone-500">更新 →</span>
            {article.next.title}
          </Link>
        )}
      </nav>
      {article.related.length > 0 && (
        <section aria-labelledby="related-heading" className="mt-10">
          <h2 id="related-heading" className="mb-2 text-lg font-semibold">
            相关文章
          </h2>
          <ul className="divide-y divide-stone-200 dark:divide-stone-800">
            {article.related.map((related) => (
              <li key={related.id}>
                <ArticleCard article={related} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
