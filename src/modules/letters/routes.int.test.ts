import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResidentActor } from '../../platform/auth/roles.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, loginAs, loginAsNewStaff, type TestApp, Visitor } from '../../testing.ts';
import { approveStep, requestLetterPdf, startRequest } from '../services/service.ts';
import {
  fileDomicileRequest,
  KIBIN,
  openServiceDesk,
  pdfText,
  requestInput,
  samplePhoto,
  type VillageOffice,
} from '../services/test-builders.ts';
import { letterForRequest } from './service.ts';

let test: TestApp;
let office: VillageOffice;
let applicant: ResidentActor;
const clock = fixedClock('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Serang
const NUMBER = '400.12.2.2/001/Ds-Kramatwatu/XII/2026';
const SECOND = '400.12.2.2/002/Ds-Kramatwatu/XII/2026';

beforeEach(async () => {
  clock.set('2026-12-01T02:00:00Z');
  ({ test, office, applicant } = await openServiceDesk(buildTestApp({ clock })));
});
afterEach(() => test.close());

const as = (actor: Parameters<typeof withActor>[1]) => withActor(test.ctx, actor);

/** A certificate of domicile filed by the applicant, still at the operator's check. */
const filedDomicile = () => fileDomicileRequest(test.ctx, applicant);

/** The same request passed by the operator: waiting for the kepala desa's signature. */
async function awaitingSignature(): Promise<string> {
  const id = await filedDomicile();
  await approveStep(as(office.operator), id);
  return id;
}

/** A certificate of domicile filed, approved and signed through the service functions. */
async function issuedLetter() {
  const id = await awaitingSignature();
  const signed = await approveStep(as(office.kades), id);
  expect(signed.letterNumber).toBe(NUMBER);
  const letter = await letterForRequest(test.ctx, id);
  if (!letter) throw new Error('no letter was issued');
  const pdf = (await requestLetterPdf(as(applicant), id)).bytes;
  return { requestId: id, letter, pdf };
}

/** Posts a PDF (or nothing) through the verification page's multipart form, as a browser would. */
function comparePdf(visitor: Visitor, code: string, pdf: Buffer | null) {
  return visitor.submitMultipart(
    `/verifikasi/${code}`,
    {},
    pdf ? [{ name: 'pdf', filename: 'surat.pdf', type: 'application/pdf', bytes: pdf }] : [],
  );
}

describe('public verification of a letter', () => {
  it('answers 404 for an unknown code, and the code form sends a known code to its page', async () => {
    const { letter } = await issuedLetter();
    const visitor = new Visitor(test.app);
    const unknown = await visitor.get('/verifikasi/ZZZZZZZZZZ');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).not.toContain(NUMBER);
    const unknownByForm = await visitor.get('/verifikasi?kode=ZZZZZZZZZZ');
    expect(unknownByForm.statusCode).toBe(404);
    expect(unknownByForm.body).toContain('id="error-kode"');

    const code = letter.verification_code;
    const found = await visitor.get(`/verifikasi?kode=${code.toLowerCase()}`);
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/verifikasi/${code}`);
  });

  it('shows the letter’s type, number, issuing village, a masked name and the SHA-256, never the full name', async () => {
    const { letter, pdf } = await issuedLetter();
    const page = await new Visitor(test.app).get(`/verifikasi/${letter.verification_code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Surat ini terdaftar');
    expect(page.body).toContain('SURAT KETERANGAN DOMISILI');
    expect(page.body).toContain(NUMBER);
    expect(page.body).toContain('Desa Kramatwatu, Kecamatan Kramatwatu');
    const [first, second] = applicant.name.split(' ') as [string, string];
    expect(page.body).toContain(`${first.slice(0, 2)}${'•'.repeat(first.length - 2)} ${second.slice(0, 2)}`);
    expect(page.body).not.toContain(applicant.name);
    expect(page.body).not.toContain(applicant.nik);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(letter.pdf_sha256).toBe(sha256);
    expect(page.body).toContain(`<code class="hash">${sha256}</code>`);
  });

  it('says the genuine PDF matches, a PDF with one byte changed does not, and asks for a file when none is sent', async () => {
    const { letter, pdf } = await issuedLetter();
    const visitor = new Visitor(test.app);
    const code = letter.verification_code;

    const genuine = await comparePdf(visitor, code, pdf);
    expect(genuine.statusCode).toBe(200);
    expect(genuine.body).toContain('Berkas asli');
    expect(genuine.body).toContain('<strong class="tag tag-good">Cocok</strong>');
    expect(genuine.body).not.toContain('Berkas tidak cocok');

    const tampered = Buffer.from(pdf);
    const middle = Math.floor(tampered.length / 2);
    tampered.writeUInt8(tampered.readUInt8(middle) ^ 0x01, middle);
    const forged = await comparePdf(visitor, code, tampered);
    expect(forged.statusCode).toBe(200);
    expect(forged.body).toContain('Berkas tidak cocok');
    expect(forged.body).toContain(createHash('sha256').update(tampered).digest('hex'));
    expect(forged.body).not.toContain('Berkas asli');

    const nothing = await comparePdf(visitor, code, null);
    expect(nothing.statusCode).toBe(422);
    expect(nothing.body).toMatch(
      /<p class="error-message" id="error-pdf">[\s\S]*?Pilih berkas PDF surat yang ingin dicocokkan\.<\/p>/,
    );
  });

  it('finds a letter from a code typed with spaces, dashes and lower case, in the form and in the address', async () => {
    const { letter } = await issuedLetter();
    const code = letter.verification_code;
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 7)}-${code.slice(7).toLowerCase()} `;
    const visitor = new Visitor(test.app);
    const start = await visitor.get('/verifikasi');
    const maxlength = Number(/name="kode"[^>]*maxlength="(\d+)"/.exec(start.body)?.[1]);
    expect(maxlength).toBeGreaterThanOrEqual(typed.length);
    const byForm = await visitor.get(`/verifikasi?kode=${encodeURIComponent(typed)}`);
    expect(byForm.statusCode).toBe(303);
    expect(byForm.headers.location).toBe(`/verifikasi/${code}`);
    const byAddress = await visitor.get(`/verifikasi/${encodeURIComponent(typed.trim())}`);
    expect(byAddress.statusCode).toBe(301);
    expect(byAddress.headers.location).toBe(`/verifikasi/${code}`);
    const tooShort = await visitor.get(`/verifikasi?kode=${encodeURIComponent(typed.slice(0, 9))}`);
    expect(tooShort.statusCode).toBe(404);
  });

  it('says a JPG photo of the letter is not the PDF file and what to upload, never that it may be forged', async () => {
    const { letter } = await issuedLetter();
    const photo = await samplePhoto();
    const visitor = new Visitor(test.app);
    const answer = await visitor.submitMultipart(`/verifikasi/${letter.verification_code}`, {}, [
      { name: 'pdf', filename: 'surat.pdf', type: 'application/pdf', bytes: photo },
    ]);
    expect(answer.statusCode).toBe(422);
    expect(answer.body).toMatch(/id="error-pdf">[\s\S]*?bukan berkas PDF surat/);
    expect(answer.body).toContain('Unggah berkas PDF yang Anda terima');
    expect(answer.body).not.toContain('dipalsukan');
    expect(answer.body).not.toContain('Berkas tidak cocok');
    const text = await visitor.submitMultipart(`/verifikasi/${letter.verification_code}`, {}, [
      { name: 'pdf', filename: 'surat.pdf', type: 'application/pdf', bytes: Buffer.from('bukan pdf') },
    ]);
    expect(text.statusCode).toBe(422);
    expect(text.body).toContain('Berkas ini bukan berkas PDF');
  });

  it('names the SHA-256 in plain words, the official term in small print', async () => {
    const { letter } = await issuedLetter();
    const page = await new Visitor(test.app).get(`/verifikasi/${letter.verification_code}`);
    expect(page.body).toContain('Sidik jari berkas');
    expect(page.body).toMatch(/<small class="hint">[^<]*SHA-256[^<]*<\/small>/);
    expect(page.body).not.toMatch(/>SHA-256</);
  });

  it('says a letter past its validity is no longer valid, by the application’s clock', async () => {
    const { letter } = await issuedLetter();
    const visitor = new Visitor(test.app);
    const fresh = await visitor.get(`/verifikasi/${letter.verification_code}`);
    expect(letter.valid_until).not.toBeNull();
    expect(fresh.body).not.toContain('sudah tidak berlaku');
    clock.advance(400 * 86_400_000);
    const later = await visitor.get(`/verifikasi/${letter.verification_code}`);
    expect(later.statusCode).toBe(200);
    expect(later.body).toContain('(sudah tidak berlaku)');
  });

  it('counts validity on the Jakarta calendar: signed at 06:00 WIB, the printed, stored and checked last day agree', async () => {
    // 2026-03-10T23:00Z is 06:00 on 11 March in Serang; the domicile letter is valid 90 days
    clock.set('2026-03-10T23:00:00Z');
    const as = (actor: Parameters<typeof withActor>[1]) => withActor(test.ctx, actor);
    const outcome = await startRequest(
      as(applicant),
      'keterangan-domisili',
      await requestInput(
        { keperluan: 'Membuka rekening bank' },
        { attachments: ['foto_ktp', 'pengantar_rt'] },
      ),
    );
    await approveStep(as(office.operator), outcome.id);
    await approveStep(as(office.kades), outcome.id);
    const letter = await letterForRequest(test.ctx, outcome.id);
    if (!letter) throw new Error('no letter was issued');
    expect(letter.valid_until).toBe('2026-06-09');
    const text = pdfText((await requestLetterPdf(as(applicant), outcome.id)).bytes);
    expect(text.replace(/\s+/g, ' ')).toContain('berlaku sampai dengan 9 Juni 2026');

    const visitor = new Visitor(test.app);
    clock.set('2026-06-08T23:30:00Z'); // 06:30 WIB on the last day
    const lastDay = await visitor.get(`/verifikasi/${letter.verification_code}`);
    expect(lastDay.statusCode).toBe(200);
    expect(lastDay.body).not.toContain('sudah tidak berlaku');
    clock.set('2026-06-09T17:00:00Z'); // 00:00 WIB the day after
    const dayAfter = await visitor.get(`/verifikasi/${letter.verification_code}`);
    expect(dayAfter.body).toContain('(sudah tidak berlaku)');
  });

  it('gives the same facts as JSON under /api/v1/letters/verify', async () => {
    const { letter } = await issuedLetter();
    const response = await test.app.inject(`/api/v1/letters/verify/${letter.verification_code}`);
    expect(response.statusCode).toBe(200);
    const facts = response.json();
    expect(facts).toMatchObject({
      code: letter.verification_code,
      title: 'SURAT KETERANGAN DOMISILI',
      number: NUMBER,
      issuedAt: '2026-12-01T02:00:00.000Z',
      issuerName: 'Desa Kramatwatu, Kecamatan Kramatwatu',
      signedBy: office.kades.name,
      sha256: letter.pdf_sha256,
    });
    expect(facts.maskedName).not.toBe(applicant.name);
    expect(facts.maskedName).toContain('•');
    expect(JSON.stringify(facts)).not.toContain(applicant.nik);
    const unknown = await test.app.inject('/api/v1/letters/verify/ZZZZZZZZZZ');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the outgoing-letter register', () => {
  it('lists the letter for the village operator and is refused to an agency officer', async () => {
    const { letter } = await issuedLetter();
    const operator = await loginAs(test.app, office.operator);
    const register = await operator.get('/kelola/surat');
    expect(register.statusCode).toBe(200);
    expect(register.body).toContain(NUMBER);
    expect(register.body).toContain('1 surat');
    expect(register.body).toContain(applicant.name);
    expect(register.body).toContain(`/kelola/surat/${letter.id}.pdf`);

    const opd = await loginAsNewStaff(test, { role: 'opd', scope: 'DINSOS' });
    const refused = await opd.get('/kelola/surat');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(NUMBER);
  });

  it('serves a letter’s PDF to its village’s operator and refuses an operator of another village', async () => {
    const { letter, pdf } = await issuedLetter();
    const operator = await loginAs(test.app, office.operator);
    const file = await operator.get(`/kelola/surat/${letter.id}.pdf`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('inline');
    expect(file.rawPayload.equals(pdf)).toBe(true);

    const kibin = await loginAsNewStaff(test, { role: 'operator_desa', scope: KIBIN });
    const refused = await kibin.get(`/kelola/surat/${letter.id}.pdf`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).not.toContain('application/pdf');
    expect((await operator.get('/kelola/surat/bukan-nomor.pdf')).statusCode).toBe(404);
    const anonymous = await new Visitor(test.app).get(`/kelola/surat/${letter.id}.pdf`);
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/masuk\?kembali=/);
  });
});

/** The words of a PDF's text, counted: what one letter has that the other lacks. */
function wordCounts(pdf: Buffer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of pdfText(pdf).split(/\s+/).filter(Boolean)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

function wordsOnlyIn(a: Map<string, number>, b: Map<string, number>): string[] {
  const only: string[] = [];
  for (const [word, n] of a) for (let i = b.get(word) ?? 0; i < n; i++) only.push(word);
  return only.sort();
}

describe('the signing page shows the letter before it is signed', () => {
  it('shows the kepala desa the preview PDF inline and as a link, with the number it will get', async () => {
    const id = await awaitingSignature();
    const kades = await loginAs(test.app, office.kades);
    const page = await kades.get(`/kelola/layanan/permohonan/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      `<iframe class="letter-preview-frame" src="/kelola/layanan/permohonan/${id}/pratinjau.pdf"`,
    );
    expect(page.body).toContain(`href="/kelola/layanan/permohonan/${id}/pratinjau.pdf"`);
    expect(page.body).toContain(`dengan nomor ${NUMBER}`);

    const preview = await kades.get(`/kelola/layanan/permohonan/${id}/pratinjau.pdf`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.headers['cache-control']).toContain('no-store');
    const text = pdfText(preview.rawPayload);
    expect(text).toContain(`Nomor: ${NUMBER}`);
    expect(text).toContain('PRATINJAU');
    expect(text).toContain(applicant.nik);
  });

  it('takes no number: after any number of previews the letter is signed as 001 and the next as 002', async () => {
    const first = await awaitingSignature();
    const second = await awaitingSignature();
    const kades = await loginAs(test.app, office.kades);
    for (const id of [first, second, first])
      expect(
        pdfText((await kades.get(`/kelola/layanan/permohonan/${id}/pratinjau.pdf`)).rawPayload),
      ).toContain(`Nomor: ${NUMBER}`);
    expect((await approveStep(as(office.kades), second)).letterNumber).toBe(NUMBER);
    const next = await kades.get(`/kelola/layanan/permohonan/${first}`);
    expect(next.body).toContain(`dengan nomor ${SECOND}`);
    expect((await approveStep(as(office.kades), first)).letterNumber).toBe(SECOND);
    const numbers = await test.ctx.db.selectFrom('letters').select('sequence').orderBy('sequence').execute();
    expect(numbers.map((n) => n.sequence)).toEqual([1, 2]);
  });

  it('issues the PDF that was shown: the same layout and text but for the verification code and QR code', async () => {
    const id = await awaitingSignature();
    const kades = await loginAs(test.app, office.kades);
    const preview = (await kades.get(`/kelola/layanan/permohonan/${id}/pratinjau.pdf`)).rawPayload;
    await approveStep(as(office.kades), id);
    const letter = await letterForRequest(test.ctx, id);
    if (!letter) throw new Error('no letter was issued');
    const issued = (await requestLetterPdf(as(applicant), id)).bytes;

    // as many pages (pdftotext ends each with a form feed), every word but the verification's alike
    expect(pdfText(preview).split('\f').length).toBe(pdfText(issued).split('\f').length);
    const previewWords = wordCounts(preview);
    const issuedWords = wordCounts(issued);
    expect(wordsOnlyIn(previewWords, issuedWords)).toEqual(
      [
        'PRATINJAU',
        'belum',
        'ditandatangani',
        'Kode',
        'QR',
        'dan',
        'kode',
        'verifikasi',
        'dibuat',
        'saat',
        'surat',
        'ditandatangani.',
        '··········',
      ].sort(),
    );
    expect(wordsOnlyIn(issuedWords, previewWords)).toEqual(
      [
        'Pindai',
        'untuk',
        'memeriksa',
        'keaslian',
        'surat:',
        `${test.ctx.config.publicUrl}/verifikasi/${letter.verification_code}`,
        letter.verification_code,
      ].sort(),
    );
  });

  it('refuses the preview to the operator, and to the kepala desa while the request is still at the operator', async () => {
    const checking = await filedDomicile();
    const kades = await loginAs(test.app, office.kades);
    const early = await kades.get(`/kelola/layanan/permohonan/${checking}/pratinjau.pdf`);
    expect(early.statusCode).toBe(409);
    expect(early.headers['content-type']).not.toContain('application/pdf');
    expect((await kades.get(`/kelola/layanan/permohonan/${checking}`)).body).not.toContain('pratinjau.pdf');

    const signable = await awaitingSignature();
    const operator = await loginAs(test.app, office.operator);
    const refused = await operator.get(`/kelola/layanan/permohonan/${signable}/pratinjau.pdf`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).not.toContain('application/pdf');
  });
});
