"use client";

// The 自选 page's working part: the followed companies, their timeline and
// feeds, import (pasted codes or names, links, OPML or text files), export
// (text, a share link, OPML) and a list someone shared by link.

import Link from "next/link";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { TermResolution } from "@/lib/data/desk";
import type { CompanyOption } from "@/lib/data/types";
import { parseCodeList } from "@/lib/desk/codes";
import { companyIdsInLink, shareHref, watchlistFeedHref, watchlistTimelineHref } from "@/lib/desk/links";
import { buildOpml, isOpml, parseOpml } from "@/lib/desk/opml";
import { deskStore, FOLLOW_LIMIT, type FollowedCompany } from "@/lib/desk/store";
import { CopyField } from "./CopyField";
import { companyHref } from "@/lib/routes";
import { NO_STORAGE_NOTICE, useDesk } from "./useDesk";

const NONE: readonly FollowedCompany[] = [];

type ImportReport = {
  added: FollowedCompany[];
  already: FollowedCompany[];
  overLimit: FollowedCompany[];
  unknown: string[];
  vague: { term: string; candidates: CompanyOption[] }[];
  otherFeeds: number;
};

/** Asks the server which companies the terms name (POST /api/companies). */
async function resolveTerms(terms: string[]): Promise<TermResolution[]> {
  const response = await fetch("/api/companies", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ terms }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `服务器返回 ${response.status}`);
  return body.results;
}

function follow(companies: FollowedCompany[]): Pick<ImportReport, "added" | "already" | "overLimit"> & { failed: boolean } {
  const store = deskStore();
  const already = companies.filter((c) => store.isFollowing(c.id));
  const { added, rejected, outcome } = store.addFollows(companies);
  return { added, already, overLimit: rejected, failed: !outcome.ok };
}

const names = (companies: FollowedCompany[]) => companies.map((c) => c.name).join("、");

export function WatchlistPanel() {
  const follows = useDesk((store) => store.follows(), NONE);
  const persistent = useDesk((store) => store.persistent, true);
  const origin = useSyncExternalStore(
    () => () => {},
    () => location.origin,
    () => "",
  );
  const [shared, setShared] = useState<FollowedCompany[] | null>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    // A share link: /watchlist#follow=a,b. Offered, not applied: the reader decides.
    const ids = companyIdsInLink(location.href);
    if (!ids.length) return;
    resolveTerms(ids)
      .then((results) => setShared(results.flatMap((r) => (r.company ? [{ id: r.company.id, name: r.company.name }] : []))))
      .catch((e: Error) => setError(`分享链接中的公司没能识别：${e.message}`));
  }, []);

  async function runImport(input: string) {
    setError("");
    setReport(null);
    const terms = parseCodeList(input);
    if (!terms.length) {
      setError("没有找到股票代码、公司名称或本站链接。");
      return;
    }
    setBusy(true);
    try {
      const results = await resolveTerms(terms);
      const companies = results.flatMap((r) => (r.company ? [{ id: r.company.id, name: r.company.name }] : []));
      const { failed, ...followed } = follow(companies);
      if (failed) setError("浏览器的存储空间已满，没能记下。");
      setReport({
        ...followed,
        unknown: results.filter((r) => !r.company && !r.candidates.length).map((r) => r.term),
        vague: results.filter((r) => !r.company && r.candidates.length).map((r) => ({ term: r.term, candidates: r.candidates })),
        otherFeeds: isOpml(input) ? parseOpml(input).otherFeeds : 0,
      });
      setText("");
    } catch (e) {
      setError(`导入失败：${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  const ids = follows.map((c) => c.id);
  const exportText = follows.map((c) => `${c.id} ${c.name}`).join("\n");
  const opml = buildOpml({ title: "Finews 自选", siteUrl: origin, companies: follows });

  return (
    <div className="mt-6 space-y-10">
      {!persistent && (
        <p
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {NO_STORAGE_NOTICE}
        </p>
      )}

      {shared && (
        <section
          aria-labelledby="shared-heading"
          className="rounded-xl border border-sky-300 bg-sky-50 p-4 dark:border-sky-800 dark:bg-sky-950"
        >
          <h2 id="shared-heading" className="font-semibold">
            链接分享了 {shared.length} 家公司
          </h2>
          <p className="mt-1 text-sm">{names(shared) || "（没有能识别的公司）"}</p>
          <p className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              className="desk-button"
              disabled={!shared.length}
              onClick={() => {
                const result = follow(shared);
                setReport({ ...result, unknown: [], vague: [], otherFeeds: 0 });
                setShared(null);
                history.replaceState(null, "", "/watchlist");
              }}
            >
              加入我的自选
            </button>
            <button
              type="button"
              className="desk-button"
              onClick={() => {
                setShared(null);
                history.replaceState(null, "", "/watchlist");
              }}
            >
              忽略
            </button>
          </p>
        </section>
      )}

      <section aria-labelledby="follows-heading">
        <h2 id="follows-heading" className="text-lg font-semibold">
          我关注的公司（{follows.length}/{FOLLOW_LIMIT}）
        </h2>
        {follows.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">
            还没有关注公司。在文章卡片的公司标签、公司页或筛选栏的公司列表里点“+”加入自选（键盘：按 j/k 选中文章后按 f），或在下面导入。
          </p>
        ) : (
          <>
            <p className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
              <Link href={watchlistTimelineHref(ids)} className="desk-button border-sky-400 font-medium text-sky-800 dark:text-sky-200">
                打开自选时间线 →
              </Link>
              <a href={watchlistFeedHref("atom", ids)} className="text-sky-700 underline dark:text-sky-400">
                Atom 订阅
              </a>
              <a href={watchlistFeedHref("json", ids)} className="text-sky-700 underline dark:text-sky-400">
                JSON Feed
              </a>
            </p>
            <ul className="mt-4 grid gap-x-6 sm:grid-cols-2 lg:grid-cols-3" aria-label="自选公司">
              {follows.map((company) => (
                <li
                  key={company.id}
                  className="flex min-h-11 items-center justify-between gap-2 border-b border-stone-200 dark:border-stone-800"
                >
                  <Link href={companyHref(company.id)} className="min-w-0 truncate hover:underline">
                    {company.name} <span className="font-mono text-xs text-stone-500 dark:text-stone-400">{company.id}</span>
                  </Link>
                  <button
                    type="button"
                    className="desk-button shrink-0"
                    aria-label={`移出 ${company.name}`}
                    onClick={() => deskStore().unfollow(company.id)}
                  >
                    移出
                  </button>
                </li>
              ))}
            </ul>
            <p className="mt-3">
              <button
                type="button"
                className="desk-button"
                onClick={() => confirm(`清空自选中的 ${follows.length} 家公司？`) && deskStore().clearFollows()}
              >
                清空自选
              </button>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="import-heading">
        <h2 id="import-heading" className="text-lg font-semibold">
          导入
        </h2>
        <form
          className="mt-2 space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            runImport(text);
          }}
        >
          <label htmlFor="import-text" className="block text-sm">
            粘贴股票代码、公司名称或本站链接，用空格、逗号或换行分开，例如 <code>600519 00700 AAPL 腾讯</code>
          </label>
          <textarea
            id="import-text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            className="w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-900"
          />
          <p className="flex flex-wrap items-center gap-3">
            <button type="submit" className="desk-button" disabled={busy || !text.trim()}>
              {busy ? "正在识别…" : "导入"}
            </button>
            <label className="text-sm">
              或选择文件（OPML 或文本）：{" "}
              <input
                type="file"
                accept=".opml,.xml,.txt,text/plain,text/xml,text/x-opml"
                className="text-sm"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  if (file) await runImport(await file.text());
                  e.target.value = "";
                }}
              />
            </label>
          </p>
        </form>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        {report && <ImportResult report={report} onPick={(company) => setReport({ ...report, ...mergePick(report, company) })} />}
      </section>

      {follows.length > 0 && (
        <section aria-labelledby="export-heading" className="space-y-6">
          <h2 id="export-heading" className="text-lg font-semibold">
            导出与分享
          </h2>
          <CopyField label="代码列表" value={exportText} multiline />
          <CopyField label="分享链接" value={`${origin}${shareHref(ids)}`} />
          <p className="text-sm">
            <a
              href={`data:text/x-opml;charset=utf-8,${encodeURIComponent(opml)}`}
              download="finews-watchlist.opml"
              className="desk-button inline-flex"
            >
              下载 OPML
            </a>{" "}
            <span className="text-stone-600 dark:text-stone-400">每家公司一个 Atom 订阅，可导入 FreshRSS、Miniflux、Feedly 等阅读器。</span>
          </p>
        </section>
      )}
    </div>
  );
}

/** The reader picked one of a vague term's candidates. */
function mergePick(report: ImportReport, company: CompanyOption): Partial<ImportReport> {
  const result = follow([{ id: company.id, name: company.name }]);
  return {
    added: [...report.added, ...result.added],
    overLimit: [...report.overLimit, ...result.overLimit],
    vague: report.vague.filter((v) => !v.candidates.some((c) => c.id === company.id)),
  };
}

function ImportResult({ report, onPick }: { report: ImportReport; onPick: (company: CompanyOption) => void }) {
  return (
    <div role="status" className="mt-3 space-y-1 text-sm" data-testid="import-result">
      <p>{report.added.length ? `已加入 ${report.added.length} 家：${names(report.added)}` : "没有新加入的公司。"}</p>
      {report.already.length > 0 && <p>已在自选中：{names(report.already)}</p>}
      {report.overLimit.length > 0 && (
        <p className="text-amber-800 dark:text-amber-300">
          自选最多 {FOLLOW_LIMIT} 家，未加入：{names(report.overLimit)}
        </p>
      )}
      {report.unknown.length > 0 && <p className="text-amber-800 dark:text-amber-300">没有找到：{report.unknown.join("、")}</p>}
      {report.otherFeeds > 0 && <p>文件中另有 {report.otherFeeds} 个不是本站公司订阅的源，已跳过。</p>}
      {report.vague.map(({ term, candidates }) => (
        <p key={term} className="flex flex-wrap items-center gap-2">
          “{term}”可能是：
          {candidates.map((c) => (
            <button key={c.id} type="button" className="desk-button" onClick={() => onPick(c)}>
              {c.name}
            </button>
          ))}
        </p>
      ))}
    </div>
  );
}
