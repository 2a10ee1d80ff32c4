// The one place that intercepts what Next writes. A response is held back
// whole (status, headers, body) instead of streaming out, so that the policy
// can name the scripts of a complete page, the cache can keep exactly what
// goes out, and the encoding is decided once, by the cache, for every reader.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/** A finished response, not yet sent; `body` is never compressed. */
export type Rendered = { status: number; headers: OutgoingHttpHeaders; body: Buffer };

/** The client closed the connection before the response was complete. */
export class ClientGone extends Error {
  constructor() {
    super("the client closed the connection");
    this.name = "ClientGone";
  }
}

type Callback = (error?: Error | null) => void;

/**
 * Runs `handler` (Next's request handler) with `res`'s output held back and
 * resolves with the response it made, leaving `res` unsent (and its headers
 * cleared) for the caller. Next is asked for identity bytes, and for a HEAD
 * the GET it describes, so the result can serve any reader of the same URL.
 */
export function captureResponse(
  req: IncomingMessage,
  res: ServerResponse,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>,
): Promise<Rendered> {
  req.headers["accept-encoding"] = "identity";
  if (req.method === "HEAD") req.method = "GET";
  const patched = ["writeHead", "flushHeaders", "write", "end"] as const;
  const originals = patched.map((name) => [name, res[name]] as const);
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array),
    );
  };

  return new Promise<Rendered>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      for (const [name, original] of originals) Object.assign(res, { [name]: original });
      res.off("close", onClose);
      outcome();
    };
    const onClose = () => settle(() => reject(new ClientGone()));
    res.once("close", onClose);

    res.writeHead = function (this: ServerResponse, status: number, ...args: unknown[]) {
      res.statusCode = status;
      const headers = args.find((arg) => arg && typeof arg === "object") as OutgoingHttpHeaders | (string | string[])[] | undefined;
      if (Array.isArray(headers)) {
        for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1]);
      } else {
        for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) res.setHeader(name, value);
      }
      return this;
    } as typeof res.writeHead;
    res.flushHeaders = () => {};
    res.write = function (chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      (rest.find((arg) => typeof arg === "function") as Callback | undefined)?.();
      return true;
    } as typeof res.write;
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      settle(() => {
        const headers = res.getHeaders();
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        resolve({ status: res.statusCode, headers, body: Buffer.concat(chunks) });
      });
      return this;
    } as typeof res.end;

    handler(req, res).then(
      () => settle(() => reject(new Error(`${req.method} ${req.url}: the handler finished without a response`))),
      (error) => settle(() => reject(error)),
    );
  });
}
