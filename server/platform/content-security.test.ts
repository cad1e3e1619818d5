import { checkChunks, MSG_SEC_MAX_CHARS } from './content-security';

describe('msgSecCheck chunks', () => {
  it('sends nothing for blank texts and one call for short ones', () => {
    expect(checkChunks([undefined, '  ', ''])).toEqual([]);
    expect(checkChunks(['标题', undefined, '描述'])).toEqual(['标题\n描述']);
  });

  it('cuts long text into overlapping pieces within the limit, covering every character', () => {
    const text = '甲乙丙丁戊'.repeat(1500);
    const chunks = checkChunks([text]);
    expect(chunks.length).toBe(4);
    for (const c of chunks) expect([...c].length).toBeLessThanOrEqual(MSG_SEC_MAX_CHARS);
    expect(chunks.join('').length).toBeGreaterThanOrEqual(text.length);
    expect(chunks[chunks.length - 1].endsWith('丁戊')).toBe(true);
    // A word across a cut still appears whole in one piece (the overlap).
    const word = '办假证';
    const tricky = 'a'.repeat(MSG_SEC_MAX_CHARS - 1) + word + 'b'.repeat(100);
    expect(checkChunks([tricky]).some((c) => c.includes(word))).toBe(true);
  });
});
