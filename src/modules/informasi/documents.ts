import { sniffContentType } from '../../platform/files/index.ts';

/** The largest DIP document or answer accepted (an APBDes PDF with scans is a few MB). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * What a document really is, by its bytes, never by its name: PDF, JPEG, PNG, an Office Open XML
 * or OpenDocument file (ZIP with its own parts), or an old binary Office file (OLE). Anything
 * else (an executable renamed .pdf, HTML) is refused.
 */
export function sniffDocument(bytes: Buffer): { contentType: string; extension: string } | null {
  const basic = sniffContentType(bytes);
  if (basic === 'application/pdf') return { contentType: basic, extension: 'pdf' };
  if (basic === 'image/jpeg') return { contentType: basic, extension: 'jpg' };
  if (basic === 'image/png') return { contentType: basic, extension: 'png' };
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE))
    return { contentType: 'application/vnd.ms-office', extension: 'doc' };
  if (bytes.length < 30 || !bytes.subarray(0, 4).equals(ZIP)) return null;
  // OpenDocument: the first entry is "mimetype", stored, holding the type
  const firstName = bytes.subarray(30, 30 + bytes.readUInt16LE(26)).toString('latin1');
  if (firstName === 'mimetype') {
    const text = bytes.subarray(0, 200).toString('latin1');
    if (text.includes('application/vnd.oasis.opendocument.text'))
      return { contentType: 'application/vnd.oasis.opendocument.text', extension: 'odt' };
    if (text.includes('application/vnd.oasis.opendocument.spreadsheet'))
      return { contentType: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' };
    return null;
  }
  // Office Open XML: a [Content_Types].xml part and the main part's folder in the central directory
  const names = bytes.toString('latin1');
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.includes('word/'))
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extension: 'docx',
    };
  if (names.includes('xl/'))
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    };
  if (names.includes('ppt/'))
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      extension: 'pptx',
    };
  return null;
}

/** A stored name for a download: the title's safe characters and the extension the bytes say. */
export function documentName(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${base || 'dokumen'}.${extension}`;
}
