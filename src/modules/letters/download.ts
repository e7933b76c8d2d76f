import type { FastifyReply } from 'fastify';
import { sendPrivateFile } from '../../platform/http/download.ts';

/** A letter's PDF, named after its number: surat-400_12_2_2_001_Ds-Kramatwatu_XII_2026.pdf. */
export function sendLetterPdf(
  reply: FastifyReply,
  letter: { bytes: Buffer; number: string },
  disposition: 'inline' | 'attachment',
): FastifyReply {
  const name = `surat-${letter.number.replace(/[^\w-]+/g, '_')}.pdf`;
  return sendPrivateFile(reply, { bytes: letter.bytes, contentType: 'application/pdf', name }, disposition);
}
