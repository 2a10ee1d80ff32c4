// Whether two reports tell one story: similarity of their words, vetoed by
// what similarity cannot see in short templated news (direction words, other
// companies, other subjects, other values, other days of a daily column).
// Thresholds were chosen on the labelled real posts: see DESIGN.md.
import { beijingDay } from "../dates";
import { directionBits, directionConflict } from "./directions";
import { compareFigures, extractFigures, type Figure } from "./figures";
import { bigrams, comparableFolded, comparableText, foldText, overlapCoefficient, titleParts, type Bigrams } from "./normalize";

/** One report as story grouping sees it. The seed builds these from its rows (see input.ts). */
export type StoryArticle = {
  /** The article's slug: stable, unique. */
  key: string;
  title: string;
  /** The opening of the text (a few sentences is enough; more is ignored). */
  lead: string;
  publishedAt: Date;
  /** Company ids linked to the article, primary first. */
  companies: readonly string[];
  /** Company ids the title itself names (subjects, brokers); [] when it names none. */
  titleCompanies: readonly string[];
};

/** Reports more than this far apart are never compared (the 48 h). */
export const STORY_WINDOW_MS = 48 * 3_600_000;
/** How much of the lead is compared: about two sentences of rolling news. */
export const LEAD_CHARS = 120;

/** Title bigram overlap at or above which two reports are one story on their titles alone. */
export const TITLE_SAME = 0.5;
/** Overlap of title + lead at or above which two reports are one story… */
export const TEXT_SAME = 0.5;
/** …provided their titles overlap at least this much, or name the same company. */
export const TITLE_SUPPORT = 0.3;
/** Two subject prefixes (里昂：, 四部门：) name one subject when their bigrams overlap at least this much. */
const SUBJECT_SAME = 0.5;

export type Prepared = {
  article: StoryArticle;
  time: number;
  /** Beijing day, YYYY-MM-DD. */
  day: string;
  title: string;
  column: string | null;
  sessionColumn: boolean;
  subject: string | null;
  subjectBigrams: Bigrams;
  titleBigrams: Bigrams;
  /** Bigrams of title + lead: made on first use (most pairs are decided before the lead matters). */
  textBigrams: Bigrams | null;
  figures: Figure[];
  directions: number;
  titleCompanies: string[];
};

const NO_BIGRAMS = new Int32Array(0);

/** Everything pairScore needs about one report, computed once. */
export function prepare(article: StoryArticle): Prepared {
  const folded = foldText(article.title);
  const parts = titleParts(folded);
  const title = comparableFolded(folded);
  const titleCompanies = [...new Set(article.titleCompanies)].sort();
  return {
    article,
    time: article.publishedAt.getTime(),
    day: beijingDay(article.publishedAt),
    title,
    column: parts.column,
    sessionColumn: parts.sessionColumn,
    subject: parts.subject,
    subjectBigrams: parts.subject ? bigrams(parts.subject) : NO_BIGRAMS,
    titleBigrams: bigrams(title),
    textBigrams: null,
    figures: /[0-9十百千万亿]/.test(title) ? extractFigures(title, titleCompanies) : [],
    directions: directionBits(folded),
    titleCompanies,
  };
}

function textBigrams(report: Prepared): Bigrams {
  if (!report.textBigrams) {
    const lead = comparableText(report.article.lead.slice(0, LEAD_CHARS * 2)).slice(0, LEAD_CHARS);
    report.textBigrams = bigrams(`${report.title} ${lead}`);
  }
  return report.textBigrams;
}

export type PairVerdict = {
  same: boolean;
  /** The rule that decided: a veto, or the evidence for "same". */
  reason: string;
  /** Title bigram overlap; null when a veto decided first. */
  titleSimilarity: number | null;
  /** Title + lead bigram overlap; null when the decision did not need it. */
  textSimilarity: number | null;
};

/** Each names a company the other does not: different subjects (瑞信 on 长城汽车 vs on Sunoco). */
function companiesConflict(a: readonly string[], b: readonly string[]): boolean {
  if (!a.length || !b.length) return false;
  return a.some((id) => !b.includes(id)) && b.some((id) => !a.includes(id));
}

/** The titles name a company in common (and, past the vetoes, no other). */
const sharesCompany = (a: Prepared, b: Prepared) => a.titleCompanies.some((id) => b.titleCompanies.includes(id));

function subjectsConflict(a: Prepared, b: Prepared): boolean {
  if (!a.subject || !b.subject || a.subject.includes(b.subject) || b.subject.includes(a.subject)) return false;
  return overlapCoefficient(a.subjectBigrams, b.subjectBigrams) < SUBJECT_SAME;
}

/**
 * The vetoes alone: the reason two reports can never be one story, or null.
 * Story grouping also checks these across whole stories before merging two.
 */
export function vetoOf(a: Prepared, b: Prepared): string | null {
  if (Math.abs(a.time - b.time) > STORY_WINDOW_MS) return "more than 48 h apart";
  const axis = directionConflict(a.directions, b.directions);
  if (axis) return `opposite directions (${axis})`;
  if (companiesConflict(a.titleCompanies, b.titleCompanies)) return "titles name different companies";
  if (subjectsConflict(a, b)) return `different subjects (${a.subject} / ${b.subject})`;
  if (a.column && b.column) {
    if (a.column !== b.column) return `different columns (${a.column} / ${b.column})`;
    if (a.day !== b.day) return `column ${a.column} of different days`;
    // One session's review from two desks: their figures are that session's, whatever the rounding.
    if (a.sessionColumn) return null;
  }
  const figures = compareFigures(a.figures, b.figures);
  if (figures === "update" && a.day !== b.day) return "one daily figure on different days";
  if (figures === "conflict") return "different figures";
  return null;
}

/** Whether a and b report one story, and why. */
export function pairScore(a: Prepared, b: Prepared): PairVerdict {
  const veto = vetoOf(a, b);
  if (veto) return { same: false, reason: veto, titleSimilarity: null, textSimilarity: null };
  const titleSimilarity = overlapCoefficient(a.titleBigrams, b.titleBigrams);
  const byTitle = (same: boolean, reason: string): PairVerdict => ({ same, reason, titleSimilarity, textSimilarity: null });
  if (a.title === b.title) return byTitle(true, "same title");
  if (a.sessionColumn && a.column === b.column && a.day === b.day) return byTitle(true, `one session's ${a.column}`);
  const figures = compareFigures(a.figures, b.figures);
  if (figures === "update") return byTitle(true, "update of one figure");
  if (figures === "same value" && sharesCompany(a, b)) return byTitle(true, "one company, one figure");
  if (titleSimilarity >= TITLE_SAME) return byTitle(true, "similar titles");
  // The lead counts only for titles that already overlap some or name one company.
  if (titleSimilarity < TITLE_SUPPORT && !sharesCompany(a, b)) return byTitle(false, "not similar enough");
  const textSimilarity = similarities(a, b).text;
  const same = textSimilarity >= TEXT_SAME;
  return { same, reason: same ? "similar title and lead" : "not similar enough", titleSimilarity, textSimilarity };
}

/** Bigram overlaps of the titles and of title + lead, whatever the rules say (for reports on errors). */
export function similarities(a: Prepared, b: Prepared): { title: number; text: number } {
  return { title: overlapCoefficient(a.titleBigrams, b.titleBigrams), text: overlapCoefficient(textBigrams(a), textBigrams(b)) };
}

/** pairScore for two article records. */
export function sameStory(a: StoryArticle, b: StoryArticle): boolean {
  return pairScore(prepare(a), prepare(b)).same;
}
