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
