import { themeKind } from './problem-groups';

describe('problem list themes', () => {
  it('names what a theme is: none, a Q&A category, a ticket category, or words', () => {
    expect(themeKind('recruiting', 'recruiting')).toEqual({ kind: 'none' });
    expect(themeKind('recruiting', '')).toEqual({ kind: 'none' });
    expect(themeKind('recruiting', 'hr')).toEqual({ kind: 'qa', key: 'hr' });
    expect(themeKind('finance', 'tax')).toEqual({ kind: 'qa', key: 'tax' });
    expect(themeKind('other', 'permit')).toEqual({ kind: 'ticket', key: 'permit' });
    expect(themeKind('recruiting', '用工')).toEqual({ kind: 'text', text: '用工' });
  });
});
