import type { Metadata } from "next";
import { TimelineView } from "@/components/TimelineView";
import type { SearchParams } from "@/lib/filters";
import { timelineMetadata } from "@/lib/page-metadata";
import { queryTimeline } from "@/lib/timeline-query";

type Props = { searchParams: Promise<SearchParams> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return timelineMetadata("/", await searchParams);
}

export default async function HomePage({ searchParams }: Props) {
  const query = await queryTimeline(await searchParams);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">财经新闻时间线</h1>
      <TimelineView query={query} basePath="/" />
    </>
  );
}
