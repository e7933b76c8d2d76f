/** Domain errors: thrown by services, turned into an HTML page or a problem+json body in one place. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFound extends DomainError {
  constructor(message = 'Data yang dicari tidak ditemukan.') {
    super(404, 'Tidak ditemukan', message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'Anda tidak berwenang atas data ini.') {
    super(403, 'Tidak berwenang', message);
  }
}

export class Unauthenticated extends DomainError {
  /** where a page visitor is sent to log in: staff at /masuk, residents at /masuk/warga */
  constructor(
    message = 'Silakan masuk terlebih dahulu.',
    readonly loginPath = '/masuk',
  ) {
    super(401, 'Belum masuk', message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super(409, 'Konflik', message);
  }
}

/** Bad input: a message per field, in Indonesian, ready to show beside each field. */
export class Invalid extends DomainError {
  constructor(
    readonly fields: Record<string, string>,
    message = 'Periksa kembali isian yang ditandai.',
    /** 400 for a request no form could have sent (control characters, a field sent twice) */
    status: 400 | 422 = 422,
  ) {
    super(status, 'Isian tidak valid', message);
  }
}

export class TooManyRequests extends DomainError {
  constructor(message = 'Terlalu banyak percobaan. Coba lagi nanti.') {
    super(429, 'Terlalu banyak permintaan', message);
  }
}
