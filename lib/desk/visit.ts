// "New since your last visit", decided in the browser. A visit ends after
// VISIT_GAP_MS without the reader doing anything on the site (opening a page,
// a key, a tap, coming back to the tab); what was published after the end of
// the previous visit is new.

export const VISIT_GAP_MS = 30 * 60_000;

export type Visit = {
  /** End of the previous visit (ms); null on the first visit, when nothing is "new". */
  since: number | null;
  /** The reader's last activity (ms). */
  lastActive: number;
};

/** The visit after activity at `now`: a new one when the last activity is more than VISIT_GAP_MS ago. */
export function nextVisit(previous: Visit | null, now: number): Visit {
  if (!previous) return { since: null, lastActive: now };
  if (now - previous.lastActive > VISIT_GAP_MS) return { since: previous.lastActive, lastActive: now };
  return { since: previous.since, lastActive: Math.max(previous.lastActive, now) };
}

/**
 * Where the "since your last visit" divider goes in a newest-first list: the
 * index of the first entry published at or before `since`, when at least one
 * newer entry is above it; -1 when the list has nothing new or only new entries.
 */
export function dividerIndex(times: readonly number[], since: number | null): number {
  if (since === null) return -1;
  const index = times.findIndex((time) => !(time > since));
  return index > 0 ? index : -1;
}
