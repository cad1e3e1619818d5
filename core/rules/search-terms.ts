/**
 * Full-text search for Chinese without a regexp scan: each FAQ entry stores its terms (Chinese
 * character bigrams plus lowercase latin words and numbers), an index on the terms serves
 * `terms in queryTerms`, and the candidates are ranked here (BM25-like: rarer terms weigh more,
 * a hit in the question counts more than one in the answer). Pure: no database, no clock.
 */

/** A query never asks the index for more terms than this. */
export const MAX_QUERY_TERMS = 24;
/** An entry stores at most this many terms (a long answer keeps its first ones). */
export const MAX_ENTRY_TERMS = 400;
/** A hit in the entry's question weighs this much more than one only in its answer. */
export const TITLE_WEIGHT = 2;

// CJK unified ideographs (basic + extension A) and compatibility ideographs.
const HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const WORD = /[a-z0-9]+/g;
const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'and', 'or', 'is', 'are', 'for', 'how', 'do', 'i', 'my', 'what', 'can']);

/** Terms of a text, in order of first appearance, without duplicates. */
export function searchTerms(text: string, max = MAX_ENTRY_TERMS): string[] {
  const normal = text.normalize('NFKC').toLowerCase();
  const out = new Set<string>();
  for (const run of normal.match(HAN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  for (const w of normal.match(WORD) ?? []) if (!STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w))) out.add(w);
  return [...out].slice(0, max);
}

/** The terms a query looks up (bounded, so one query never asks the index for hundreds). */
export function queryTerms(q: string): string[] {
  return searchTerms(q, MAX_QUERY_TERMS);
}

/** What an FAQ entry stores: the terms of its question, and of question and answer together. */
export function entryTerms(question: string, answer: string): { titleTerms: string[]; terms: string[] } {
  const titleTerms = searchTerms(question);
  return { titleTerms, terms: [...new Set([...titleTerms, ...searchTerms(answer)])].slice(0, MAX_ENTRY_TERMS) };
}

export interface Searchable {
  id: string;
  /** Terms of the question (title) text. */
  titleTerms: string[];
  /** Terms of the question and the answer. */
  terms: string[];
}

export interface Ranked {
  id: string;
  score: number;
}

/**
 * Ranks candidates for the query terms. Document frequency is counted over the candidates: they
 * are every entry holding at least one query term, so for each term it is that term's frequency
 * (`total` is the size of the whole collection searched, or at least the candidates).
 */
export function rank(terms: string[], candidates: Searchable[], total = candidates.length, limit = 10): Ranked[] {
  if (terms.length === 0 || candidates.length === 0) return [];
  const n = Math.max(total, candidates.length);
  const df = new Map<string, number>(terms.map((t) => [t, 0]));
  const sets = candidates.map((c) => ({ c, all: new Set(c.terms), title: new Set(c.titleTerms) }));
  for (const { all } of sets) for (const t of terms) if (all.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  const scored = sets.map(({ c, all, title }) => {
    let score = 0;
    let matched = 0;
    for (const t of terms) {
      if (!all.has(t)) continue;
      matched += 1;
      score += idf(t) * (title.has(t) ? TITLE_WEIGHT : 1);
    }
    // Covering more of the query beats repeating one rare term; short entries are not penalised.
    score *= 0.5 + (0.5 * matched) / terms.length;
    return { id: c.id, score: Math.round(score * 1000) / 1000 };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}
