import { isMainlandMobile, maskPhone } from './privacy';

describe('privacy', () => {
  it('masks phone numbers for lists', () => {
    expect(maskPhone('13857301234')).toBe('138****1234');
    expect(maskPhone('+86 138-5730-1234')).toBe('138****1234');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone(undefined)).toBeUndefined();
  });

  it('accepts only 11-digit mainland mobiles', () => {
    expect(isMainlandMobile('13857301234')).toBe(true);
    expect(isMainlandMobile('12857301234')).toBe(false);
    expect(isMainlandMobile('1385730123')).toBe(false);
    expect(isMainlandMobile('138573012345')).toBe(false);
  });
});
