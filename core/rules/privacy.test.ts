import { isMainlandMobile, isServicePhone, maskPhone } from './privacy';

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

  it('accepts a service desk number: mobile, landline with area code, 400/800', () => {
    for (const ok of ['13857301234', '0573-85012345', '057385012345', '010-12345678', '0573-85012345-801', '0573-85012345转801', '400-820-8820', '4008208820'])
      expect(isServicePhone(ok)).toBe(true);
    for (const bad of ['85012345', '0573-123', '+86 0573 85012345', '573-85012345', '400-82-8820', ''])
      expect(isServicePhone(bad)).toBe(false);
  });
});
