// What one article may be. The real posts are far inside these (largest file
// 14 KB, longest title 56 characters, longest text about 5,000 characters);
// the limits keep one file from exhausting the seed's or the server's memory
// (the server runs with a 320 MB heap) or making a page megabytes long.

/** Largest content file read, in bytes (1 MiB); the seed checks the size before reading. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Longest title, in characters (code points), after whitespace runs become one space. */
export const MAX_TITLE_CHARS = 200;
/** Longest outlet name, in characters: a longer "name" (a runaway tag or footer) is not taken for one. */
export const MAX_SOURCE_CHARS = 60;
/** Longest body as plain text, in characters (UTF-16 units): about 60 pages of Chinese. */
export const MAX_TEXT_CHARS = 100_000;
/** Largest body as the page's HTML, in bytes of UTF-8 (markup, links and images included). */
export const MAX_HTML_BYTES = 1024 * 1024;
/**
 * Most HTML tags in a body (the real posts have at most about 300). The HTML
 * parser's cost grows with the square of the nesting depth: 350,000 nested
 * tags, 1 MiB of "<b>", took over two minutes to clean.
 */
export const MAX_HTML_TAGS = 10_000;
/** Earliest publication time loaded: 1990-01-01 00:00 Beijing time (China's stock exchanges opened in 1990). */
export const EARLIEST_PUBLISHED = new Date("1990-01-01T00:00:00+08:00");
/** How far past the load's own clock a post may be dated (a source clock running ahead, a time-zone slip). */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/** A body over a limit; parseArticle turns it into a rejection with this message. */
export class LimitExceeded extends Error {}

/** 1048576 → "1,048,576", for messages. */
export const formatNumber = (n: number) => n.toLocaleString("en-US");

/** The rejection of a file over MAX_FILE_BYTES (the seed gives it before reading the file). */
export const fileTooLarge = (bytes: number) => `file is ${formatNumber(bytes)} bytes, over the limit of ${formatNumber(MAX_FILE_BYTES)} (1 MiB)`;
