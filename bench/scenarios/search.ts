// `search`: /?q= with 1-, 2-, 4-character and two-word queries cut from article
// text, alone and with a company the article is linked to; each URL once.
import { config } from "../config";
import { runDistinct } from "../load";
import { UrlSource } from "../urls";
import { addLatency, ensureServer, measured, type Ctx } from "./context";

export async function searchScenario(ctx: Ctx) {
  const server = await ensureServer(ctx);
  const urls = new UrlSource(ctx.dbFile, config.seed + 1); // other terms than `pages` would draw
  const sets = urls.searchSets();
  urls.close();
  for (const [kind, list] of Object.entries(sets)) {
    ctx.log(`search: ${kind} (${list.length} URLs, ${config.uncachedClients} clients) …`);
    const { result, metrics } = await measured(server, () => runDistinct(list.map((u) => server.base + u)));
    addLatency(ctx, "search", kind.replace(/^search /, ""), result, metrics, list.length);
  }
}
