// Finds thousands of company names in a text in one left-to-right pass: a
// character trie walked from each position, keeping the longest name that
// starts there (so 比亚迪电子 wins over 比亚迪, 京东方 over 京东). Names are at
// most a dozen characters, so each position costs a bounded walk: linear in
// the text, like Aho–Corasick with leftmost-longest semantics, in a few lines.

// Children are keyed by UTF-16 code unit: text.charCodeAt(j) allocates
// nothing, where text[j] made a one-character string per step (most of the
// walk's cost on Chinese text, and garbage for the collector).
type TrieNode = { next: Map<number, TrieNode>; value?: string };

export type NameMatch<V> = { start: number; end: number; term: string; value: V };

export class NameTrie<V> {
  private readonly root: TrieNode = { next: new Map() };
  private readonly values = new Map<string, V>();

  constructor(entries: Iterable<[term: string, value: V]> = []) {
    for (const [term, value] of entries) this.add(term, value);
  }

  /** Adds or replaces a term; a later value for the same term wins. */
  add(term: string, value: V): void {
    let node = this.root;
    // UTF-16 units, the same steps matches() takes through the text.
    for (let k = 0; k < term.length; k++) {
      const unit = term.charCodeAt(k);
      let child = node.next.get(unit);
      if (!child) node.next.set(unit, (child = { next: new Map() }));
      node = child;
    }
    node.value = term;
    this.values.set(term, value);
  }

  get(term: string): V | undefined {
    return this.values.get(term);
  }

  /** Non-overlapping leftmost-longest matches, in text order. */
  *matches(text: string): Generator<NameMatch<V>> {
    let i = 0;
    while (i < text.length) {
      let node: TrieNode | undefined = this.root;
      let best: { end: number; term: string } | null = null;
      for (let j = i; j < text.length; j++) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
        if (node.value !== undefined) best = { end: j + 1, term: node.value };
      }
      if (best) {
        yield { start: i, end: best.end, term: best.term, value: this.values.get(best.term)! };
        i = best.end;
      } else {
        i++;
      }
    }
  }
}
