import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadDirectory } from "../companies/directory";
import { toStoryArticle } from "./input";
import { LEAD_CHARS } from "./pair";

const { directory } = loadDirectory(path.join(fileURLToPath(new URL("../..", import.meta.url)), "content-without-overlay"));

describe("toStoryArticle", () => {
  it("takes the companies the title names from the title alone, and a bounded lead", () => {
    const article = toStoryArticle(
      {
        slug: "2021-12-08-202112082206876726",
        title: "瑞士信贷(CS.N)：维持长城汽车目标价41港元 11月表现疲弱主因哈弗品牌销量跌32%",
        plainText: "瑞信发布研究报告称，维持长城汽车“跑赢大市”评级。".repeat(20),
        publishedAt: new Date("2021-12-08T03:40:00Z"),
        companyIds: ["uscs", "sh601633", "sz002594"],
      },
      directory,
    );
    expect(article.key).toBe("2021-12-08-202112082206876726");
    expect([...article.titleCompanies].sort()).toEqual(["sh601633", "uscs"]);
    expect(article.companies).toEqual(["uscs", "sh601633", "sz002594"]);
    expect(article.lead.length).toBe(LEAD_CHARS * 2);
  });
});
