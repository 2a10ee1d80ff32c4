// The one place that intercepts what Next writes. A response is held back
// whole (status, headers, body) instead of streaming out, so that the policy
// can name the scripts of a complete page, the cache can keep exactly what
// goes out, and the encoding is decided once, by the cache, for every reader.
import { ServerResponse, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";

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
 * Runs `handler` (Next's request handler) on a response of its own, held back
 * whole, and resolves with what it made; `res`, the reader's response, is left
 * untouched for the caller to send. Next is asked for identity bytes, and for a
 * HEAD the GET it describes, so the result can serve any reader of the same URL.
 * The reader leaving aborts the render; the render always sees its response
 * finish, so nothing of it stays waiting whatever becomes of the reader.
 */
export function captureResponse(
  req: IncomingMessage,
  res: ServerResponse,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>,
): Promise<Rendered> {
  req.headers["accept-encoding"] = "identity";
  if (req.method === "HEAD") req.method = "GET";
  // Attached to no socket: what Next writes goes nowhere but here.
  const held = new ServerResponse(req);
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
      res.off("close", onClose);
      outcome();
    };
    // Next aborts a render whose response closes before it finished.
    const onClose = () => settle(() => (held.emit("close"), reject(new ClientGone())));
    res.once("close", onClose);

    held.writeHead = function (this: ServerResponse, status: number, ...args: unknown[]) {
      held.statusCode = status;
      const headers = args.find((arg) => arg && typeof arg === "object") as OutgoingHttpHeaders | (string | string[])[] | undefined;
      if (Array.isArray(headers)) {
        for (let i = 0; i + 1 < headers.length; i += 2) held.setHeader(String(headers[i]), headers[i + 1]);
      } else {
        for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) held.setHeader(name, value);
      }
      return this;
    } as typeof held.writeHead;
    held.flushHeaders = () => {};
    held.write = function (chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      (rest.find((arg) => typeof arg === "function") as Callback | undefined)?.();
      return true;
    } as typeof held.write;
    held.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      settle(() => resolve({ status: held.statusCode, headers: held.getHeaders(), body: Buffer.concat(chunks) }));
      // Next waits for its response to finish before its handler returns.
      setImmediate(() => held.emit("finish"));
      return this;
    } as typeof held.end;

    handler(req, held).then(
      () => settle(() => reject(new Error(`${req.method} ${req.url}: the handler finished without a response`))),
      (error) => settle(() => reject(error)),
    );
  });
}
