import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Per call of a tool: a page of OCR takes seconds, a stuck one is killed. */
const TOOL_TIMEOUT_MS = 180_000;
/** A PDF's pages read by OCR at most (scanned books are split before filing). */
export const MAX_OCR_PAGES = 60;
/** Stored text at most: a tsvector holds at most 1 MB, and the text is there to be found, not read. */
export const MAX_TEXT_CHARS = 300_000;
/** A PDF page with fewer letters than this has no text layer worth the name: it is a scan. */
const MIN_LETTERS_PER_PAGE = 20;

export interface Extracted {
  text: string;
  method: 'pdftotext' | 'ocr' | 'pdf-ocr';
  pages: number;
}

export type Progress = (done: number, total: number) => Promise<void>;

async function tool(command: string, args: string[]): Promise<string> {
  const { stdout } = await run(command, args, {
    timeout: TOOL_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  return stdout;
}

/** Text fit to store: no control characters (the highlight markers are control characters), bounded. */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\f/g, '\n\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point (the highlight markers are some)
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
      .slice(0, MAX_TEXT_CHARS)
  );
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** OCR of one image file with Tesseract's Indonesian model. */
async function ocr(imagePath: string): Promise<string> {
  return tool('tesseract', [imagePath, 'stdout', '-l', 'ind', '--psm', '3']);
}

/** A photo or scan made ready for OCR: upright, grayscale, normalised contrast, PNG. */
async function prepareImage(bytes: Buffer, to: string): Promise<void> {
  const sharp = (await import('sharp')).default;
  await sharp(bytes, { failOn: 'error' }).rotate().grayscale().normalise().png().toFile(to);
}

async function fromPdf(file: string, dir: string, progress: Progress): Promise<Extracted> {
  const layout = await tool('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
  const pages = layout.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
  const total = Math.max(pages.length, 1);
  if (letters(layout) >= MIN_LETTERS_PER_PAGE * total) {
    await progress(total, total);
    return { text: layout, method: 'pdftotext', pages: total };
  }
  // a scanned PDF: each page rasterised at 200 dpi and read by OCR
  const ocrPages = Math.min(total, MAX_OCR_PAGES);
  const texts: string[] = [];
  await progress(0, ocrPages);
  for (let page = 1; page <= ocrPages; page++) {
    const base = path.join(dir, `p${page}`);
    await tool('pdftoppm', [
      '-r',
      '200',
      '-gray',
      '-png',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      base,
    ]);
    texts.push(await ocr(`${base}.png`));
    await fs.rm(`${base}.png`, { force: true });
    await progress(page, ocrPages);
  }
  return { text: texts.join('\f'), method: 'pdf-ocr', pages: ocrPages };
}

/**
 * The text inside a PDF (its text layer with `pdftotext -layout`, or OCR of its pages when it has
 * none) or a JPEG/PNG scan (OCR). Tools run without a shell, each with a timeout, in a private
 * temporary folder removed afterwards.
 */
export async function extractText(
  bytes: Buffer,
  contentType: string,
  progress: Progress,
): Promise<Extracted> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-arsip-'));
  try {
    if (contentType === 'application/pdf') {
      const file = path.join(dir, 'dokumen.pdf');
      await fs.writeFile(file, bytes);
      const found = await fromPdf(file, dir, progress);
      return { ...found, text: cleanText(found.text) };
    }
    if (contentType === 'image/jpeg' || contentType === 'image/png') {
      await progress(0, 1);
      const file = path.join(dir, 'halaman.png');
      await prepareImage(bytes, file);
      const text = await ocr(file);
      await progress(1, 1);
      return { text: cleanText(text), method: 'ocr', pages: 1 };
    }
    throw new Error(`no text extraction for ${contentType}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
