// An article's search row, made where it is parsed (worker threads for large
// loads) in the format of the database it is for, so the writer only writes.
import type { Provider } from "../../lib/db/provider";
import { searchDocument, type SearchDocument } from "../../lib/search/postgres";
import { indexColumns, type IndexColumns } from "../../lib/search/tokens";

/** The FTS5 columns (SQLite), or the tsvector literal and normalized text (PostgreSQL). */
export type SearchRow = { format: "sqlite"; columns: IndexColumns } | ({ format: "postgresql" } & SearchDocument);

export function searchRow(format: Provider, title: string, plainText: string): SearchRow {
  return format === "postgresql" ? { format, ...searchDocument(title, plainText) } : { format, columns: indexColumns(title, plainText) };
}
