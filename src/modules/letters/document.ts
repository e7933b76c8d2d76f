/** Everything printed on one letter, already filled in: the PDF renderer only lays it out. */
export interface LetterDocument {
  letterhead: {
    /** PEMERINTAH KABUPATEN SERANG */
    government: string;
    /** KECAMATAN KRAMATWATU (empty for an agency letter) */
    subdivision: string;
    /** DESA KRAMATWATU, or the agency's name */
    office: string;
    /** street address, phone, e-mail of the office, one line */
    address: string;
    /** PNG or JPEG bytes of the regency's or village's emblem, when one was uploaded */
    logo: Buffer | null;
  };
  /** SURAT KETERANGAN DOMISILI */
  title: string;
  /** 474.1/012/Ds-Kramatwatu/XII/2026 */
  number: string;
  opening: string;
  /** label and value, printed as an aligned "label : value" list */
  rows: Array<[string, string]>;
  paragraphs: string[];
  closing: string;
  /** Kramatwatu, 1 Desember 2026 */
  placeAndDate: string;
  signature: {
    /** "a.n. Kepala Desa Kramatwatu" when a delegate signs, else null */
    onBehalf: string | null;
    /** Kepala Desa Kramatwatu / Sekretaris Desa */
    position: string;
    name: string;
    /** NIP or NIPD, when the signatory has one */
    employeeNumber: string | null;
    /** how it was signed, printed small under the name (e.g. "Ditandatangani secara elektronik") */
    note: string | null;
  };
  verification: {
    /** full URL encoded in the QR code, e.g. https://simpul.serangkab.go.id/verifikasi/K7Q2M9XW4T */
    url: string;
    code: string;
  };
  /**
   * A preview on the signing page, before the code exists: a "PRATINJAU" box in the QR code's
   * place and the same lines with the code left blank, so nothing else moves.
   */
  preview?: boolean;
  /** null: no expiry */
  validUntil: string | null;
  metadata: { title: string; author: string; subject: string; createdAt: Date };
}
