// The production server: Next's request handler behind an HTTP response cache
// that a new seed invalidates (lib/response-cache.ts).
import { createServer } from "node:http";
import next from "next";
import { databaseFile } from "../lib/db/database-url";
import { openContentVersionReader } from "../lib/db/content-version";
import { ResponseCache } from "../lib/response-cache";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const app = next({ dev: false, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

function isDecodablePath(url: string): boolean {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

const cache = new ResponseCache({ readVersion: openContentVersionReader(databaseFile()) });
createServer((req, res) => {
  // Next answers a malformed percent-encoding in the path with a bare 500;
  // it is a bad link, so show the site's 404 page instead.
  if (!isDecodablePath(req.url ?? "/")) req.url = "/_malformed-path";
  cache.handle(req, res, () => handle(req, res)).catch((error) => {
    console.error(`request ${req.method} ${req.url} failed:`, error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("服务器内部错误");
  });
}).listen(port, hostname, () => {
  console.log(`Finews Reader on http://localhost:${port} (database ${databaseFile()})`);
});
