// Which database DATABASE_URL names: a `file:` URL is SQLite (the zero-setup
// default), `postgresql://` (or `postgres://`) is PostgreSQL. Everything that
// differs between the two asks this one function.
import { databaseUrl } from "./database-url";

export type Provider = "sqlite" | "postgresql";

export function providerOf(url = databaseUrl()): Provider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}
