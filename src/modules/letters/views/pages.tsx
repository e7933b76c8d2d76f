import { formatDate, formatDateTime, t } from '../../../platform/i18n/index.ts';
import { calendarDateOf, jakartaDate } from '../../../platform/time.ts';
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  Pagination,
  Panel,
  StatusTag,
  SummaryList,
  Table,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import type { PublicLetterFacts, RegisterEntry } from '../service.ts';

export function VerifyStartPage(props: { errors?: FieldErrors; code?: string }): SafeHtml {
  return (
    <Page title={t('letters.verify.title')}>
      <p class="lead">{t('letters.verify.lead')}</p>
      <ErrorSummary errors={props.errors} labels={{ code: t('letters.verify.code') }} />
      <Form action="/verifikasi" method="get">
        <TextField
          name="kode"
          label={t('letters.verify.code')}
          hint={`${t('letters.verify.codeHint')} ${t('letters.verify.codeHintLoose')}`}
          value={props.code}
          error={props.errors?.code}
          maxlength={40}
          width="medium"
        />
        <Button>{t('letters.verify.check')}</Button>
      </Form>
    </Page>
  );
}

export function VerifyPage(props: {
  facts: PublicLetterFacts;
  check?: { matches: boolean; sha256: string };
  errors?: FieldErrors;
  /** the request's clock, so validity follows the same time as the rest of the app */
  now: Date;
}): SafeHtml {
  const { facts } = props;
  // a letter is valid through its last day on the Jakarta calendar, the day printed on it
  const expired = facts.validUntil !== null && calendarDateOf(facts.validUntil) < jakartaDate(props.now);
  return (
    <Page title={t('letters.verify.title')}>
      <p>
        <StatusTag tone="good">{t('letters.verify.registered')}</StatusTag>
      </p>
      <SummaryList
        rows={[
          [t('letters.verify.type'), facts.title],
          [t('letters.verify.number'), facts.number],
          [t('letters.verify.date'), formatDate(facts.issuedAt)],
          [t('letters.verify.issuer'), facts.issuerName],
          [t('letters.verify.holder'), facts.maskedName],
          [t('letters.verify.signedBy'), facts.signedBy],
          [
            t('letters.verify.validUntil'),
            facts.validUntil
              ? `${formatDate(facts.validUntil)}${expired ? ` (${t('letters.verify.expired')})` : ''}`
              : t('letters.verify.noExpiry'),
          ],
          [
            t('letters.verify.fingerprint'),
            <>
              <code class="hash">{facts.sha256}</code>
              <br />
              <small class="hint">{t('letters.verify.fingerprintHint')}</small>
            </>,
          ],
        ]}
      />
      {props.check ? (
        props.check.matches ? (
          <Panel title={t('letters.verify.matchTitle')}>
            <p>
              <StatusTag tone="good">{t('letters.verify.match')}</StatusTag>
            </p>
            <p>{t('letters.verify.matchLead')}</p>
          </Panel>
        ) : (
          <div class="error-summary" role="alert">
            <h2>{t('letters.verify.mismatchTitle')}</h2>
            <p>{t('letters.verify.mismatchLead')}</p>
            <p>
              {t('letters.verify.uploadedFingerprint')} <small>(SHA-256)</small>:{' '}
              <code class="hash">{props.check.sha256}</code>
            </p>
          </div>
        )
      ) : (
        ''
      )}
      <h2>{t('letters.verify.uploadTitle')}</h2>
      <p>{t('letters.verify.uploadLead')}</p>
      <ErrorSummary errors={props.errors} labels={{ pdf: t('letters.verify.pdf') }} />
      <Form action={`/verifikasi/${facts.code}`} multipart>
        <FileField
          name="pdf"
          label={t('letters.verify.pdf')}
          accept="application/pdf"
          error={props.errors?.pdf}
        />
        <Button>{t('letters.verify.compare')}</Button>
      </Form>
    </Page>
  );
}

export function RegisterPage(props: {
  villageName: string;
  entries: RegisterEntry[];
  total: number;
  page: number;
  pageSize: number;
  year?: string;
}): SafeHtml {
  return (
    <Page title={t('letters.register.title')} wide>
      <p class="lead">{props.villageName}</p>
      <Form action="/kelola/surat" method="get" class="filters">
        <TextField
          name="tahun"
          label={t('letters.register.year')}
          inputmode="numeric"
          value={props.year}
          width="short"
        />
        <Button variant="secondary">{t('letters.register.filter')}</Button>
      </Form>
      <p>{t('letters.register.count', { n: props.total })}</p>
      <Table
        rows={props.entries}
        empty={t('letters.register.empty')}
        columns={[
          { header: t('letters.verify.number'), cell: (e) => e.number },
          { header: t('letters.verify.date'), cell: (e) => formatDateTime(e.issuedAt) },
          { header: t('letters.verify.type'), cell: (e) => e.title },
          {
            header: t('letters.register.subject'),
            cell: (e) => (
              <>
                {e.subjectName}
                <br />
                <small>{e.subjectNik}</small>
              </>
            ),
          },
          { header: t('letters.verify.signedBy'), cell: (e) => e.signedBy },
          {
            header: 'PDF',
            cell: (e) => (
              <>
                <a href={`/kelola/surat/${e.id}.pdf`}>{t('letters.register.download')}</a> ·{' '}
                <a href={`/verifikasi/${e.verificationCode}`}>{t('letters.register.verify')}</a>
              </>
            ),
          },
        ]}
      />
      <Pagination list={props} baseUrl="/kelola/surat" query={{ tahun: props.year }} />
    </Page>
  );
}
