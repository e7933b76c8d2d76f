/**
 * Cross-site scripting attempts in the style of the OWASP XSS Filter Evasion Cheat Sheet, for the
 * tests of every field an operator fills in. Each carries the marker `alert(1)` or `xss` so a test
 * can tell whether anything executable survived.
 */
export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<IMG SRC="javascript:alert(1);">',
  '<IMG SRC=javascript:alert(1)>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)"/>',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe src="https://evil.example/xss"></iframe>',
  '<a href="javascript:alert(1)">klik</a>',
  '[klik](javascript:alert(1))',
  '[klik](JAVASCRIPT:alert(1))',
  '[klik](jav&#x09;ascript:alert(1))',
  '[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<div style="background:url(javascript:alert(1))">xss</div>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '[a](vbscript:alert(1))',
  '<a href="https://www.youtube.com/embed/x" onclick="alert(1)">x</a>',
  'https://www.youtube.com/embed/x"onload="alert(1)',
];

/**
 * What must not appear in a rendered page that carries one of the payloads: a script element of
 * the payload's, an event handler attribute, or an executable address inside a tag.
 */
export function executableIn(html: string): string | null {
  const checks: Array<[RegExp, string]> = [
    [/<script[^>]*>\s*alert|<script[^>]*src=["']?https:\/\/xss/i, 'a script element'],
    [/<[a-z][^>]*\son[a-z]+\s*=/i, 'an event handler attribute'],
    [/<[a-z][^>]*(href|src|action|data)\s*=\s*["']?\s*(javascript|vbscript|data):/i, 'an executable address'],
    [/<iframe[^>]*src=["']?https:\/\/evil/i, 'a foreign frame'],
    [/<(object|embed|svg|math|meta|link|form|input|details|body)\b/i, 'a forbidden element'],
    [/<[a-z][^>]*style=["'][^"']*javascript/i, 'a script in a style'],
  ];
  for (const [pattern, what] of checks) {
    const match = pattern.exec(html);
    if (match) return `${what}: ${html.slice(Math.max(0, match.index - 20), match.index + 80)}`;
  }
  return null;
}
