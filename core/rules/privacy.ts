/** Phone numbers never appear in lists: 13812345678 -> 138****5678. */
export function maskPhone(phone: string | undefined): string | undefined {
  if (!phone) return phone;
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Mainland mobile numbers, the only kind the forms accept. */
export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/**
 * A service desk's public number: a mainland mobile, a landline with its area code
 * (0573-85012345, 057385012345, an extension after 转/-), or a 400/800 hotline.
 */
export function isServicePhone(phone: string): boolean {
  return isMainlandMobile(phone) || /^0\d{2,3}-?\d{7,8}((-|转)\d{1,6})?$/.test(phone) || /^[48]00-?\d{3}-?\d{4}$/.test(phone);
}
