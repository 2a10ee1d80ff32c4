import { EventEmitter, once } from "node:events";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { captureResponse, ClientGone, type Rendered } from "./response-capture";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves `handler` through captureResponse, then sends what was captured; resolves with the capture and the client's view. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>, method = "GET") {
  let captured: Promise<Rendered> | undefined;
  let seenBy: { method?: string; encoding?: string } = {};
  server = createServer((req, res) => {
    captured = captureResponse(req, res, async (req, res) => {
      seenBy = { method: req.method, encoding: String(req.headers["accept-encoding"]) };
      await handler(req, res);
    });
    void captured.then((r) => {
      expect(res.headersSent).toBe(false); // nothing went out before the capture was complete
      res.writeHead(r.status, { ...r.headers, "content-length": r.body.length });
      res.end(r.body);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const client = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/x", method, headers: { "accept-encoding": "gzip, deflate" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end();
  });
  return { rendered: await captured!, client, seenBy };
}

describe("captureResponse", () => {
  it("holds a streamed response back whole: status, headers set every way, and body", async () => {
    const { rendered, client } = await serve(async (_req, res) => {
      res.setHeader("x-one", "1");
      res.writeHead(201, { "Content-Type": "text/html; charset=utf-8" });
      res.flushHeaders();
      res.write("<p>流");
      await new Promise((resolve) => setTimeout(resolve, 5));
      res.write(Buffer.from("式</p>"));
      res.end("!");
    });
    expect(rendered.status).toBe(201);
    expect(rendered.headers).toMatchObject({ "x-one": "1", "content-type": "text/html; charset=utf-8" });
    expect(rendered.body.toString()).toBe("<p>流式</p>!");
    expect(client).toMatchObject({ status: 201, body: "<p>流式</p>!" });
    expect(client.headers["x-one"]).toBe("1");
  });

  it("asks the handler for identity bytes, and for a HEAD's GET", async () => {
    const { rendered, seenBy, client } = await serve(async (_req, res) => void res.end("body"), "HEAD");
    expect(seenBy).toEqual({ method: "GET", encoding: "identity" });
    expect(rendered.body.toString()).toBe("body");
    expect(client.body).toBe("");
  });

  it("lets the render see its response finish, and close when the reader leaves first", async () => {
    const req = () => ({ headers: {}, method: "GET", url: "/z" }) as IncomingMessage;
    let handlerReturned = false;
    const rendered = await captureResponse(req(), new EventEmitter() as ServerResponse, async (_req, held) => {
      held.end("done");
      await once(held, "finish"); // what Next does before its handler returns
      handlerReturned = true;
    });
    expect(rendered.body.toString()).toBe("done");
    await new Promise((resolve) => setImmediate(resolve));
    expect(handlerReturned).toBe(true);

    const reader = new EventEmitter() as ServerResponse;
    let renderSawClose = false;
    const leaving = captureResponse(req(), reader, async (_req, held) => {
      await once(held, "close");
      renderSawClose = true;
    });
    reader.emit("close");
    await expect(leaving).rejects.toBeInstanceOf(ClientGone);
    expect(renderSawClose).toBe(true);
  });

  it("rejects when the handler fails or finishes without a response", async () => {
    const failing = captureResponse({ headers: {}, method: "GET" } as IncomingMessage, fakeRes(), () =>
      Promise.reject(new Error("render failed")),
    );
    await expect(failing).rejects.toThrow("render failed");
    const silent = captureResponse({ headers: {}, method: "GET", url: "/y" } as IncomingMessage, fakeRes(), async () => {});
    await expect(silent).rejects.toThrow("/y: the handler finished without a response");
  });
});

function fakeRes(): ServerResponse {
  const listeners = new Map<string, () => void>();
  return {
    once: (name: string, fn: () => void) => void listeners.set(name, fn),
    off: (name: string) => void listeners.delete(name),
  } as unknown as ServerResponse;
}
