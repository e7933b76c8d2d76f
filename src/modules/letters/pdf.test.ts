import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LetterDocument } from './document.ts';
import { renderLetterPdf } from './pdf.ts';

const POPPLER = ['pdftotext', 'pdffonts', 'pdfinfo'];
const LONG_ADDRESS =
  'Kp. Kramat Baru RT 003/RW 007, Desa Kramatwatu, Kecamatan Kramatwatu, Kabupaten Serang, ' +
  'Provinsi Banten, di sebelah utara Jalan Raya Serang–Cilegon dekat Masjid Jami Al-Ikhlas';

function letter(overrides: Partial<LetterDocument> = {}): LetterDocument {
  return {
    letterhead: {
      government: 'PEMERINTAH KABUPATEN SERANG',
      subdivision: 'KECAMATAN KRAMATWATU',
      office: 'DESA KRAMATWATU',
      address: 'Jl. Raya Serang–Cilegon Km. 8, Kramatwatu, Serang 42161 · desa.kramatwatu@serangkab.go.id',
      logo: null,
    },
    title: 'SURAT KETERANGAN DOMISILI',
    number: '474.1/012/Ds-Kramatwatu/XII/2026',
    opening:
      'Yang bertanda tangan di bawah ini Kepala Desa Kramatwatu, Kecamatan Kramatwatu, Kabupaten Serang, menerangkan dengan sebenarnya bahwa:',
    rows: [
      ['Nama', 'SITI NURHALIZA'],
      ['NIK', '3604054512900012'],
      ['Tempat/Tgl. Lahir', 'Serang, 5 Desember 1990'],
      ['Jenis Kelamin', 'Perempuan'],
      ['Pekerjaan', 'Wiraswasta'],
      ['Alamat', LONG_ADDRESS],
    ],
    paragraphs: [
      'Orang tersebut di atas benar berdomisili di Desa Kramatwatu, Kecamatan Kramatwatu, Kabupaten Serang, sejak tahun 2015 sampai dengan sekarang.',
    ],
    closing: 'Demikian surat keterangan ini kami buat untuk dipergunakan sebagaimana mestinya.',
    placeAndDate: 'Kramatwatu, 1 Desember 2026',
    signature: {
      onBehalf: 'a.n. Kepala Desa Kramatwatu',
      position: 'Sekretaris Desa',
      name: 'AHMAD SUBAGJA',
      employeeNumber: '19800101 200501 1 003',
      note: 'Ditandatangani secara elektronik',
    },
    verification: {
      url: 'https://simpul.serangkab.go.id/verifikasi/K7Q2M9XW4T',
      code: 'K7Q2M9XW4T',
    },
    validUntil: '1 Juni 2027',
    metadata: {
      title: 'Surat Keterangan Domisili 474.1/012/Ds-Kramatwatu/XII/2026',
      author: 'Desa Kramatwatu',
      subject: 'Surat keterangan domisili untuk SITI NURHALIZA',
      createdAt: new Date('2026-12-01T03:00:00Z'),
    },
    ...overrides,
  };
}

let dir = '';

function poppler(tool: string, file: string, ...args: string[]): string {
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

async function render(doc: LetterDocument, name: string) {
  const bytes = await renderLetterPdf(doc);
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  // pdftotext -layout spreads justified words and columns apart; compare with single spaces
  const text = poppler('pdftotext', file, '-layout').replace(/\s+/g, ' ');
  return { bytes, file, text };
}

function pages(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', file))?.[1]);
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

beforeAll(() => {
  const missing = POPPLER.filter((tool) => {
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new Error(
      `The letter PDF tests need poppler-utils (${missing.join(', ')} not found); install it: apt-get install poppler-utils`,
    );
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-letters-'));
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('renderLetterPdf', () => {
  it('produces a PDF whose extractable text carries the whole letter', async () => {
    const doc = letter();
    const { bytes, text } = await render(doc, 'full');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const expected = [
      doc.letterhead.government,
      doc.letterhead.subdivision,
      doc.letterhead.office,
      doc.letterhead.address,
      doc.title,
      `Nomor: ${doc.number}`,
      doc.opening,
      ...doc.rows.flat(),
      ...doc.paragraphs,
      'Surat keterangan ini berlaku sampai dengan 1 Juni 2027.',
      doc.closing,
      doc.placeAndDate,
      'a.n. Kepala Desa Kramatwatu',
      'Sekretaris Desa',
      'AHMAD SUBAGJA',
      'NIP. 19800101 200501 1 003',
      'Ditandatangani secara elektronik',
      `Pindai untuk memeriksa keaslian surat: ${doc.verification.url}`,
      'Kode verifikasi: K7Q2M9XW4T',
    ];
    for (const phrase of expected) expect(text).toContain(phrase);
  });

  it('prints the labels before the values, in row order', async () => {
    const { text } = await render(letter(), 'rows');
    const positions = [
      'Nama',
      'SITI NURHALIZA',
      'NIK',
      '3604054512900012',
      'Tempat/Tgl. Lahir',
      'Alamat',
    ].map((phrase) => text.indexOf(phrase));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('embeds every font it uses, so no viewer substitutes them', async () => {
    const { file } = await render(letter(), 'fonts');
    const rows = poppler('pdffonts', file).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      // columns: name type encoding emb sub uni object ID
      const columns = row.trim().split(/\s+/);
      expect(columns.slice(-5, -4), row).toEqual(['yes']);
    }
  });

  it('records the title, author, subject and Simpul as producer in the metadata', async () => {
    const doc = letter();
    const { file } = await render(doc, 'metadata');
    const info = poppler('pdfinfo', file);
    expect(info).toMatch(new RegExp(`^Title:\\s+${escapeRegExp(doc.metadata.title)}$`, 'm'));
    expect(info).toMatch(/^Author:\s+Desa Kramatwatu$/m);
    expect(info).toMatch(new RegExp(`^Subject:\\s+${escapeRegExp(doc.metadata.subject)}$`, 'm'));
    expect(info).toMatch(/^Producer:\s+Simpul$/m);
    expect(info).toMatch(/^CreationDate:.*2026/m);
  });

  it('leaves out the expiry line, the delegate line and the NIP when they are not set', async () => {
    const doc = letter({ validUntil: null });
    doc.signature = { ...doc.signature, onBehalf: null, employeeNumber: null, note: null };
    const { text } = await render(doc, 'minimal');
    expect(text).not.toContain('berlaku sampai dengan');
    expect(text).not.toContain('a.n.');
    expect(text).not.toContain('NIP.');
    expect(text).toContain('AHMAD SUBAGJA');
  });

  it('flows a long body onto more pages and prints the signature once', async () => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) =>
        `Paragraf ${i + 1}: orang tersebut di atas benar warga Desa Kramatwatu yang berkelakuan baik, ` +
        'tidak pernah terlibat perkara pidana, dan aktif dalam kegiatan kemasyarakatan di lingkungannya.',
    );
    const { file, text } = await render(letter({ paragraphs }), 'long');
    expect(pages(file)).toBeGreaterThan(1);
    expect(text).toContain('Paragraf 40:');
    expect(occurrences(text, 'AHMAD SUBAGJA')).toBe(1);
    expect(occurrences(text, 'Kode verifikasi: K7Q2M9XW4T')).toBe(1);
  });

  it('moves the whole signature block to a new page rather than splitting it', async () => {
    let movedWhole = false;
    // from a letter that fits one page to one whose signature block would straddle the page break
    for (let count = 1; count <= 10; count++) {
      const paragraphs = Array.from({ length: count }, () => letter().paragraphs[0]!);
      const { file } = await render(letter({ paragraphs }), `split-${count}`);
      const last = pages(file);
      const page = (n: number) =>
        poppler('pdftotext', file, '-f', String(n), '-l', String(n)).replace(/\s+/g, ' ');
      expect(page(last), `${count} paragraphs`).toContain('Kramatwatu, 1 Desember 2026');
      expect(page(last), `${count} paragraphs`).toContain('Kode verifikasi: K7Q2M9XW4T');
      if (last === 2 && page(1).includes(letter().closing)) movedWhole = true;
    }
    expect(movedWhole).toBe(true);
  });

  it('draws the letterhead logo when one is given, without losing text', async () => {
    const logo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const doc = letter();
    const withLogo = await render({ ...doc, letterhead: { ...doc.letterhead, logo } }, 'logo');
    const without = await render(doc, 'no-logo');
    expect(withLogo.text).toContain('PEMERINTAH KABUPATEN SERANG');
    expect(withLogo.text).toContain('DESA KRAMATWATU');
    expect(withLogo.bytes.includes('/Subtype /Image')).toBe(true);
    expect(without.bytes.includes('/Subtype /Image')).toBe(false);
  });

  it('draws the QR code of the verification URL as vector squares, not as an image', async () => {
    const doc = letter();
    const { bytes } = await render(doc, 'qr');
    expect(bytes.includes('/Subtype /Image')).toBe(false);
    const { modules } = QRCode.create(doc.verification.url, { errorCorrectionLevel: 'M' });
    expect(qrFromRectangles(bytes, modules.size)).toEqual(Array.from(modules.data, Boolean));
  });

  it('skips the subdivision line of an agency letterhead', async () => {
    const doc = letter();
    const agency = { ...doc.letterhead, subdivision: '', office: 'DINAS SOSIAL' };
    const { text } = await render({ ...doc, letterhead: agency }, 'agency');
    expect(text).toContain('PEMERINTAH KABUPATEN SERANG DINAS SOSIAL');
  });
});

/** Rebuilds the module matrix from the `x y w h re` operators in the page's content streams. */
function qrFromRectangles(pdf: Buffer, size: number): boolean[] {
  const content = [...pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)]
    .map((match) => inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1'))
    .join('\n');
  const rects = [...content.matchAll(/([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re/g)].map((m) =>
    m.slice(1, 5).map(Number),
  ) as Array<[number, number, number, number]>;
  expect(rects.length).toBeGreaterThan(0);
  const left = Math.min(...rects.map(([x]) => x));
  const top = Math.min(...rects.map(([, y]) => y));
  const right = Math.max(...rects.map(([x, , w]) => x + w));
  const cell = (right - left) / size;
  const matrix = new Array<boolean>(size * size).fill(false);
  for (const [x, y, w] of rects) {
    const row = Math.round((y - top) / cell);
    const start = Math.round((x - left) / cell);
    for (let col = start; col < start + Math.round(w / cell); col++) matrix[row * size + col] = true;
  }
  return matrix;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
