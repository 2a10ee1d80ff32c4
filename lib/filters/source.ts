// `source`: one outlet, by name.
import type { FilterDeclaration } from "./declaration";
import { textParameter } from "./text";

export const sourceFilter: FilterDeclaration<{ source: string | null }> = {
  ...textParameter("source", "source"),
  chips: ({ source }) => (source ? [{ label: `来源：${source}`, remove: { source: null } }] : []),
  describe: ({ source }) => (source ? `来源：${source}` : null),
  widen: { label: "全部来源", remove: { source: null } },
  async select({ source }, db) {
    if (!source) return {};
    const id = await db.sourceId(source);
    if (id === null) return { nothing: true, notices: [{ param: "source", value: source, reason: "没有这个来源的文章" }] };
    // Article's (source, time, id) index serves this, so the query starts from Article.
    return { conditions: [{ needsArticleRow: true, on: () => db.sql`a."sourceId" = ${id}` }] };
  },
};
