import { describe, expect, it } from "vitest";
import { MAX_POST_BYTES, originForm, refusal } from "./request-guard";

describe("refusal", () => {
  it("lets GET and HEAD on a path through", () => {
    expect(refusal("GET", "/")).toBeNull();
    expect(refusal("HEAD", "/feed.xml?company=hk01024")).toBeNull();
    expect(refusal("GET", "http://example.com/companies")).toBeNull();
  });

  it("answers any other method 405 naming the allowed ones", () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", undefined]) {
      expect(refusal(method, "/"), method).toMatchObject({ status: 405, headers: { allow: "GET, HEAD" } });
    }
  });

  it("takes a small POST on the desk's look-ups only", () => {
    expect(refusal("POST", "/api/companies", { "content-length": "120" })).toBeNull();
    expect(refusal("POST", "/api/articles", { "content-length": String(MAX_POST_BYTES) })).toBeNull();
    expect(refusal("POST", "/api/articles", { "content-length": String(MAX_POST_BYTES + 1) })).toMatchObject({ status: 413 });
    expect(refusal("POST", "/api/articles")).toMatchObject({ status: 413 });
    for (const target of ["/api/companies/x", "/api/company", "/feed.json", "/?api/companies"])
      expect(refusal("POST", target, { "content-length": "2" }), target).toMatchObject({ status: 405 });
    expect(refusal("PUT", "/api/companies", { "content-length": "2" })).toMatchObject({ status: 405 });
  });

  it("answers a target that is not a path 400", () => {
    for (const target of ["*", "example.com:443", "", "javascript:alert(1)", "mailto:x@y", undefined])
      expect(refusal("GET", target), String(target)).toMatchObject({ status: 400 });
  });

  it("answers a router-state header Next cannot read 400 instead of letting Next fail", () => {
    const valid = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, null]));
    expect(refusal("GET", "/", { rsc: "1", "next-router-state-tree": valid })).toBeNull();
    for (const tree of ["junk%", "%5B%5D", encodeURIComponent('["",{},null,null,true]'), "x".repeat(50_000)])
      expect(refusal("GET", "/", { rsc: "1", "next-router-state-tree": tree }), tree.slice(0, 20)).toMatchObject({ status: 400 });
  });
});

describe("originForm", () => {
  it("takes the path and query of an absolute-form target", () => {
    expect(originForm("/a?b=c")).toBe("/a?b=c");
    expect(originForm("http://example.com")).toBe("/");
    expect(originForm("HTTPS://example.com:8443/feed.json?q=x")).toBe("/feed.json?q=x");
    expect(originForm("http://example.com?q=x")).toBe("/?q=x");
    expect(originForm("*")).toBeNull();
  });
});
