import type { SitemapLine } from './service.ts';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** The sitemaps.org document: one `<url>` per public page, `<lastmod>` when the page knows it. */
export function renderSitemap(base: string, lines: SitemapLine[]): string {
  const urls = lines.map((line) => {
    const lastmod = line.lastModified ? `<lastmod>${line.lastModified.toISOString()}</lastmod>` : '';
    return `<url><loc>${xml(new URL(line.path, base).href)}</loc>${lastmod}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** Public pages are for everyone to index; the office, the account pages and the API are not. */
export function renderRobots(base: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /kelola',
    'Disallow: /akun',
    'Disallow: /api',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n');
}
