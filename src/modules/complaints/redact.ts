/**
 * Removes personal data residents often type into a public report without thinking: NIK and KK
 * numbers, phone numbers, e-mail addresses. Applied to every public view and export, whatever
 * the officer did or forgot.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 16 digits, possibly grouped by spaces, dots or dashes (3604 0512 3456 0012)
const NIK = /(?<![\d])(?:\d[\s.-]?){15}\d(?![\d])/g;
// +62 / 62 / 0 followed by 8–13 more digits, possibly grouped (0812-3456-7890, +62 812 3456 7890)
const PHONE = /(?<![\d])(?:\+62|62|0)[\s.-]?(?:\d[\s.-]?){7,12}\d(?![\d])/g;

export const REDACTED = {
  nik: '[NIK disamarkan]',
  phone: '[nomor telepon disamarkan]',
  email: '[email disamarkan]',
};

export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, REDACTED.email).replace(NIK, REDACTED.nik).replace(PHONE, REDACTED.phone);
}

/** Does this text contain something redactPersonalData would hide? (to warn the reporter) */
export function containsPersonalData(text: string): boolean {
  return redactPersonalData(text) !== text;
}
