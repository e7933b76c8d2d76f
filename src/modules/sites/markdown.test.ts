import { describe, expect, it } from 'vitest';
import { isAllowedEmbed, plainText, renderMarkdown, sanitize } from './markdown.ts';
import { executableIn, XSS_PAYLOADS } from './xss-payloads.ts';

describe('article Markdown', () => {
  it('renders the syntax the editor help names: bold, italic, headings, lists, links', () => {
    const html = renderMarkdown(
      '# Judul\n\n**tebal** dan *miring*\n\n- satu\n- dua\n\n[Kabupaten](https://serangkab.go.id)',
    );
    expect(html).toContain('<h2>Judul</h2>');
    expect(html).toContain('<strong>tebal</strong>');
    expect(html).toContain('<em>miring</em>');
    expect(html).toContain('<li>satu</li>');
    expect(html).toContain(
      '<a href="https://serangkab.go.id" rel="nofollow noopener noreferrer">Kabupaten</a>',
    );
  });

  it.each(XSS_PAYLOADS)('leaves nothing executable of %s', (payload) => {
    for (const source of [payload, `Teks biasa\n\n${payload}\n\nlagi`, `**${payload}**`, `- ${payload}`]) {
      const html = renderMarkdown(source);
      expect(executableIn(html), html).toBeNull();
    }
  });

  it('shows typed HTML as text instead of markup', () => {
    expect(renderMarkdown('<b>halo</b>')).toBe('<p>&lt;b&gt;halo&lt;/b&gt;</p>\n');
  });

  it('turns a paragraph of only a YouTube or OpenStreetMap embed address into a frame, and nothing else', () => {
    const video = renderMarkdown('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    expect(video).toMatch(/^<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ"/);
    const map = renderMarkdown(
      'https://www.openstreetmap.org/export/embed.html?bbox=106.1,-6.1,106.2,-6.0&layer=mapnik',
    );
    expect(map).toContain(
      '<iframe src="https://www.openstreetmap.org/export/embed.html?bbox=106.1,-6.1,106.2,-6.0&amp;layer=mapnik"',
    );
    expect(renderMarkdown('https://evil.example/embed/x')).not.toContain('<iframe');
    expect(renderMarkdown('https://www.youtube.com/watch?v=x')).not.toContain('<iframe');
    expect(sanitize('<iframe src="https://www.youtube.com/watch?v=x"></iframe>')).toBe('');
    expect(sanitize('<iframe src="https://www.youtube.com/embed/x"></iframe>')).toContain('<iframe');
    expect(isAllowedEmbed('https://www.youtube.com/embed/x" onload="alert(1)')).toBe(false);
  });

  it('keeps pictures of this site and drops those of other hosts and data addresses', () => {
    expect(renderMarkdown('![Balai desa](/desa/36.04.05.2001/gambar/a/640.jpg)')).toContain(
      '<img src="/desa/36.04.05.2001/gambar/a/640.jpg" alt="Balai desa" />',
    );
    expect(renderMarkdown('![x](https://tracker.example/p.gif)')).not.toContain('tracker.example/p.gif"');
    expect(renderMarkdown('![x](data:image/png;base64,AAAA)')).not.toContain('data:');
  });

  it('gives plain words for a description, cut at the limit', () => {
    expect(plainText('# Judul\n\n**Warga** <b>datang</b> & ikut.')).toBe('Judul Warga <b>datang</b> & ikut.');
    expect(plainText('a'.repeat(300), 20)).toHaveLength(20);
  });
});
