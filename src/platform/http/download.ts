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
