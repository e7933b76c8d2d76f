import { describe, expect, it } from 'vitest';
import { scaleOf, whatsappLink, whatsappNumber } from './domain.ts';

describe('scale by PP 7/2021', () => {
  it('follows from the turnover band: mikro to Rp 2 M, kecil to 15 M, menengah to 50 M', () => {
    expect(scaleOf('sd300jt')).toBe('mikro');
    expect(scaleOf('300jt_2m')).toBe('mikro');
    expect(scaleOf('2m_15m')).toBe('kecil');
    expect(scaleOf('15m_50m')).toBe('menengah');
    expect(scaleOf('di_atas_50m')).toBe('besar');
  });
});

describe('WhatsApp contact', () => {
  it('turns the ways people write a mobile number into a wa.me link', () => {
    expect(whatsappNumber('0812-3456-7890')).toBe('6281234567890');
    expect(whatsappNumber('+62 812 3456 7890')).toBe('6281234567890');
    expect(whatsappLink('081234567890')).toBe('https://wa.me/6281234567890');
  });

  it('gives no link for a landline or text that is no number', () => {
    expect(whatsappNumber('0254 280 123')).toBeNull();
    expect(whatsappLink('tanya di warung')).toBeNull();
    expect(whatsappLink(null)).toBeNull();
  });
});
