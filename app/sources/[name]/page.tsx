import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TimelineView } from "@/components/TimelineView";
import { getSource } from "@/lib/data";
import type { SearchParams } from "@/lib/filters";
import { timelineMetadata } from "@/lib/page-metadata";
import { queryTimeline } from "@/lib/timeline-query";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const source = await getSource(decodeURIComponent((await params).name));
  if (!source) return { title: "找不到这个来源" };
  return timelineMetadata(`/sources/${encodeURIComponent(source.name)}`, await searchParams, `来源：${source.name}`, `${source.name}的文章，共 ${source.count} 篇。`);
}

export default async function SourcePage({ params, searchParams }: Props) {
  const source = await getSource(decodeURIComponent((await params).name));
  if (!source) notFound();
  const query = await queryTimeline(await searchParams, { sourceName: source.name });
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">{source.name}</h1>
      <p className="mb-4 text-sm text-stone-600 dark:text-stone-400">共 {source.count} 篇文章</p>
      <TimelineView query={query} basePath={`/sources/${encodeURIComponent(source.name)}`} showSources={false} />
    </>
  );
}
