import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * The only embeds an operator may put in an article: a YouTube video (privacy-enhanced or plain
 * embed address) and an OpenStreetMap map. Anything else stays a plain link.
 */
const EMBED_PREFIXES = [
  'https://www.youtube-nocookie.com/embed/',
  'https://www.youtube.com/embed/',
  'https://www.openstreetmap.org/export/embed.html',
];

export function isAllowedEmbed(url: string): boolean {
  return EMBED_PREFIXES.some((prefix) => url.startsWith(prefix)) && !/["'<>\s\\]/.test(url);
}

// html: false: whatever HTML an operator types is shown as text, never as markup
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** A paragraph holding nothing but an allowed embed address becomes the embed. */
md.core.ruler.push('site_embeds', (state) => {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [open, inline, close] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (open.type !== 'paragraph_open' || inline.type !== 'inline' || close.type !== 'paragraph_close')
      continue;
    const children = (inline.children ?? []).filter((c) => !(c.type === 'text' && c.content.trim() === ''));
    if (children.length !== 3 || children[0]!.type !== 'link_open') continue;
    const href = String(children[0]!.attrGet('href') ?? '');
    if (!isAllowedEmbed(href)) continue;
    const embed = new state.Token('html_block', '', 0);
    const title = href.includes('openstreetmap') ? 'Peta OpenStreetMap' : 'Video YouTube';
    embed.content = `<iframe src="${md.utils.escapeHtml(href)}" title="${title}" width="560" height="315" loading="lazy" allowfullscreen></iframe>\n`;
    tokens.splice(i, 3, embed);
  }
});

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    's',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'code',
    'pre',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'img',
    'iframe',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    iframe: ['src', 'title', 'width', 'height', 'loading', 'allowfullscreen'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // a picture in an article comes from this site (an uploaded image's address), never from a tracker elsewhere
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  allowedIframeHostnames: ['www.youtube-nocookie.com', 'www.youtube.com', 'www.openstreetmap.org'],
  exclusiveFilter: (frame) => frame.tag === 'iframe' && !isAllowedEmbed(frame.attribs.src ?? ''),
  transformTags: {
    // a heading level 1 is the page's own title: an article's headings start at 2
    h1: 'h2',
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? '')
        ? { ...attribs, rel: 'nofollow noopener noreferrer' }
        : attribs,
    }),
  },
  disallowedTagsMode: 'discard',
};
SANITIZE.allowedAttributes = {
  ...(SANITIZE.allowedAttributes as Record<string, string[]>),
  a: ['href', 'title', 'rel'],
};

/** Cleans HTML down to the allow-list: no script, no event handler, no `javascript:`/`data:` address, no foreign frame. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/** An operator's Markdown as the HTML a page may carry. */
export function renderMarkdown(source: string): string {
  return sanitize(md.render(source));
}

/** Plain words of a Markdown text (for a meta description or a summary), at most `max` characters. */
export function plainText(source: string, max = 160): string {
  const text = sanitizeHtml(md.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
