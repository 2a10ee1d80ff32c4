import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TimelineView } from "@/components/TimelineView";
import { getSource } from "@/lib/data/sources";
import type { SearchParams } from "@/lib/filters";
import { timelineMetadata } from "@/lib/page-metadata";
import { safeDecode, sourceHref } from "@/lib/routes";
import { queryTimeline } from "@/lib/timeline-query";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<SearchParams> };

async function load(params: Props["params"]) {
  const name = safeDecode((await params).name);
  return name ? getSource(name) : null;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const source = await load(params);
  if (!source) return { title: "找不到这个来源" };
  return timelineMetadata(sourceHref(source.name), await searchParams, {
    title: `来源：${source.name}`,
    description: `${source.name}的文章，共 ${source.count} 篇。`,
    scope: { source: source.name },
  });
}

export default async function SourcePage({ params, searchParams }: Props) {
  const source = await load(params);
  if (!source) notFound();
  const query = await queryTimeline(await searchParams, { source: source.name });
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">{source.name}</h1>
      <p className="mb-4 text-sm text-stone-600 dark:text-stone-400">共 {source.count} 篇文章</p>
      <TimelineView query={query} basePath={sourceHref(source.name)} showSources={false} />
    </>
  );
}
