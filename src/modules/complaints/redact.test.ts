import { describe, expect, it } from 'vitest';
import { containsPersonalData, REDACTED, redactPersonalData } from './redact.ts';

describe('redaction of personal data in public text', () => {
  it('hides a NIK written plainly or in groups', () => {
    expect(redactPersonalData('NIK saya 3604051203900012 ya')).toBe(`NIK saya ${REDACTED.nik} ya`);
    expect(redactPersonalData('KK 3604 0512 0390 0012.')).toBe(`KK ${REDACTED.nik}.`);
  });

  it('hides Indonesian phone numbers in their usual spellings', () => {
    for (const phone of ['081234567890', '0812-3456-7890', '+62 812 3456 7890', '6281234567890'])
      expect(redactPersonalData(`hubungi ${phone} segera`)).toBe(`hubungi ${REDACTED.phone} segera`);
  });

  it('hides e-mail addresses', () => {
    expect(redactPersonalData('kirim ke budi.santoso@mail.co.id')).toBe(`kirim ke ${REDACTED.email}`);
  });

  it('leaves ordinary numbers such as lengths, years and house numbers alone', () => {
    const text = 'Jalan rusak 2,5 km sejak 2024 di depan rumah no. 17, RT 003/RW 002';
    expect(redactPersonalData(text)).toBe(text);
    expect(containsPersonalData(text)).toBe(false);
  });
});
