import { dataProblems, fieldProblem, fieldType } from './subscribe-fields';

describe('WeChat subscribe-message field values', () => {
  it('reads the type from the key', () => {
    expect(fieldType('thing1')).toBe('thing');
    expect(fieldType('character_string12')).toBe('character_string');
    expect(fieldType('phone_number3')).toBe('phone_number');
    expect(fieldType('thing')).toBeUndefined();
    expect(fieldType('title1')).toBeUndefined();
  });

  it.each([
    ['thing', '冲压车间旺季缺普工 60 人'],
    ['thing', '一二三四五六七八九十一二三四五六七八九十'],
    ['time', '2026-11-23 10:00'],
    ['time', '15:01'],
    ['time', '2019年10月1日 15:01'],
    ['time', '2026-11-23 09:00~2026-11-23 11:30'],
    ['date', '2019年10月1日'],
    ['date', '2026-11-23'],
    ['phrase', '已超时'],
    ['phrase', '待排班'],
    ['character_string', 'XP-2026-0042'],
    ['number', '60'],
    ['number', '3.5'],
    ['amount', '¥100.01'],
    ['amount', '100元'],
    ['name', '王海燕'],
    ['name', 'Anna Schmidt'],
    ['phone_number', '0573-85123456'],
    ['letter', 'ABC'],
    ['symbol', '★'],
  ] as const)('accepts %s %s', (type, value) => {
    expect(fieldProblem(type, value)).toBeUndefined();
  });

  it.each([
    ['thing', '一二三四五六七八九十一二三四五六七八九十一'],
    ['thing', '   '],
    ['time', '明天上午'],
    ['time', '25:00'],
    ['date', '11/23'],
    ['phrase', '已经超时了啊'],
    ['phrase', 'late'],
    ['character_string', '兴平-0042'],
    ['character_string', 'a'.repeat(33)],
    ['number', '六十'],
    ['amount', '一百元'],
    ['name', '欧阳诸葛司马上官东方'.repeat(2)],
    ['phone_number', 'call me'],
    ['letter', 'AB1'],
    ['symbol', 'ok'],
  ] as const)('refuses %s %s', (type, value) => {
    expect(fieldProblem(type, value)).toEqual(expect.any(String));
  });

  it('checks a message against the keys its template declares', () => {
    expect(dataProblems(['thing1', 'time2'], { thing1: '报修', time2: '2026-11-23 10:00' })).toEqual([]);
    expect(dataProblems(['thing1', 'time2'], { thing1: '报修' })).toEqual(['time2: missing']);
    expect(dataProblems(['thing1'], { thing1: '报修', thing9: '多余' })).toEqual(['thing9: not a field of the template']);
    expect(dataProblems(['phrase3'], { phrase3: '已经超时了吗' })).toEqual(['phrase3: not at most 5 Chinese characters']);
  });
});
