import type PDFKitDocument from 'pdfkit';
import { formatDate, t } from '../../platform/i18n/index.ts';
import { loadFonts } from '../../platform/pdf/index.ts';
import './messages.ts';

export interface OnboardingLetter {
  regency: string;
  village: string;
  kecamatan: string;
  name: string;
  role: string;
  email: string;
  /** as printed, K7QM-TXH4 */
  code: string;
  loginUrl: string;
  validUntil: Date;
}

const CM = 72 / 2.54;
const MARGIN = 2.5 * CM;

// pdfkit takes a third of a second to load: only a process that prints letters pays it
let pdfkit: Promise<typeof PDFKitDocument> | null = null;
function loadPdfkit(): Promise<typeof PDFKitDocument> {
  pdfkit ??= import('pdfkit').then((m) => m.default);
  return pdfkit;
}

/** One A4 page per person: who they are in which village, where to sign in, the code, and how. */
export async function renderOnboardingLetters(letters: OnboardingLetter[]): Promise<Buffer> {
  const PDFDocument = await loadPdfkit();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 2 * CM, bottom: 2 * CM, left: MARGIN, right: MARGIN },
    autoFirstPage: false,
    compress: true,
    font: '',
    info: { Title: 'Kode masuk pertama Simpul', Producer: 'Simpul', Creator: 'Simpul' },
  });
  const fonts = loadFonts();
  pdf.registerFont('regular', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  for (const letter of letters) {
    pdf.addPage();
    const role = t(`role.${letter.role}`);
    const width = pdf.page.width - 2 * MARGIN;
    pdf.font('bold', 11).text(letter.regency.toUpperCase(), { width, align: 'center' });
    pdf.moveDown(1.5);
    pdf.font('bold', 15).text(t('onboarding.pdf.title', { role }), { width });
    pdf.moveDown();
    pdf.font('regular', 12).text(t('onboarding.pdf.greeting', { name: letter.name }), { width });
    pdf.moveDown(0.5);
    pdf.text(
      t('onboarding.pdf.intro', {
        role,
        village: letter.village,
        kecamatan: letter.kecamatan,
        regency: letter.regency,
      }),
      { width, lineGap: 2 },
    );
    pdf.moveDown();
    const rows: Array<[string, string]> = [
      [t('onboarding.pdf.address'), letter.loginUrl],
      [t('onboarding.pdf.email'), letter.email],
      [t('onboarding.pdf.code'), letter.code],
      [t('onboarding.pdf.validUntil'), formatDate(letter.validUntil)],
    ];
    for (const [label, value] of rows) {
      const y = pdf.y;
      pdf.font('regular', 12).text(label, MARGIN, y, { width: 5 * CM });
      pdf
        .font('bold', label === t('onboarding.pdf.code') ? 18 : 12)
        .text(value, MARGIN + 5.2 * CM, y, { width: width - 5.2 * CM });
      pdf.moveDown(0.6);
    }
    pdf.x = MARGIN;
    pdf.moveDown();
    pdf.font('bold', 12).text(t('onboarding.pdf.steps'), { width });
    pdf.moveDown(0.3);
    pdf
      .font('regular', 12)
      .list([t('onboarding.pdf.step1'), t('onboarding.pdf.step2'), t('onboarding.pdf.step3')], {
        width,
        listType: 'numbered',
        lineGap: 2,
      });
    pdf.moveDown();
    pdf.x = MARGIN;
    pdf.font('regular', 10).text(t('onboarding.pdf.secret'), { width, lineGap: 1 });
  }
  pdf.end();
  return done;
}
