"use client";

// The reader's desk in the browser: one island, mounted once in the layout,
// that reads data-* attributes on the server's markup (identical for every
// reader) and adds what this reader's localStorage says: read marks, 收藏 and
// 自选 toggles, the "since your last visit" divider, 全部标为已读, and the
// f / s / m keys. Plain DOM rather than a client component per card keeps the
// first-load JavaScript small; a MutationObserver re-applies after client
// navigation and whenever React re-renders a list.
//
// Markup it reads:
// - article[data-entry][data-slug][data-published] (ArticleCard), optional data-story:
//   a story counts as read once any of its reports was opened;
// - li[data-company] (company chips, the picker; data-company-name where the text is not the name);
// - [data-desk-follow][data-company-name] (company page), article[data-article] and
//   [data-desk-article-actions] (article page), [data-desk-timeline] (lists),
//   a[data-desk-nav="watchlist"] (header).

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { watchlistFeedHref, watchlistTimelineHref } from "@/lib/desk/links";
import { publishedMs } from "@/lib/desk/published";
import { deskStore, FOLLOW_LIMIT, SAVED_LIMIT, type DeskStore, type Outcome } from "@/lib/desk/store";
import { dividerIndex } from "@/lib/desk/visit";

/** Activity refreshes the visit clock at most this often. */
const TOUCH_EVERY_MS = 60_000;

const timeFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

function all<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T[] {
  return Array.from(root.querySelectorAll<T>(selector));
}

function setAttr(el: Element, name: string, value: string | null) {
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function setText(el: Element, text: string) {
  if (el.textContent !== text) el.textContent = text;
}

/** The control of `action` directly inside `parent`, created (appended) when missing. */
function control<K extends keyof HTMLElementTagNameMap>(
  parent: Element,
  tag: K,
  action: string,
  className: string,
): HTMLElementTagNameMap[K] {
  let el = parent.querySelector<HTMLElementTagNameMap[K]>(`:scope > [data-desk-action="${action}"]`);
  if (!el) {
    el = document.createElement(tag);
    el.dataset.deskAction = action;
    el.className = className;
    if (el instanceof HTMLButtonElement) el.type = "button";
    parent.append(el);
  }
  return el;
}

function entryOf(el: Element | null): HTMLElement | null {
  return (el?.closest("article[data-entry][data-slug]") as HTMLElement | null) ?? null;
}

function articleTarget(entry: HTMLElement) {
  return { slug: entry.dataset.slug ?? entry.dataset.article ?? "", story: entry.dataset.story ?? null };
}

/** What a saved article keeps, read from its card or page: the 收藏 list shows without the server. */
function savedFrom(el: HTMLElement) {
  const title = el.querySelector("[data-entry-link], h1")?.textContent?.trim() ?? "";
  const source = el.querySelector('a[href^="/sources/"]')?.textContent?.trim() ?? "";
  return { ...articleTarget(el), title, source, published: el.dataset.published ?? "", savedAt: Date.now() };
}

function companyOf(holder: HTMLElement) {
  const id = holder.dataset.company ?? holder.dataset.deskFollow ?? "";
  const name = holder.dataset.companyName ?? holder.querySelector("a")?.textContent?.trim() ?? id;
  return { id, name };
}

function watchlistIdsInUrl(): string | null {
  if (location.pathname !== "/") return null;
  const ids = new URLSearchParams(location.search).get("company");
  return ids ? ids.split(",").sort().join(",") : null;
}

/** Brings the page's desk controls in line with the store. Idempotent: only what differs is written. */
function decorate(store: DeskStore) {
  const followIds = store.follows().map((c) => c.id);
  const onWatchlist = followIds.length > 0 && watchlistIdsInUrl() === [...followIds].sort().join(",");

  for (const link of all<HTMLAnchorElement>('a[data-desk-nav="watchlist"]')) {
    setAttr(link, "href", watchlistTimelineHref(followIds));
    setAttr(link, "aria-current", onWatchlist || location.pathname === "/watchlist" ? "page" : null);
  }

  for (const entry of all("article[data-entry][data-slug]")) {
    const { slug, story } = articleTarget(entry);
    const read = store.isRead(slug, story);
    entry.classList.toggle("desk-read", read);
    const heading = entry.querySelector("h2, h3");
    const label = heading?.querySelector("[data-desk-read-label]");
    if (read && heading && !label) {
      const mark = document.createElement("span");
      mark.className = "sr-only";
      mark.dataset.deskReadLabel = "";
      mark.textContent = "（已读）";
      heading.append(mark);
    } else if (!read) label?.remove();
    const meta = entry.querySelector('a[href^="/sources/"]')?.parentElement;
    if (meta) {
      const saved = store.isSaved(slug);
      const save = control(meta, "button", "save", "desk-icon");
      setAttr(save, "aria-pressed", String(saved));
      setAttr(save, "aria-label", "收藏");
      setAttr(save, "title", saved ? "已收藏（s）" : "收藏（s）");
      setText(save, saved ? "★" : "☆");
    }
  }

  for (const holder of all("li[data-company]")) {
    const { id, name } = companyOf(holder);
    const following = followIds.includes(id);
    holder.classList.toggle("desk-followed", following);
    const button = control(holder, "button", "follow", "desk-follow-chip");
    // Cards hold several chips each: their toggles stay out of the Tab order (f follows the current entry's company).
    if (holder.closest("[data-entry]")) setAttr(button, "tabindex", "-1");
    setAttr(button, "aria-pressed", String(following));
    setAttr(button, "aria-label", `自选：${name}`);
    setAttr(button, "title", following ? `已在自选，点击移出` : `加入自选`);
    setText(button, following ? "✓" : "+");
  }

  for (const slot of all("[data-desk-follow]")) {
    const following = followIds.includes(companyOf(slot).id);
    const button = control(slot, "button", "follow", "desk-button");
    setAttr(button, "aria-pressed", String(following));
    setText(button, following ? "✓ 已自选" : "+ 自选");
  }

  const page = document.querySelector<HTMLElement>("article[data-article]");
  const actions = page?.querySelector("[data-desk-article-actions]");
  if (page && actions) {
    const { slug, story } = articleTarget(page);
    const save = control(actions, "button", "save", "desk-button");
    setAttr(save, "aria-pressed", String(store.isSaved(slug)));
    setText(save, store.isSaved(slug) ? "★ 已收藏" : "☆ 收藏");
    setText(control(actions, "button", "read", "desk-button"), store.isRead(slug, story) ? "标为未读" : "标为已读");
  }

  const since = store.visit()?.since ?? null;
  // A toolbar whose list React replaced by something else (an empty result) goes with it.
  for (const toolbar of all("[data-desk-toolbar]")) if (!toolbar.nextElementSibling?.hasAttribute("data-desk-timeline")) toolbar.remove();
  for (const list of all("[data-desk-timeline]")) {
    let toolbar = list.previousElementSibling;
    if (!toolbar?.hasAttribute("data-desk-toolbar")) {
      toolbar = document.createElement("div");
      toolbar.setAttribute("data-desk-toolbar", "");
      toolbar.className = "desk-toolbar";
      list.before(toolbar);
    }
    const markAll = control(toolbar, "button", "mark-all", "desk-button");
    setText(markAll, "全部标为已读");
    setAttr(markAll, "title", "把本页列出的文章都标为已读");
    placeDivider(list, since);
  }

  placeBanner(onWatchlist ? followIds : null);
}

function placeDivider(list: HTMLElement, since: number | null) {
  const entries = list.dataset.deskTimeline === "time" ? all("article[data-entry]", list) : [];
  const index = dividerIndex(
    entries.map((e) => publishedMs(e.dataset.published)),
    since,
  );
  const existing = list.querySelector<HTMLElement>("[data-desk-divider]");
  if (index < 0) return existing?.remove();
  const entry = entries[index];
  const item = entry.parentElement;
  // The first entry of a day: the divider goes above the day's heading.
  const anchor = item?.tagName === "LI" && !item.previousElementSibling ? (item.closest("section") ?? entry) : entry;
  const text = `以上是上次访问（${timeFormat.format(since!)}）以来的 ${index} 篇新文章`;
  if (existing && existing.nextElementSibling === anchor && existing.textContent === text) return;
  existing?.remove();
  const divider = document.createElement("p");
  divider.dataset.deskDivider = "";
  divider.className = "desk-divider";
  divider.textContent = text;
  anchor.before(divider);
}

/** On the followed companies' timeline: say so, with the watchlist's page and feeds. */
function placeBanner(followIds: string[] | null) {
  const main = document.getElementById("main");
  const existing = main?.querySelector<HTMLElement>("[data-desk-banner]");
  const key = followIds?.join(",") ?? "";
  if (existing?.dataset.deskBanner === key) return;
  existing?.remove();
  const heading = main?.querySelector("h1");
  if (!followIds || !heading) return;
  const banner = document.createElement("p");
  banner.dataset.deskBanner = key;
  banner.className = "desk-banner";
  const links: [string, string][] = [
    ["管理自选", "/watchlist"],
    ["Atom 订阅", watchlistFeedHref("atom", followIds)],
    ["JSON Feed", watchlistFeedHref("json", followIds)],
  ];
  banner.append(
    `我的自选：${followIds.length} 家公司的新闻`,
    ...links.map(([label, href]) => Object.assign(document.createElement("a"), { href, textContent: label })),
  );
  heading.after(banner);
}

function failure(outcome: Outcome, what: "follow" | "save"): string {
  if (outcome.ok) return "";
  if (outcome.reason === "quota") return "浏览器的存储空间已满，没能记下。";
  return what === "follow" ? `自选最多 ${FOLLOW_LIMIT} 家公司，请先移出一些。` : `收藏最多 ${SAVED_LIMIT} 篇，请先在“收藏”页移除一些。`;
}

export function DeskIsland() {
  const router = useRouter();
  const [message, setMessage] = useState("");

  useEffect(() => {
    const store = deskStore();
    document.documentElement.classList.add("desk-on");
    let lastTouch = Date.now();
    store.touchVisit(lastTouch);
    let markedArticle = "";
    let hideTimer: ReturnType<typeof setTimeout> | undefined;

    const say = (text: string) => {
      const note = store.persistent ? "" : "（此浏览器不允许本站保存数据，例如隐私窗口：离开页面后不会记住。）";
      setMessage(text + note);
      clearTimeout(hideTimer);
      hideTimer = setTimeout(() => setMessage(""), 6000);
    };

    const observer = new MutationObserver(() => schedule());
    let frame = 0;
    const apply = () => {
      frame = 0;
      observer.disconnect();
      const page = document.querySelector<HTMLElement>("article[data-article]");
      if (page && page.dataset.article !== markedArticle) {
        markedArticle = page.dataset.article!;
        store.setRead([articleTarget(page)], true);
      }
      decorate(store);
      observer.takeRecords();
      observer.observe(document.body, { childList: true, subtree: true });
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(apply);
    };
    const unsubscribe = store.subscribe(schedule);

    const touch = () => {
      const now = Date.now();
      if (now - lastTouch < TOUCH_EVERY_MS) return;
      lastTouch = now;
      const before = store.visit()?.since;
      if (store.touchVisit(now).since !== before) schedule();
    };

    const toggleFollow = (holder: HTMLElement) => {
      const company = companyOf(holder);
      if (store.isFollowing(company.id)) {
        store.unfollow(company.id);
        say(`已将 ${company.name} 移出自选。`);
      } else {
        const outcome = store.follow(company);
        say(failure(outcome, "follow") || `已将 ${company.name} 加入自选。`);
      }
    };
    const toggleSave = (el: HTMLElement) => {
      const article = savedFrom(el);
      if (store.isSaved(article.slug)) {
        store.unsave(article.slug);
        say("已取消收藏。");
      } else say(failure(store.save(article), "save") || "已收藏。");
    };
    const toggleRead = (el: HTMLElement) => {
      const target = articleTarget(el);
      const read = !store.isRead(target.slug, target.story);
      store.setRead([target], read);
      say(read ? "已标为已读。" : "已标为未读。");
    };

    const onClick = (event: MouseEvent) => {
      touch();
      // auxclick: a middle click opening a link in a new tab (not a right click, not on buttons).
      if (event.type === "auxclick" && event.button !== 1) return;
      const target = event.target as Element;
      const button = target.closest<HTMLElement>("[data-desk-action]");
      if (button && event.type === "click") {
        const action = button.dataset.deskAction;
        const holder = button.parentElement!;
        const entry = entryOf(button) ?? button.closest<HTMLElement>("article[data-article]");
        if (action === "follow") toggleFollow(holder);
        else if (action === "save" && entry) toggleSave(entry);
        else if (action === "read" && entry) toggleRead(entry);
        else if (action === "mark-all") {
          const list = holder.nextElementSibling;
          const entries = list ? all("article[data-entry][data-slug]", list) : [];
          store.setRead(entries.map(articleTarget), true);
          say(`已将本页 ${entries.length} 篇标为已读。`);
        }
        return;
      }
      const link = target.closest<HTMLAnchorElement>("a[href]");
      if (!link) return;
      // Opening an entry marks it (and its story) read, also in a new tab.
      const entry = entryOf(link);
      if (entry && link.getAttribute("href")?.startsWith("/articles/")) store.setRead([articleTarget(entry)], true);
      if (link.dataset.deskNav && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey) {
        event.preventDefault();
        router.push(link.getAttribute("href")!);
      }
    };

    const onKey = (event: KeyboardEvent) => {
      touch();
      if (event.metaKey || event.ctrlKey || event.altKey || typingIn(event.target)) return;
      if (!["f", "s", "m"].includes(event.key)) return;
      const current = document.querySelector<HTMLElement>('[data-entry][data-current-entry="true"]');
      const page = document.querySelector<HTMLElement>("article[data-article]");
      const subject = current ?? page;
      if (event.key === "f") {
        // The current entry's first company; else the company page's, else the article's.
        const holder = current
          ? current.querySelector<HTMLElement>("li[data-company]")
          : (document.querySelector<HTMLElement>("[data-desk-follow]") ?? page?.querySelector<HTMLElement>("li[data-company]"));
        if (!holder) return;
        event.preventDefault();
        toggleFollow(holder);
      } else if (subject) {
        event.preventDefault();
        if (event.key === "s") toggleSave(subject);
        else toggleRead(subject);
      }
    };
    const onVisible = () => document.visibilityState === "visible" && touch();

    document.addEventListener("click", onClick);
    document.addEventListener("auxclick", onClick);
    window.addEventListener("keydown", onKey);
    document.addEventListener("visibilitychange", onVisible);
    apply();
    return () => {
      unsubscribe();
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearTimeout(hideTimer);
      document.removeEventListener("click", onClick);
      document.removeEventListener("auxclick", onClick);
      window.removeEventListener("keydown", onKey);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [router]);

  return (
    <div role="status" aria-live="polite" className={message ? "desk-toast" : "sr-only"}>
      {message}
    </div>
  );
}
