// Synthetic corpus shaped like the real site (see /work/shared/corpus/README.md):
// mostly terse rolling news (`2021-12-08-<id>.md`, 200–800 bytes, slug = file
// name), some eastmoney HTML digests, and media posts with stock-chart blocks
// (`…-NW<id>.md`, slug = infoCode). Companies come from the shipped directory
// with a Zipf-like popularity; outlets from ~40 real names; dates over ~3 years
// with weekday/trading-hour rhythm, burst days and shared timestamps.
//
// Deterministic: article i depends only on (BENCH_SEED, i), so a file a scenario
// changed is restored by generating it again. The folder is reused when its
// marker names the same count and generator version.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config, paths, ROOT } from "./config";

/** Bump when the generated text changes, so existing corpora are rebuilt. */
export const GENERATOR_VERSION = "3";
const MARKER = ".bench-corpus.json";

// ---------------------------------------------------------------- randomness

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Rng = ReturnType<typeof rng>;
const mix = (...parts: number[]) => parts.reduce((h, p) => Math.imul(h ^ p, 2654435761) >>> 0, 0x9e3779b9);

// ---------------------------------------------------------------- companies

export type BenchCompany = { id: string; name: string };

/** Shipped directory: lib/companies/data/a-shares.tsv, plus content/companies.yaml (or that alone). */
export function loadCompanies(): { companies: BenchCompany[]; source: string } {
  const out = new Map<string, BenchCompany>();
  const sources: string[] = [];
  const yamlFile = path.join(ROOT, "content/companies.yaml");
  if (existsSync(yamlFile)) {
    // Curated, popular companies first (hk/us listings included). Read loosely: name + first listing.
    let name: string | null = null;
    for (const line of readFileSync(yamlFile, "utf8").split("\n")) {
      const n = /^- name:\s*(.+?)\s*$/.exec(line);
      if (n) name = n[1].replace(/^["']|["']$/g, "");
      const l = /^\s+listings:\s*\[\s*([a-z0-9.]+)/.exec(line);
      if (l && name) {
        out.set(l[1], { id: l[1], name });
        name = null;
      }
    }
    sources.push("content/companies.yaml");
  }
  const tsv = path.join(ROOT, "lib/companies/data/a-shares.tsv");
  if (existsSync(tsv)) {
    const rows: BenchCompany[] = [];
    for (const line of readFileSync(tsv, "utf8").split("\n")) {
      if (!line.trim() || line.startsWith("#")) continue;
      const [rawId, name] = line.split("\t").map((s) => s?.trim());
      if (!rawId || !name) continue;
      const id = /^\d{6}$/.test(rawId) ? (rawId.startsWith("6") ? "sh" : "sz") + rawId : rawId.toLowerCase();
      if (/^(sh|sz)\d{6}$/.test(id) && !/退/.test(name)) rows.push({ id, name });
    }
    // Popularity should not follow code order: shuffle deterministically.
    const r = rng(config.seed);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(r.next() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    for (const row of rows) if (!out.has(row.id)) out.set(row.id, row);
    sources.push("lib/companies/data/a-shares.tsv");
  }
  const companies = [...out.values()];
  if (!companies.length) companies.push({ id: "sh600519", name: "贵州茅台" }, { id: "hk01024", name: "快手" });
  return { companies, source: sources.join(" + ") || "built-in" };
}

/** Zipf-like sampler (weight 1/rank^s): a few companies dominate, a long tail appears rarely. */
function zipf<T>(items: T[], s = 1.05) {
  const pickIndex = weighted(items.map((_, i) => 1 / Math.pow(i + 1, s)));
  return (r: Rng): T => items[pickIndex(r)];
}

function eastmoney(id: string): { market: string; code: string; textCode: string } {
  const prefix = id.slice(0, 2);
  const code = id.slice(2);
  if (prefix === "sh") return { market: "1", code, textCode: code };
  if (prefix === "sz") return { market: "0", code, textCode: code };
  if (prefix === "hk") return { market: "116", code, textCode: `${code.slice(1)}.HK` };
  return { market: "105", code: code.toUpperCase(), textCode: `${code.toUpperCase()}.O` };
}

// ---------------------------------------------------------------- outlets, text

/** Real outlets seen on the site (tags `<name>新闻`, categories `<slug>`). */
export const OUTLETS: [name: string, slug: string][] = [
  ["财联社", "cailianshe"],
  ["证券时报", "zhengquanshibao"],
  ["上游新闻", "shangyouxinwen"],
  ["每日经济新闻", "meirijingjixinwen"],
  ["中国证券报", "zhongguozhengquanbao"],
  ["上海证券报", "shanghaizhengquanbao"],
  ["证券日报", "zhengquanribao"],
  ["21世纪经济报道", "21shijijingjibaodao"],
  ["第一财经", "diyicaijing"],
  ["界面新闻", "jiemianxinwen"],
  ["新京报", "xinjingbao"],
  ["澎湃新闻", "pengpaixinwen"],
  ["央视新闻客户端", "yangshixinwenkehuduan"],
  ["新华社", "xinhuashe"],
  ["人民日报", "renminribao"],
  ["经济日报", "jingjiribao"],
  ["中国新闻网", "zhongguoxinwenwang"],
  ["财新网", "caixinwang"],
  ["经济观察报", "jingjiguanchabao"],
  ["中国经营报", "zhongguojingyingbao"],
  ["北京商报", "beijingshangbao"],
  ["华夏时报", "huaxiashibao"],
  ["证券之星", "zhengquanzhixing"],
  ["金融界", "jinrongjie"],
  ["新浪财经", "xinlangcaijing"],
  ["东方财富研究中心", "dongfangcaifuyanjiuzhongxin"],
  ["36氪", "36ke"],
  ["钛媒体", "taimeiti"],
  ["TechWeb", "TechWeb"],
  ["中新经纬", "zhongxinjingwei"],
  ["红星新闻", "hongxingxinwen"],
  ["封面新闻", "fengmianxinwen"],
  ["券商中国", "quanshangzhongguo"],
  ["中国基金报", "zhongguojijinbao"],
  ["格隆汇", "gelonghui"],
  ["智通财经", "zhitongcaijing"],
  ["国际金融报", "guojijinrongbao"],
  ["期货日报", "qihuoribao"],
  ["泉州晚报", "quanzhouwanbao"],
  ["安信国际证券(香港)", "anxinguojizhengquan(xianggang)"],
  ["投资快报", "touzikuaibao"],
  ["中国经济网", "zhongguojingjiwang"],
];
const outletPick = zipf(OUTLETS, 0.9);

const EVENTS: ((r: Rng, other: string) => string)[] = [
  (r) => `${r.int(2019, 2023)}年净利同比预增${r.int(20, 900)}%-${r.int(901, 1300)}%`,
  (r) => `拟回购不超过${r.int(1, 30)}亿元公司股份`,
  (r) => `股东拟减持不超过${r.int(1, 6)}%股份`,
  (_r, other) => `与${other}签署战略合作协议`,
  (r) => `${r.int(1, 12)}月销量同比增长${r.int(3, 260)}%`,
  (r) => `中标${r.int(1, 90)}亿元项目`,
  (r) => `拟定增募资不超过${r.int(3, 120)}亿元`,
  (r) => `一季度营收${r.int(2, 900)}亿元 同比增长${r.int(1, 99)}%`,
  (r) => `上半年净利润同比下降${r.int(1, 80)}%`,
  () => "股价盘中涨停 成交额创年内新高",
  () => "收到交易所问询函",
  (r) => `控股股东质押${r.int(100, 9000)}万股`,
  () => "新产品获批上市",
  (r) => `拟投资${r.int(1, 200)}亿元建设新项目`,
  (r) => `拟每10股派${r.int(1, 60) / 10}元`,
  () => "董事长辞职 总经理代行职责",
  (_r, other) => `拟收购${other}部分股权`,
  (r) => `获得${r.int(2, 40)}项发明专利授权`,
  () => "入选专精特新“小巨人”企业名单",
  (r) => `前三季度营收同比增长${r.int(1, 150)}%`,
  () => "回应市场传闻：生产经营一切正常",
  (r) => `获${r.int(2, 60)}家机构调研`,
];
const MACRO_SUBJECTS = [
  "央行",
  "国家统计局",
  "财政部",
  "商务部",
  "国家发改委",
  "证监会",
  "银保监会",
  "海关总署",
  "国务院常务会议",
  "外汇局",
];
const MACRO_EVENTS = [
  (r: Rng) => `${r.int(1, 12)}月CPI同比上涨${r.int(1, 30) / 10}%`,
  (r: Rng) => `开展${r.int(100, 9000)}亿元逆回购操作`,
  (r: Rng) => `前${r.int(2, 11)}个月进出口总值同比增长${r.int(1, 300) / 10}%`,
  () => "将适时降准 保持流动性合理充裕",
  () => "部署进一步稳定外贸外资",
  () => "发布关于推动平台经济规范健康发展的意见",
  (r: Rng) => `${r.int(1, 12)}月社会消费品零售总额同比增长${r.int(1, 200) / 10}%`,
];

/** Sentences and titles from the real posts, used as filler so the text reads like the site's. */
function loadRealText(): { sentences: string[]; titles: string[] } {
  const sentences = new Set<string>();
  const titles = new Set<string>();
  const dirs = ["/work/shared/corpus/finews", path.join(ROOT, "content")];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) {
      if (!/\.(md|txt)$/.test(file)) continue;
      const text = readFileSync(path.join(dir, file), "utf8").replace(/\r\n?/g, "\n");
      const title = /^title:\s*"?(.*?)"?\s*$/m.exec(text)?.[1] ?? /^#\s+(.*)$/m.exec(text)?.[1];
      if (title && title.length > 6) titles.add(title);
      const body = text
        .replace(/^---\n[\s\S]*?\n---\n/, "")
        .replace(/<!-- EM_StockImg_Start -->[\s\S]*?<!-- EM_StockImg_End -->/g, "")
        .replace(/<[^>]+>/g, "")
        .replace(/^<.*>$|^\[返回.*$/gm, "")
        .replace(/&[a-z]+;|&#\d+;/g, "");
      for (const s of body.split(/(?<=。)/)) {
        const t = s.replace(/\s+/g, "").replace(/^>/, "");
        if (t.length >= 15 && t.length <= 140 && !/文章来源|返回|http/.test(t)) sentences.add(t);
      }
    }
  }
  if (!sentences.size) sentences.add("市场人士认为，后续政策效果仍需观察。");
  if (!titles.size) titles.add("三大指数集体走高");
  return { sentences: [...sentences], titles: [...titles] };
}

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
const BJ = 8 * 3_600_000;
export const CORPUS_START = Date.UTC(2021, 5, 1) - BJ; // 2021-06-01 00:00 Beijing
const SPAN_DAYS = 3 * 365;
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2, 4, 8, 9, 8, 5, 5, 7, 8, 7, 6, 6, 5, 6, 5, 4, 2];

/** Sorted publication instants (ms), weekday/hour rhythm, ~3% burst days, ~12% shared timestamps. */
function timestamps(count: number): number[] {
  const r = rng(mix(config.seed, 7));
  const dayWeights: number[] = [];
  for (let d = 0; d < SPAN_DAYS; d++) {
    const weekday = new Date(CORPUS_START + BJ + d * DAY).getUTCDay();
    let w = weekday === 0 || weekday === 6 ? 0.3 : 1;
    if (r.chance(0.03)) w *= 3 + r.next() * 5; // a news-heavy day
    w *= 0.6 + (0.8 * d) / SPAN_DAYS; // the site grows
    dayWeights.push(w);
  }
  const pickDay = weighted(dayWeights);
  const pickHour = weighted(HOUR_WEIGHTS);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && r.chance(0.12)) {
      out.push(out[out.length - 1]); // several posts share one timestamp
      continue;
    }
    out.push(CORPUS_START + pickDay(r) * DAY + pickHour(r) * 3_600_000 + r.int(0, 3599) * 1000);
  }
  return out.sort((a, b) => a - b);
}

/** A picker of indexes, each as likely as its weight (binary search over the running sums). */
export function weighted(weights: number[]) {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (r: Pick<Rng, "next">) => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** "2021-12-08 10:46:18" in Beijing time. */
export function beijing(ms: number): string {
  return new Date(ms + BJ).toISOString().replace("T", " ").slice(0, 19);
}

// ---------------------------------------------------------------- articles

export type GeneratedFile = { fileName: string; text: string; title: string; kind: string };

export type Generator = {
  count: number;
  broken: number;
  companies: BenchCompany[];
  companySource: string;
  /** File i of the corpus (0 ≤ i < count + broken); `variant` > 0 gives a changed version. */
  file(i: number, variant?: number): GeneratedFile;
  /** A brand-new article dated `at`, with a unique id and title. */
  fresh(at: number, tag: string): GeneratedFile;
};

export function createGenerator(count: number): Generator {
  const { companies, source } = loadCompanies();
  const pickCompany = zipf(companies);
  const { sentences, titles } = loadRealText();
  const times = timestamps(count);
  const broken = Math.max(1, Math.floor(count / 2000));

  const mention = (c: BenchCompany, r: Rng) => (r.chance(0.6) ? `${c.name}(${eastmoney(c.id).textCode})` : c.name);
  const filler = (r: Rng, n: number) => Array.from({ length: n }, () => r.pick(sentences)).join("");
  const stockLink = (c: BenchCompany) => {
    const { market, code } = eastmoney(c.id);
    return `<span id="stock_${market}.${code}"><a href="http://quote.eastmoney.com/unify/r/${market}.${code}" class="keytip" data-code="${market},${code}">${c.name}</a></span><span id="quote_${market}.${code}"></span>`;
  };
  const chartBlock = (market: string, code: string) =>
    `<p style="display:none;height:1px;overflow:hidden;"><br /></p><!-- EM_StockImg_Start --><p style="text-align:center;"><a href="http://quote.eastmoney.com/unify/r/${market}.${code}" data-code="${code}|${market}|2" data-code2="${code}|${market}|6|" class="EmImageRemark" target="_blank"><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=${market}.${code}&imageType=k&token=28dfeb41d35cc81d84b4664d7c23c49f&at=1" border="0" alt="K图 ${code}_0" data-code="K ${code}|${market}|2" data-code2="K ${code}|${market}|6|" style="border:#d1d1d1 1px solid;" width="578" height="276" /></a></p><!-- EM_StockImg_End -->`;
  const footer = (r: Rng, tag: string, slug: string) =>
    r.pick([
      "",
      `\n\n[返回${tag}](../emnews/)｜[返回首页](../)`,
      `\n\n[返回${tag}](//finews.withounder.com/${slug === "emnews" ? "emnews/" : `category/${slug}.html`})｜[返回首页](//finews.withounder.com/)`,
      `\n\n[返回${tag}](//finews.zning.me/emnews/)\n[返回首页](//finews.zning.me/)`,
    ]);

  function build(i: number, at: number, r: Rng, variant: number, forcedId?: string, forceRolling = false): GeneratedFile {
    const day = beijing(at).slice(0, 10);
    const ymd = day.replace(/-/g, "");
    const id = forcedId ?? `${ymd}${2_200_000_000 + i}`;
    const primary = pickCompany(r);
    const others = Array.from({ length: r.int(0, 3) }, () => pickCompany(r)).filter((c) => c.id !== primary.id);
    const other = others[0] ?? pickCompany(r);
    const [month, dom] = [Number(day.slice(5, 7)), Number(day.slice(8, 10))];
    const withCompany = r.chance(0.7);
    const event = r.pick(EVENTS)(r, other.name);
    let title = withCompany
      ? r.chance(0.85)
        ? `${primary.name}：${event}`
        : `${primary.name}${event}`
      : r.chance(0.5)
        ? `${r.pick(MACRO_SUBJECTS)}：${r.pick(MACRO_EVENTS)(r)}`
        : r.pick(titles);
    if (variant) title = `${title}（更新${variant}）`;
    const lead = withCompany
      ? `${mention(primary, r)}${month}月${dom}日晚间公告，${event}。${others.map((c) => mention(c, r)).join("、")}${others.length ? "等公司亦有相关动态。" : ""}`
      : "";
    const date = `${beijing(at)}${r.chance(0.5) ? " +0800" : ""}`;
    const kindRoll = forceRolling ? (r.next(), 0) : r.next();
    const crlf = r.chance(0.02);
    let fileName: string;
    let text: string;
    let kind: string;
    const q = (s: string) => s.replace(/"/g, "“");
    if (kindRoll < 0.72) {
      // Terse rolling news: one paragraph, the eastmoney link, maybe a footer.
      kind = "rolling";
      const [outlet] = outletPick(r);
      const body = `${lead}${filler(r, r.int(withCompany ? 0 : 1, 2))}${r.chance(0.3) ? `（${outlet}）` : ""}${variant ? `（第${variant}次修改）` : ""}`;
      const column = r.pick(["1350", "1353", "11060", "1345", "1354"]);
      fileName = `${day}-${id}.md`;
      text = `---\nlayout: post\ntitle: "${q(title)}"\ndate: ${date}\ncategories: emnews\ntags: 东财滚动新闻\n---\n\n${body}\n\n<http://${r.pick(["finance", "stock", "hk", "futures"])}.eastmoney.com/news/${column},${id}.html>${footer(r, "东财滚动新闻", "emnews")}`;
    } else if (kindRoll < 0.85) {
      // Rolling news with a `> digest` line and eastmoney's HTML (inline stock links, outlet footer).
      kind = "digest";
      const [outlet] = outletPick(r);
      const digest = `${lead}${filler(r, 1)}`;
      const html = `<p>${withCompany ? stockLink(primary) : ""}${filler(r, r.int(2, 5))}</p><p>${others.map(stockLink).join("、")}${filler(r, r.int(1, 3))}${variant ? `（第${variant}次修改）` : ""}</p><p class="em_media">（文章来源：${outlet}）</p>`;
      fileName = `${day}-${id}.md`;
      text = `---\nlayout: post\ntitle: "${q(title)}"\ndate: ${date}\ncategories: emnews\ntags: 东财滚动新闻\n---\n> ${digest}\n\n${html}\n\n<http://finance.eastmoney.com/news/1354,${id}.html>${footer(r, "东财滚动新闻", "emnews")}`;
    } else if (kindRoll < 0.98) {
      // Media post: stock-chart block(s), several HTML paragraphs, infoCode link (the slug).
      kind = "media";
      const [outlet, slug] = outletPick(r);
      const charted = [primary, ...(r.chance(0.2) ? others.slice(0, 1) : [])];
      const charts =
        charted.map((c) => chartBlock(eastmoney(c.id).market, eastmoney(c.id).code)).join("") +
        (r.chance(0.05) ? chartBlock("90", `BK${r.int(1000, 1100)}`) : "");
      const paragraphs = Array.from({ length: r.int(3, 12) }, () => `<p>${filler(r, r.int(2, 4))}</p>`).join("");
      const image = r.chance(0.4)
        ? `<center><img src="https://dfscdn.dfcfw.com/download/D${r.int(1e9, 9e9)}${r.int(1e9, 9e9)}.jpg" alt="image" /></center>`
        : "";
      fileName = `${day}-NW${id}.md`;
      text = `---\nlayout: post\ntitle: "${q(title)}"\ndate: ${date}\ncategories: ${slug}\ntags: ${outlet}新闻\n---\n${charts}<p>${lead}${variant ? `（第${variant}次修改）` : ""}</p>${image}${paragraphs}<p class="em_media">（文章来源：${outlet}）</p>\n\n<http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW${id}>${footer(r, `${outlet}新闻`, slug)}`;
    } else {
      // The Markdown format: `# title`, then `*source|YYYY-MM-DD|*`.
      kind = "markdown";
      const [outlet] = outletPick(r);
      fileName = `${day}-md${id}.md`;
      text = `# ${title}\n\n*${outlet}|${day}|*\n\n${lead}${filler(r, r.int(1, 4))}${variant ? `（第${variant}次修改）` : ""}\n`;
    }
    if (!r.chance(0.1)) text += "\n";
    if (crlf) text = text.replace(/\n/g, "\r\n");
    return { fileName, text, title, kind };
  }

  return {
    count,
    broken,
    companies,
    companySource: source,
    file(i, variant = 0) {
      if (i >= count) {
        // Broken files like the real `-202205262391921712.md`: rejected by the seed, never counted.
        const id = `2022052600${String(i).padStart(8, "0")}`;
        return {
          fileName: `-${id}.md`,
          text: `---\nlayout: post\ntitle: ""\ndate:  +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n正文缺失。\n`,
          title: "",
          kind: "broken",
        };
      }
      // Same random stream for every variant: same kind, file name, companies; only the text marks differ.
      const r = rng(mix(config.seed, i));
      return build(i, times[i], r, variant);
    },
    fresh(at, tag) {
      const r = rng(mix(config.seed, at % 2 ** 31, 99));
      const ymd = beijing(at).slice(0, 10).replace(/-/g, "");
      const id = `${ymd}39${String(at % 1e8).padStart(8, "0")}`;
      const file = build(0, at, r, 0, id, true);
      // Rolling-news layout, with a title nobody else has.
      const title = `基准测试新文章 ${tag}`;
      return { ...file, title, text: file.text.replace(/^title: ".*"$/m, `title: "${title}"`).replace(/^# .*$/m, `# ${title}`) };
    },
  };
}

// ---------------------------------------------------------------- the folder

type Marker = { version: string; count: number; seed: number; companies: string; broken: number; touched: number[]; added: string[] };

export type Corpus = {
  dir: string;
  count: number;
  /** Files the seed should load (the broken ones excluded). */
  expectedArticles: number;
  files: number;
  gen: Generator;
  /** Writes file i's `variant` (0 = the original); remembered so `restore` can undo it. */
  rewrite(indices: number[], variant: number): GeneratedFile[];
  /** Adds a file outside the generated set (removed by `restore`). */
  add(file: GeneratedFile): void;
  /** Puts every changed file back and removes added ones. */
  restore(): void;
};

function fingerprint(gen: Generator): string {
  return createHash("sha256")
    .update(gen.companySource)
    .update(gen.companies.map((c) => `${c.id}\t${c.name}`).join("\n"))
    .digest("hex")
    .slice(0, 16);
}

/** The corpus of `count` articles in bench/.data/corpus-<count>/, generated or reused. */
export function ensureCorpus(count = config.articles, log = console.log): Corpus {
  const dir = paths.corpus(count);
  const gen = createGenerator(count);
  const markerFile = path.join(dir, MARKER);
  const wanted = { version: GENERATOR_VERSION, count, seed: config.seed, companies: fingerprint(gen), broken: gen.broken };
  let marker: Marker | null = null;
  try {
    marker = JSON.parse(readFileSync(markerFile, "utf8")) as Marker;
  } catch {
    marker = null;
  }
  const same = marker && (Object.keys(wanted) as (keyof typeof wanted)[]).every((k) => marker![k] === wanted[k]);
  const save = (m: Marker) => writeFileSync(markerFile, JSON.stringify(m));

  if (!same) {
    const started = performance.now();
    log(`corpus: generating ${count} articles (+${gen.broken} broken files) in ${path.relative(ROOT, dir)} …`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const yaml = path.join(ROOT, "content/companies.yaml");
    if (existsSync(yaml)) copyFileSync(yaml, path.join(dir, "companies.yaml"));
    const kinds: Record<string, number> = {};
    for (let i = 0; i < count + gen.broken; i++) {
      const f = gen.file(i);
      kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
      writeFileSync(path.join(dir, f.fileName), f.text);
    }
    marker = { ...wanted, touched: [], added: [] };
    save(marker);
    log(
      `corpus: done in ${((performance.now() - started) / 1000).toFixed(1)}s (${Object.entries(kinds)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ")}; companies from ${gen.companySource})`,
    );
  }
  const m = marker!;
  const corpus: Corpus = {
    dir,
    count,
    expectedArticles: count,
    files: count + gen.broken,
    gen,
    rewrite(indices, variant) {
      m.touched = [...new Set([...m.touched, ...indices])];
      save(m);
      return indices.map((i) => {
        const f = gen.file(i, variant);
        writeFileSync(path.join(dir, f.fileName), f.text);
        return f;
      });
    },
    add(file) {
      m.added = [...new Set([...m.added, file.fileName])];
      save(m);
      writeFileSync(path.join(dir, file.fileName), file.text);
    },
    restore() {
      for (const i of m.touched) {
        const f = gen.file(i);
        writeFileSync(path.join(dir, f.fileName), f.text);
      }
      for (const name of m.added) if (existsSync(path.join(dir, name))) unlinkSync(path.join(dir, name));
      m.touched = [];
      m.added = [];
      save(m);
    },
  };
  if (m.touched.length || m.added.length) {
    log(`corpus: restoring ${m.touched.length} changed and ${m.added.length} added files left by an earlier run`);
    corpus.restore();
  }
  return corpus;
}
