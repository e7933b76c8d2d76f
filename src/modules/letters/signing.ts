/**
 * How a letter is signed. Simpul's own signature is the signatory's confirmed act plus the QR code
 * and the SHA-256 kept for /verifikasi; that works with or without certified TTE. A BSrE signer
 * (PP 71/2019) plugs in here: it receives the rendered PDF and the signatory's NIK and passphrase
 * and returns the PDF with its PAdES signature, whose bytes are then what the hash covers.
 */
export interface LetterSigner {
  method: 'qr' | 'bsre';
  /** printed under the signatory's name */
  note: string;
  sign(pdf: Buffer, credentials: { nik?: string; passphrase?: string }): Promise<Buffer>;
}

export const qrSigner: LetterSigner = {
  method: 'qr',
  note: 'Ditandatangani secara elektronik melalui Simpul; keaslian dapat diperiksa dengan kode QR.',
  async sign(pdf) {
    return pdf;
  },
};
