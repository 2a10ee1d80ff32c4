import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { IMAGE_FALLBACK_SCRIPT } from "./image-fallback-script";
import { contentSecurityPolicy, isAppScript, withContentSecurityPolicy } from "./security-headers";

const hash = (script: string) => `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
const allowed = (policy: string) => [...policy.matchAll(/'sha256-[^']+'/g)].map((m) => m[0]);

// The inline scripts of a page as Next 16 emits them (checked on a production build).
const TURBOPACK = `(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/310vm2bl3xxpt.js","static/chunks/1wnov70f88xjy.js"],"runtimeModuleIds":[94553]});`;
const BOOTSTRAP = "(self.__next_f=self.__next_f||[]).push([0])";
// A flight chunk carries the page's data, article text included: JSON-escaped, "<" as \u003c.
const FLIGHT = `self.__next_f.push(${JSON.stringify([1, '1:"$Sreact.fragment"\n2:["$","div",null,{"dangerouslySetInnerHTML":{"__html":"<script>alert(1)</script>"}}]\n']).replace(/</g, "\\u003c")})`;

function page(body: string) {
  return (
    `<!DOCTYPE html><html lang="zh-CN"><head><script>${IMAGE_FALLBACK_SCRIPT}</script>` +
    `<script src="/_next/static/chunks/a.js" async=""></script></head><body><main>${body}</main>` +
    `<script id="_R_">${TURBOPACK}</script><script>${BOOTSTRAP}</script><script>${FLIGHT}</script></body></html>`
  );
}

describe("contentSecurityPolicy", () => {
  it("allows the app's own inline scripts and Next's, by hash", () => {
    const policy = contentSecurityPolicy(page('<article><script type="application/ld+json">{"@type":"NewsArticle"}</script></article>'));
    expect(allowed(policy).sort()).toEqual([IMAGE_FALLBACK_SCRIPT, TURBOPACK, BOOTSTRAP, FLIGHT].map(hash).sort());
    expect(policy).toMatch(/^default-src 'self'; script-src 'self' 'sha256-/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it("gives a script injected into an article no hash, whatever it looks like", () => {
    const injected = [
      "alert(1)",
      'self.__next_f.push([1,"x"]);alert(1)',
      "self.__next_f.push([1,alert(1)])",
      'self.__next_f.push([1,"x"],alert(1))',
      'self.__next_f.push([9,"x"])',
      "(self.__next_f=self.__next_f||[]).push([0]);alert(1)",
      `(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["https://evil.example/x.js"]});`,
      `(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/../../api/companies?q=x"]});`,
      `(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]});\nalert(1)`,
      IMAGE_FALLBACK_SCRIPT + ";alert(1)",
    ];
    for (const script of injected) {
      const policy = contentSecurityPolicy(page(`<p>正文</p><script>${script}</script><SCRIPT type="text/javascript">${script}</SCRIPT>`));
      expect(allowed(policy), script).not.toContain(hash(script));
      expect(allowed(policy), script).toHaveLength(4);
    }
  });

  it("recognises Next's script shapes and nothing else", () => {
    expect(isAppScript(BOOTSTRAP)).toBe(true);
    expect(isAppScript(FLIGHT)).toBe(true);
    expect(isAppScript(`self.__next_f.push([3,"AAEC"])`)).toBe(true);
    expect(isAppScript(TURBOPACK)).toBe(true);
    expect(isAppScript(`${TURBOPACK}\n${TURBOPACK}`)).toBe(true);
    expect(isAppScript(`self.__next_f.push([1,"</script><script>alert(1)//"])`)).toBe(false);
    expect(isAppScript("")).toBe(false);
  });
});

describe("withContentSecurityPolicy", () => {
  it("adds the policy to HTML pages only", () => {
    const html = withContentSecurityPolicy({
      status: 200,
      headers: { "content-type": "text/html; charset=utf-8" },
      body: Buffer.from(page("")),
    });
    expect(html.headers["content-security-policy"]).toContain(hash(FLIGHT));
    const feed = withContentSecurityPolicy({ status: 200, headers: { "content-type": "application/feed+json" }, body: Buffer.from("{}") });
    expect(feed.headers["content-security-policy"]).toBeUndefined();
  });
});
