import type { FastifyReply } from 'fastify';

/**
 * Sends a stored personal document (a letter, an attachment): never cached by shared caches, its
 * type never second-guessed by the browser, its file name reduced to safe characters.
 */
export function sendPrivateFile(
  reply: FastifyReply,
  file: { bytes: Buffer; contentType: string; name: string },
  disposition: 'inline' | 'attachment',
): FastifyReply {
  return reply
    .type(file.contentType)
    .header('content-disposition', `${disposition}; filename="${file.name.replace(/[^\w.-]+/g, '_')}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}

/**
 * Headers for a file made on request (an export, a template, an errors file): a download under
 * `name`, never kept by a shared cache (most hold personal data; the rest are cheap to make again).
 */
export function attachment(reply: FastifyReply, name: string, contentType: string): FastifyReply {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store');
}
