// Who a post is credited to, and whether it is news at all. Rules read from the
// original site's posts (../../../shared/corpus/finews): 74 of its 116 posts are
// eastmoney rolling news with no credit of their own, tagged 东财滚动新闻
// (category emnews); the site's own notice (2021-12-01-init.md, 开站大吉) has the
// category sitenews and the tag 站长消息, and no credit or original link.
import { UNKNOWN_SOURCE } from "../content/parse-article";
import type { Credit, OutletTable } from "./outlets";

export type CreditInput = {
  /** The outlet the parser found: the （文章来源：…） line, a closing （outlet）, the source line, or the first tag. */
  source: string;
  /** The original site's `categories` (emnews, cailianshe…), when the caller has the front matter. */
  categories?: readonly string[];
  tags?: readonly string[];
};

/**
 * The outlet and channel a post is credited to: its own credit resolved through
 * the outlet table (证券时报网 → 证券时报; the rolling channel 东财滚动 → 东方财富网,
 * channel 滚动). A post naming no outlet takes its category's outlet when the
 * table knows the category, else stays 未注明来源.
 */
export function creditOf(post: CreditInput, table: OutletTable): Credit {
  if (post.source === UNKNOWN_SOURCE) {
    for (const slug of post.categories ?? []) {
      const credit = table.byCategory(slug);
      if (credit) return credit;
    }
    return { outlet: UNKNOWN_SOURCE, channel: null };
  }
  return table.resolve(post.source);
}

/** The site's own category and tag for its notices. */
export const SITE_NOTICE_CATEGORIES = ["sitenews"];
export const SITE_NOTICE_TAGS = ["站长消息"];

/**
 * A post by the site itself (开站大吉), not news: filed under the site's own
 * category or tag. Takes the front matter when the caller has it; the parser's
 * source (the first tag when nothing else credits the post) answers too.
 */
export function isSiteNotice(post: CreditInput): boolean {
  return (
    (post.categories ?? []).some((c) => SITE_NOTICE_CATEGORIES.includes(c.trim().toLowerCase())) ||
    (post.tags ?? []).some((t) => SITE_NOTICE_TAGS.includes(t.trim())) ||
    SITE_NOTICE_TAGS.includes(post.source.trim())
  );
}
