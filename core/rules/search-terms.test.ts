import { entryTerms, MAX_QUERY_TERMS, queryTerms, rank, searchTerms, type Searchable } from './search-terms';

describe('search terms', () => {
  it('splits Chinese into character bigrams and latin text into lowercase words', () => {
    expect(searchTerms('工伤认定')).toEqual(['工伤', '伤认', '认定']);
    expect(searchTerms('如何申请 VAT 发票?')).toEqual(['如何', '何申', '申请', '发票', 'vat']);
    expect(searchTerms('税')).toEqual(['税']);
    expect(searchTerms('How do I get a Work Permit?')).toEqual(['get', 'work', 'permit']);
    expect(searchTerms('２０２６年社保基数')).toEqual(['年社', '社保', '保基', '基数', '2026']);
    expect(searchTerms('社保社保')).toEqual(['社保', '保社']);
  });

  it('bounds the terms of a query', () => {
    expect(queryTerms('一二三四五六七八九十'.repeat(10)).length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    expect(queryTerms('   ')).toEqual([]);
  });
});

describe('ranking', () => {
  const entry = (id: string, question: string, answer: string): Searchable => ({
    id,
    titleTerms: searchTerms(question),
    terms: searchTerms(`${question} ${answer}`),
  });
  const faq = [
    entry('injury', '工伤认定需要哪些材料？', '职工发生工伤后，用人单位应在30日内申请工伤认定。'),
    entry('social', '社保基数怎么调整？', '每年7月按上年平均工资调整社保缴费基数。'),
    entry('invoice', '如何开具增值税专用发票？', '在电子税务局申请，需要购买方的税号。'),
    entry('mention', '员工离职手续怎么办？', '离职时结清工资，如有工伤待遇也要一并结算。'),
  ];

  it('puts the entry whose question matches first', () => {
    const ranked = rank(queryTerms('工伤认定怎么申请'), faq);
    expect(ranked[0].id).toBe('injury');
    expect(ranked.map((r) => r.id)).toContain('mention');
    expect(ranked.findIndex((r) => r.id === 'mention')).toBeGreaterThan(0);
  });

  it('finds by a word that appears only in the answer, below question hits', () => {
    expect(rank(queryTerms('税号'), faq)[0].id).toBe('invoice');
    expect(rank(queryTerms('社保'), faq)[0].id).toBe('social');
  });

  it('answers nothing for no terms or no hits, and orders ties by id', () => {
    expect(rank([], faq)).toEqual([]);
    expect(rank(queryTerms('量子计算'), faq)).toEqual([]);
    const twins = [entry('b', '社保', ''), entry('a', '社保', '')];
    expect(rank(['社保'], twins).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('respects the limit and scores higher for more of the query covered', () => {
    const r = rank(queryTerms('工伤认定材料'), faq, 100, 1);
    expect(r).toHaveLength(1);
    const full = rank(queryTerms('社保基数'), faq)[0].score;
    const half = rank(queryTerms('社保'), [faq[1]], 4)[0].score;
    expect(full).toBeGreaterThan(0);
    expect(half).toBeGreaterThan(0);
  });
});

describe('entry terms', () => {
  it('keeps question terms apart and merges them with the answer terms without duplicates', () => {
    expect(entryTerms('工伤认定', '认定工伤')).toEqual({ titleTerms: ['工伤', '伤认', '认定'], terms: ['工伤', '伤认', '认定', '定工'] });
  });
});
