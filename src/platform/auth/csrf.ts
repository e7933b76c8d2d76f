import type { FastifyReply, FastifyRequest } from 'fastify';

export const CSRF_COOKIE = 'simpul_csrf';

/**
 * A new CSRF secret at every login and logout: a token read off a page before the login (by
 * whoever had the browser, or planted in a link) stops working once someone logs in. The next page
 * that shows a form makes the new secret.
 */
export function rotateCsrfSecret(reply: FastifyReply): void {
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

// The route parses a multipart body itself (its own limits, files streamed to disk), after the
// CSRF check; so the check reads only the first part, which the Form component makes the token.
const multipartTokens = new WeakMap<FastifyRequest, string>();

/** The request's CSRF token: a form field (url-encoded or the first multipart part) or the header. Never the URL, which ends up in logs and Referer headers. */
export function csrfTokenOf(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  if (body && typeof body._csrf === 'string') return body._csrf;
  const fromMultipart = multipartTokens.get(request);
  if (fromMultipart !== undefined) return fromMultipart;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
const FIRST_PART_LIMIT = 8 * 1024;

/**
 * The value of the first part when it is the text field `_csrf`; false when the first part is
 * something else; null when more bytes are needed to tell.
 */
export function firstPartToken(head: Buffer, boundary: string): string | false | null {
  const opening = Buffer.concat([Buffer.from(`--${boundary}`), CRLF]);
  const seen = Math.min(head.length, opening.length);
  if (!head.subarray(0, seen).equals(opening.subarray(0, seen))) return false;
  const headersEnd = head.indexOf(HEADERS_END, opening.length);
  if (headersEnd < 0) return null;
  const headers = head.subarray(opening.length, headersEnd).toString('latin1').split('\r\n');
  const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
  if (!/^content-disposition:\s*form-data;\s*name="_csrf"\s*$/i.test(disposition)) return false;
  const valueEnd = head.indexOf(Buffer.concat([CRLF, Buffer.from(`--${boundary}`)]), headersEnd + 4);
  if (valueEnd < 0) return null;
  return head.subarray(headersEnd + 4, valueEnd).toString('utf8');
}

/**
 * Reads a multipart request's first part from the socket, remembers it when it is the token, and
 * puts every byte back so the route's parser sees the whole body.
 */
export function peekMultipartToken(request: FastifyRequest): Promise<void> {
  const match = /boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(request.headers['content-type'] ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return Promise.resolve();
  const raw = request.raw;
  if (raw.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const settle = (token: string | false | null, giveBack: boolean) => {
      raw.off('data', onData);
      raw.off('end', onEnd);
      raw.off('error', onEnd);
      if (typeof token === 'string') multipartTokens.set(request, token);
      if (giveBack) {
        raw.pause();
        raw.unshift(Buffer.concat(chunks));
      }
      resolve();
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      const head = Buffer.concat(chunks);
      const token = firstPartToken(head, boundary);
      if (token !== null || head.length >= FIRST_PART_LIMIT) settle(token, true);
    };
    // the body ended (or broke) before its first part did: there is no token, and nothing to parse
    const onEnd = () => settle(false, false);
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('error', onEnd);
  });
}
