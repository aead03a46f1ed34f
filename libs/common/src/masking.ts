/**
 * Masking personal data for display: every reply masks it unless the caller's role needs the
 * full value (个人信息保护法 第五十一条
 * (加密、去标识化等安全技术措施) and GB/T 35273-2020 (去标识化: hide part of an identifier).
 * The kept parts are this platform's choice: ID numbers keep the address code and the last
 * four, phones the carrier prefix and the last four, names the surname.
 *
 * Masking keeps the length of the value (one `*` per hidden character) so the shape stays
 * recognisable; anything too short to mask safely is masked completely.
 */
const STAR = '*';

function stars(n: number): string {
  return STAR.repeat(Math.max(0, n));
}

/**
 * `330106199001011234` → `330106********1234`: keeps the 6-digit address code and the last 4
 * characters, hides the birth date and the rest of the sequence. Values shorter than 11
 * characters are masked completely.
 */
export function maskResidentId(id: string): string {
  const v = (id ?? '').trim();
  if (v.length < 11) return stars(v.length);
  return v.slice(0, 6) + stars(v.length - 10) + v.slice(-4).toUpperCase();
}

/**
 * `13812345678` → `138****5678`: keeps the first 3 and last 4 digits. A `+86` / `86` country
 * prefix and separators (space, `-`) are dropped first; numbers of other lengths keep the
 * first 3 and last 4 when at least 8 digits long, else only the last 2 (or nothing).
 */
export function maskPhone(phone: string): string {
  let digits = (phone ?? '').replace(/[\s-]/g, '');
  if (/^\+?86\d{11}$/.test(digits)) digits = digits.slice(-11);
  const n = digits.length;
  if (n >= 8) return digits.slice(0, 3) + stars(n - 7) + digits.slice(-4);
  if (n >= 4) return stars(n - 2) + digits.slice(-2);
  return stars(n);
}

/**
 * `张三丰` → `张**`, `张三` → `张*`: keeps the first character (the surname, or the first of a
 * compound surname). A one-character value becomes `*`. Counts Unicode characters, not UTF-16
 * units, so rare characters outside the BMP (e.g. 𠮷) count once.
 */
export function maskName(name: string): string {
  const chars = Array.from((name ?? '').trim());
  if (chars.length <= 1) return stars(chars.length);
  return chars[0] + stars(chars.length - 1);
}
