import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './flash.ts';

describe('safeReturnPath', () => {
  it('keeps a path on this site with its query and fragment', () => {
    expect(safeReturnPath('/layanan/ktp?desa=36.04.05.2001#syarat')).toBe(
      '/layanan/ktp?desa=36.04.05.2001#syarat',
    );
    expect(safeReturnPath('/kelola', '/akun')).toBe('/kelola');
  });

  it.each([
    ['a tab between the slashes', '/\t/other.site'],
    ['a newline between the slashes', '/\n/other.site'],
    ['a carriage return', '/\r/other.site'],
    ['a backslash read as a slash', '/\\other.site'],
    ['two slashes', '//other.site/'],
    ['two slashes after the dot segments', '/a/..//other.site'],
    ['an absolute URL', 'https://other.site/'],
    ['a script URL', 'javascript:alert(1)'],
    ['a relative word', 'other.site'],
    ['a DEL character', '/\u007f/other.site'],
  ])('sends %s to the fallback', (_what, value) => {
    expect(safeReturnPath(value)).toBe('/');
    expect(safeReturnPath(value, '/kelola')).toBe('/kelola');
  });

  it('falls back when there is no return path at all', () => {
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath(['/a', '/b'])).toBe('/');
  });
});
