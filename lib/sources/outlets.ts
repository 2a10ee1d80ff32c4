/**
 * Outlets as readers know them: the shipped table (outlets.yaml) maps every name a
 * post may credit (证券时报网, 央视新闻客户端, the tag form 每日经济新闻新闻) to one
 * outlet, and a channel of an aggregator (东财滚动) to its outlet (东方财富网) with
 * the channel beside it. A sources.yaml in CONTENT_DIR extends it with the same
 * schema. Pure functions take file texts; `loadOutlets` reads the files.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as yaml from "js-yaml";
import { z } from "zod";

/** Who a post is credited to: the outlet, and the part of it (滚动) when the credit names one. */
export type Credit = { outlet: string; channel: string | null };

export type Outlet = {
  name: string;
  aliases: string[];
  channels: { name: string; aliases: string[]; categories: string[] }[];
  categories: string[];
  origin: "corpus" | "knowledge";
};

export type OutletTable = {
  outlets: Outlet[];
  /** The credit a name means: any alias or channel alias → its outlet; an unknown name is its own outlet. */
  resolve(name: string): Credit;
  /** The outlet a name means (央视新闻客户端 → 央视新闻); an unknown name, cleaned, is its own. */
  canonical(name: string): string;
  /** The credit an original-site category slug means (emnews → 东方财富网 / 滚动), or null. */
  byCategory(slug: string): Credit | null;
};

/** The file in CONTENT_DIR that extends the shipped table. */
export const OUTLET_OVERLAY_FILE = "sources.yaml";
export const OUTLETS_FILE = join(dirname(fileURLToPath(import.meta.url)), "outlets.yaml");

const nonEmpty = z.string().trim().min(1);
const ChannelSchema = z
  .object({ name: nonEmpty, aliases: z.array(nonEmpty).default([]), categories: z.array(nonEmpty).default([]) })
  .strict();
const OutletSchema = z
  .object({
    name: nonEmpty,
    aliases: z.array(nonEmpty).default([]),
    channels: z.array(ChannelSchema).default([]),
    categories: z.array(nonEmpty).default([]),
    origin: z.enum(["corpus", "knowledge"]).optional(),
  })
  .strict();

function fail(file: string, where: string, reason: string): never {
  throw new Error(`${file}: ${where}: ${reason}`);
}

/** Names compare after NFKC and without spaces: "央视新闻 客户端" is 央视新闻客户端. */
export function cleanOutletName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

/**
 * Parses an outlet list (outlets.yaml or CONTENT_DIR/sources.yaml). Throws an
 * error naming the file, the entry and the reason; within one file a name may
 * mean one outlet only.
 */
export function parseOutlets(text: string, file: string, defaultOrigin?: Outlet["origin"]): Outlet[] {
  let doc: unknown;
  try {
    doc = yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA, filename: file });
  } catch (err) {
    fail(file, "YAML", (err as Error).message.split("\n")[0]);
  }
  if (doc == null) return [];
  if (!Array.isArray(doc)) fail(file, "top level", "expected a YAML list of outlets");
  const owner = new Map<string, string>();
  return doc.map((raw, i) => {
    const label = `entry ${i + 1}${raw && typeof raw === "object" && "name" in raw ? ` (${String((raw as { name: unknown }).name)})` : ""}`;
    const parsed = OutletSchema.safeParse(raw);
    if (!parsed.success) {
      fail(file, label, parsed.error.issues.map((issue) => `${issue.path.join(".") || "entry"}: ${issue.message}`).join("; "));
    }
    const origin = parsed.data.origin ?? defaultOrigin;
    if (!origin) fail(file, label, "origin is required (corpus|knowledge)");
    const outlet: Outlet = { ...parsed.data, origin };
    const names = [
      outlet.name,
      ...outlet.aliases,
      ...outlet.channels.flatMap((c) => c.aliases),
      ...[...outlet.categories, ...outlet.channels.flatMap((c) => c.categories)].map((slug) => `category:${slug}`),
    ];
    for (const name of new Set(names.map(cleanOutletName))) {
      const previous = owner.get(name);
      if (previous && previous !== label) fail(file, label, `"${name.replace(/^category:/, "category ")}" already belongs to ${previous}`);
      owner.set(name, label);
    }
    return outlet;
  });
}

/**
 * Layers outlet lists: an entry with the name of an earlier outlet (or one of its
 * aliases) extends it (aliases, channels and categories are added); a name an
 * earlier outlet claims moves to the later one, and a message says so.
 */
export function buildOutletTable(layers: Outlet[][]): { table: OutletTable; messages: string[] } {
  const outlets: Outlet[] = [];
  const messages: string[] = [];
  const credits = new Map<string, Credit>();
  const categories = new Map<string, Credit>();
  const claim = (map: Map<string, Credit>, key: string, credit: Credit, what: string) => {
    const previous = map.get(key);
    if (previous && previous.outlet !== credit.outlet) {
      messages.push(`sources: ${what} "${key}" moves from ${previous.outlet} to ${credit.outlet}`);
    }
    map.set(key, credit);
  };
  for (const layer of layers) {
    for (const entry of layer) {
      const existing = credits.get(cleanOutletName(entry.name));
      let outlet = existing ? outlets.find((o) => o.name === existing.outlet) : undefined;
      if (!outlet) outlets.push((outlet = { ...entry, aliases: [], channels: [], categories: [] }));
      if (entry.name !== outlet.name) outlet.aliases.push(entry.name);
      outlet.aliases.push(...entry.aliases.filter((a) => !outlet.aliases.includes(a)));
      outlet.categories.push(...entry.categories.filter((c) => !outlet.categories.includes(c)));
      for (const channel of entry.channels) {
        const same = outlet.channels.find((c) => c.name === channel.name);
        if (same) {
          same.aliases.push(...channel.aliases.filter((a) => !same.aliases.includes(a)));
          same.categories.push(...channel.categories.filter((c) => !same.categories.includes(c)));
        } else outlet.channels.push({ ...channel, aliases: [...channel.aliases], categories: [...channel.categories] });
      }
      const plain = { outlet: outlet.name, channel: null };
      for (const name of [outlet.name, entry.name, ...entry.aliases]) claim(credits, cleanOutletName(name), plain, "name");
      for (const slug of entry.categories) claim(categories, slug.toLowerCase(), plain, "category");
      for (const channel of entry.channels) {
        const credit = { outlet: outlet.name, channel: channel.name };
        for (const name of channel.aliases) claim(credits, cleanOutletName(name), credit, "name");
        for (const slug of channel.categories) claim(categories, slug.toLowerCase(), credit, "category");
      }
    }
  }
  const resolve = (name: string): Credit => {
    const clean = cleanOutletName(name);
    return credits.get(clean) ?? { outlet: clean, channel: null };
  };
  return {
    table: {
      outlets,
      resolve,
      canonical: (name) => resolve(name).outlet,
      byCategory: (slug) => categories.get(slug.trim().toLowerCase()) ?? null,
    },
    messages,
  };
}

/**
 * The shipped outlet table, extended by CONTENT_DIR/sources.yaml when there is
 * one (its entries' origin defaults to corpus). Throws an error naming the file,
 * entry and reason for malformed data; names that move between outlets come
 * back as messages.
 */
export function loadOutlets(contentDir: string): { table: OutletTable; messages: string[] } {
  const overlay = join(contentDir, OUTLET_OVERLAY_FILE);
  const layers = [parseOutlets(readFileSync(OUTLETS_FILE, "utf8"), OUTLETS_FILE)];
  const hasOverlay = existsSync(overlay);
  if (hasOverlay) layers.push(parseOutlets(readFileSync(overlay, "utf8"), overlay, "corpus"));
  const { table, messages } = buildOutletTable(layers);
  if (hasOverlay) messages.unshift(`sources: ${overlay} extends the shipped outlet table`);
  return { table, messages };
}
