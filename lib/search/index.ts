// The search index of the database DATABASE_URL names.
import { providerOf } from "../db/provider";
import { searchSql as postgresSearch } from "./postgres";
import type { SearchSql } from "./sql";
import { searchSql as sqliteSearch } from "./sqlite";

export function searchSql(): SearchSql {
  return providerOf() === "postgresql" ? postgresSearch : sqliteSearch;
}
