// The company directory: the data that ships with the app (lib/companies/data/),
// extended or overridden by an optional companies.yaml in CONTENT_DIR.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildCompanyData, findConflicts, loadCompanyData, type CompanyDataTexts, type CompanyEntry } from "./data/load-data";

export type DirectoryCompany = CompanyEntry;

export type CompanyDirectory = {
  companies: DirectoryCompany[];
  /** Every listing id (hk09988, usbaba…) → its company. */
  byListing: Map<string, DirectoryCompany>;
  /** Changes whenever any entry changes: recognition results depend on it. */
  fingerprint: string;
};

/** The file in CONTENT_DIR that extends the shipped directory (same schema as data/curated.yaml). */
export const OVERLAY_FILE = "companies.yaml";

export function directoryFrom(entries: CompanyEntry[]): CompanyDirectory {
  const byListing = new Map<string, DirectoryCompany>();
  for (const company of entries) for (const listing of company.listings) byListing.set(listing, company);
  const fingerprint = createHash("sha256").update(JSON.stringify(entries)).digest("hex").slice(0, 16);
  return { companies: entries, byListing, fingerprint };
}

/** A directory from file texts (tests build small ones this way). */
export function buildDirectory(texts: CompanyDataTexts): CompanyDirectory {
  return directoryFrom(buildCompanyData(texts));
}

/**
 * The shipped directory, extended by CONTENT_DIR/companies.yaml when there is
 * one. Throws an error naming the file, entry and reason for malformed data;
 * names claimed by two companies are returned as messages (the later entry wins).
 */
export function loadDirectory(contentDir: string): { directory: CompanyDirectory; messages: string[] } {
  const overlay = path.join(contentDir, OVERLAY_FILE);
  const hasOverlay = existsSync(overlay);
  const entries = loadCompanyData({ extraYamlFiles: hasOverlay ? [overlay] : [] });
  const messages = findConflicts(entries).map((problem) => `companies: ${problem}`);
  if (hasOverlay) messages.unshift(`companies: ${overlay} extends the shipped directory`);
  return { directory: directoryFrom(entries), messages };
}
