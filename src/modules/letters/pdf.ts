import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import type QRCodeModule from 'qrcode';
import { loadFonts } from '../../platform/pdf/index.ts';
import type { LetterDocument } from './document.ts';

/** Fixed phrases printed on every letter. */
const PHRASES = {
  number: (number: string) => `Nomor: ${number}`,
  validUntil: (date: string) => `Surat keterangan ini berlaku sampai dengan ${date}.`,
  employeeNumber: (nip: string) => `NIP. ${nip}`,
  scan: (url: string) => `Pindai untuk memeriksa keaslian surat: ${url}`,
  code: (code: string) => `Kode verifikasi: ${code}`,
  previewMark: 'PRATINJAU',
  previewMarkNote: 'belum ditandatangani',
  previewScan: 'Kode QR dan kode verifikasi dibuat saat surat ditandatangani.',
};

const CM = 72 / 2.54;
const MARGINS = { top: 1.5 * CM, bottom: 2 * CM, left: 2.5 * CM, right: 2.5 * CM };
const FONT = { regular: 'letter-regular', bold: 'letter-bold' } as const;
const SIZE = { body: 12, title: 13, government: 14, office: 16, address: 10, small: 8 };
const BODY = { lineGap: 2, paragraphGap: 6 };
const LOGO_SIZE = 2.2 * CM;
const SIGNATURE_GAP = 2.2 * CM;
const QR_SIZE = 2.5 * CM;
const ROWS = { indent: 1 * CM, label: 4.5 * CM, colon: 0.5 * CM, gutter: 4 };

type Pdf = PDFKit.PDFDocument;
type Font = (typeof FONT)[keyof typeof FONT];
/** The part of a fontkit Font that pdfkit checks for. */
type ParsedFont = { layout: (...args: never[]) => unknown };

// pdfkit 0.20 accepts already-parsed fontkit fonts in registerFont. Handing it the Buffer makes it
// parse the TrueType tables again for every letter, which was 60 % of the render time. fontkit is
// pdfkit's own dependency: load the copy next to pdfkit.
const requireFromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
const parsedFonts = new WeakMap<Buffer, ParsedFont>();

// pdfkit and fontkit take a third of a second to load: only a process that renders a letter pays it
let pdfkit: Promise<typeof PDFKitDocument> | null = null;
let QRCode: typeof QRCodeModule;
function loadPdfkit(): Promise<typeof PDFKitDocument> {
  pdfkit ??= import('qrcode').then(async (qr) => {
    QRCode = qr.default;
    return (await import('pdfkit')).default;
  });
  return pdfkit;
}

/** One line (or wrapped block) of a stacked, measured layout such as the letterhead. */
interface Line {
  text: string;
  font: Font;
  size: number;
  underline?: boolean;
  gapBefore?: number;
}

export async function renderLetterPdf(letter: LetterDocument): Promise<Buffer> {
  const pdf = createPdf(await loadPdfkit(), letter.metadata);
  const output = collect(pdf);
  drawLetterhead(pdf, letter.letterhead);
  drawTitle(pdf, letter.title, letter.number);
  drawParagraph(pdf, letter.opening);
  drawRows(pdf, letter.rows);
  for (const paragraph of letter.paragraphs) drawParagraph(pdf, paragraph);
  if (letter.validUntil) drawParagraph(pdf, PHRASES.validUntil(letter.validUntil));
  drawParagraph(pdf, letter.closing);
  drawSignatureBlock(pdf, letter);
  pdf.end();
  return output;
}

function createPdf(PDFDocument: typeof PDFKitDocument, metadata: LetterDocument['metadata']): Pdf {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: MARGINS,
    compress: true,
    // '' keeps pdfkit from loading its default Helvetica, which is not embedded
    font: '',
    info: {
      Title: metadata.title,
      Author: metadata.author,
      Subject: metadata.subject,
      CreationDate: metadata.createdAt,
      Producer: 'Simpul',
      Creator: 'Simpul',
    },
  });
  const fonts = loadFonts();
  pdf.registerFont(FONT.regular, parsed(fonts.regular));
  pdf.registerFont(FONT.bold, parsed(fonts.bold));
  return pdf;
}

/** The font parsed once per process; each document still embeds its own subset. */
function parsed(data: Buffer): PDFKit.Mixins.PDFFontSource {
  let font = parsedFonts.get(data);
  if (!font) {
    const fontkit = requireFromPdfkit('fontkit') as { create(data: Uint8Array): ParsedFont };
    font = fontkit.create(data);
    parsedFonts.set(data, font);
  }
  // @types/pdfkit 0.17 does not list fontkit fonts among the font sources yet
  return font as unknown as PDFKit.Mixins.PDFFontSource;
}

function collect(pdf: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

function contentWidth(pdf: Pdf): number {
  return pdf.page.width - MARGINS.left - MARGINS.right;
}

function spaceLeft(pdf: Pdf): number {
  return pdf.page.maxY() - pdf.y;
}

function lineHeight(pdf: Pdf, line: Line, width: number): number {
  pdf.font(line.font, line.size);
  return (line.gapBefore ?? 0) + pdf.heightOfString(line.text, { width });
}

function stackHeight(pdf: Pdf, lines: Line[], width: number): number {
  return lines.reduce((sum, line) => sum + lineHeight(pdf, line, width), 0);
}

/** Draws lines one under another in a column starting at (x, y); returns the y below the last one. */
function drawStack(
  pdf: Pdf,
  lines: Line[],
  x: number,
  y: number,
  width: number,
  align: 'center' | 'left' = 'center',
): number {
  let top = y;
  for (const line of lines) {
    top += line.gapBefore ?? 0;
    pdf.font(line.font, line.size);
    pdf.text(line.text, x, top, { width, align, underline: line.underline ?? false });
    top = pdf.y;
  }
  return top;
}

function drawLetterhead(pdf: Pdf, letterhead: LetterDocument['letterhead']): void {
  const left = MARGINS.left;
  const top = MARGINS.top;
  const textLeft = letterhead.logo ? left + LOGO_SIZE + 0.3 * CM : left;
  const textWidth = left + contentWidth(pdf) - textLeft;
  const lines: Line[] = [
    { text: letterhead.government, font: FONT.bold, size: SIZE.government },
    { text: letterhead.subdivision, font: FONT.bold, size: SIZE.government },
    { text: letterhead.office, font: FONT.bold, size: SIZE.office },
    { text: letterhead.address, font: FONT.regular, size: SIZE.address, gapBefore: 2 },
  ].filter((line) => line.text.trim() !== '');
  const textHeight = stackHeight(pdf, lines, textWidth);
  const logoHeight = letterhead.logo ? LOGO_SIZE : 0;
  const bottom = top + Math.max(textHeight, logoHeight);
  if (letterhead.logo) {
    pdf.image(letterhead.logo, left, top, { fit: [LOGO_SIZE, LOGO_SIZE], align: 'center', valign: 'center' });
  }
  drawStack(pdf, lines, textLeft, top + Math.max(0, (logoHeight - textHeight) / 2), textWidth);
  drawDoubleRule(pdf, bottom + 4);
}

/** The thick-over-thin rule under an Indonesian letterhead. */
function drawDoubleRule(pdf: Pdf, y: number): void {
  const from = MARGINS.left;
  const to = from + contentWidth(pdf);
  pdf.save();
  pdf.lineWidth(2.25).moveTo(from, y).lineTo(to, y).stroke();
  pdf
    .lineWidth(0.75)
    .moveTo(from, y + 3)
    .lineTo(to, y + 3)
    .stroke();
  pdf.restore();
  pdf.x = from;
  pdf.y = y + 3 + 0.8 * CM;
}

function drawTitle(pdf: Pdf, title: string, number: string): void {
  const width = contentWidth(pdf);
  const lines: Line[] = [
    { text: title, font: FONT.bold, size: SIZE.title, underline: true },
    { text: PHRASES.number(number), font: FONT.regular, size: SIZE.body, gapBefore: 2 },
  ];
  pdf.y = drawStack(pdf, lines, MARGINS.left, pdf.y, width) + 0.6 * CM;
  pdf.x = MARGINS.left;
}

function drawParagraph(pdf: Pdf, text: string): void {
  pdf.font(FONT.regular, SIZE.body);
  pdf.text(text, MARGINS.left, pdf.y, {
    width: contentWidth(pdf),
    align: 'justify',
    indent: 1.25 * CM,
    lineGap: BODY.lineGap,
  });
  pdf.y += BODY.paragraphGap;
}

/** "label : value" rows; the value column wraps, and a row never splits across pages. */
function drawRows(pdf: Pdf, rows: Array<[string, string]>): void {
  const labelX = MARGINS.left + ROWS.indent;
  const colonX = labelX + ROWS.label;
  const valueX = colonX + ROWS.colon;
  const valueWidth = MARGINS.left + contentWidth(pdf) - valueX;
  const options = { lineGap: BODY.lineGap };
  const labelOptions = { ...options, width: ROWS.label - ROWS.gutter };
  const valueOptions = { ...options, width: valueWidth };
  pdf.font(FONT.regular, SIZE.body);
  for (const [label, value] of rows) {
    const height = Math.max(pdf.heightOfString(label, labelOptions), pdf.heightOfString(value, valueOptions));
    if (height > spaceLeft(pdf)) pdf.addPage();
    const y = pdf.y;
    pdf.text(label, labelX, y, labelOptions);
    pdf.text(':', colonX, y, options);
    pdf.text(value, valueX, y, valueOptions);
    pdf.y = y + height;
  }
  pdf.x = MARGINS.left;
  pdf.y += BODY.paragraphGap * 2;
}

function signatureLines(letter: LetterDocument): Line[] {
  const { signature } = letter;
  const regular = (text: string, gapBefore = 0): Line => ({
    text,
    font: FONT.regular,
    size: SIZE.body,
    gapBefore,
  });
  const lines: Line[] = [regular(letter.placeAndDate)];
  if (signature.onBehalf) lines.push(regular(signature.onBehalf));
  lines.push(regular(signature.position));
  lines.push({
    text: signature.name,
    font: FONT.bold,
    size: SIZE.body,
    underline: true,
    gapBefore: SIGNATURE_GAP,
  });
  if (signature.employeeNumber) lines.push(regular(PHRASES.employeeNumber(signature.employeeNumber)));
  if (signature.note)
    lines.push({ text: signature.note, font: FONT.regular, size: SIZE.small, gapBefore: 2 });
  return lines;
}

function verificationLines(letter: LetterDocument): Line[] {
  const { verification } = letter;
  // the same two small lines, so a preview's layout is the issued letter's
  if (letter.preview)
    return [
      { text: PHRASES.previewScan, font: FONT.regular, size: SIZE.small, gapBefore: 6 },
      { text: PHRASES.code(verification.code), font: FONT.regular, size: SIZE.small },
    ];
  return [
    { text: PHRASES.scan(verification.url), font: FONT.regular, size: SIZE.small, gapBefore: 6 },
    { text: PHRASES.code(verification.code), font: FONT.regular, size: SIZE.small },
  ];
}

/**
 * Signature on the right half, QR code bottom-left of it, verification text underneath; the
 * whole block moves to a new page when it does not fit, so it is never split.
 */
function drawSignatureBlock(pdf: Pdf, letter: LetterDocument): void {
  const width = contentWidth(pdf);
  const half = width / 2;
  const signature = signatureLines(letter);
  const verification = verificationLines(letter);
  const signatureHeight = stackHeight(pdf, signature, half);
  const top = Math.max(signatureHeight, QR_SIZE);
  const height = 0.4 * CM + top + stackHeight(pdf, verification, width);
  if (height > spaceLeft(pdf)) pdf.addPage();
  const y = pdf.y + 0.4 * CM;
  drawStack(pdf, signature, MARGINS.left + half, y, half);
  if (letter.preview) drawPreviewMark(pdf, MARGINS.left, y + top - QR_SIZE, QR_SIZE);
  else drawQr(pdf, letter.verification.url, MARGINS.left, y + top - QR_SIZE, QR_SIZE);
  drawStack(pdf, verification, MARGINS.left, y + top, width, 'left');
}

/** Where a preview's QR code will be: a dashed box saying it is a preview, not yet signed. */
function drawPreviewMark(pdf: Pdf, x: number, y: number, size: number): void {
  pdf.save();
  pdf.lineWidth(1).dash(3, { space: 2 }).rect(x, y, size, size).stroke();
  pdf.restore();
  const lines: Line[] = [
    { text: PHRASES.previewMark, font: FONT.bold, size: SIZE.small },
    { text: PHRASES.previewMarkNote, font: FONT.regular, size: SIZE.small },
  ];
  drawStack(pdf, lines, x, y + (size - stackHeight(pdf, lines, size)) / 2, size);
}

/** The QR code as filled rectangles (one per horizontal run of dark modules), not an image. */
function drawQr(pdf: Pdf, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const cell = size / count;
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.get(row, col)) col++;
      pdf.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
    }
  }
  pdf.fillColor('black').fill();
}
