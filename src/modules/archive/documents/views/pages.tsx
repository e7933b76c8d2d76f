import { formatDate, formatDateTime, formatNumber, t } from '../../../../platform/i18n/index.ts';
import { asset } from '../../../../platform/ui/assets.ts';
import {
  BackLink,
  Button,
  ButtonLink,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  FormSection,
  fieldFor,
  Pagination,
  SelectField,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../../platform/ui/components.tsx';
import { raw, type SafeHtml } from '../../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../../platform/ui/layout.tsx';
import type { DueDocument, ListedDocument } from '../repo.ts';
import {
  ACCESS_CLASSES,
  type ArchiveListing,
  CATEGORIES,
  DISPOSITIONS,
  type documentFor,
  extractionPercent,
  MAX_FILE_BYTES,
  MAX_FILES,
  type UploadFields,
  type UploadResult,
} from '../service.ts';
import { AccessTag, categoryLabel, ExtractionTag, Marked } from './parts.tsx';

export const BASE = '/kelola/arsip/dokumen';

const categoryOptions = () => CATEGORIES.map((c) => ({ value: c.code, label: categoryLabel(c.code) }));
const accessOptions = () =>
  ACCESS_CLASSES.map((c) => ({ value: c, label: t(`archiveDocuments.access.${c}`) }));

export interface ArchiveQuery {
  q?: string | undefined;
  tahun?: string | undefined;
  kategori?: string | undefined;
  klasifikasi?: string | undefined;
  akses?: string | undefined;
}

function SearchForm(props: { query: ArchiveQuery }): SafeHtml {
  const q = props.query;
  return (
    <Form action={BASE} method="get" class="filters">
      <TextField
        name="q"
        type="search"
        label={t('archiveDocuments.search.term')}
        value={q.q}
        hint={t('archiveDocuments.search.hint')}
      />
      <TextField
        name="tahun"
        label={t('archiveDocuments.search.year')}
        value={q.tahun}
        inputmode="numeric"
        width="short"
      />
      <SelectField
        name="kategori"
        label={t('archiveDocuments.field.category')}
        options={categoryOptions()}
        placeholder={t('archiveDocuments.search.any')}
        value={q.kategori}
      />
      <TextField
        name="klasifikasi"
        label={t('archiveDocuments.field.classification')}
        value={q.klasifikasi}
        width="short"
      />
      <SelectField
        name="akses"
        label={t('archiveDocuments.field.accessClass')}
        options={accessOptions()}
        placeholder={t('archiveDocuments.search.any')}
        value={q.akses}
      />
      <Button variant="secondary">{t('archiveDocuments.search.submit')}</Button>
    </Form>
  );
}

function titleCell(row: ListedDocument & { titleMarked?: string; headline?: string }): SafeHtml {
  return (
    <>
      <a href={`${BASE}/${row.id}`}>{row.titleMarked ? <Marked text={row.titleMarked} /> : row.title}</a>
      {row.headline ? (
        <p class="hint">
          <Marked text={row.headline} />
        </p>
      ) : (
        ''
      )}
    </>
  );
}

export function ArchivePage(props: {
  listing: ArchiveListing;
  query: ArchiveQuery;
  mayFile: boolean;
  mayReview: boolean;
}): SafeHtml {
  const { listing } = props;
  const rows = listing.rows as Array<ListedDocument & { titleMarked?: string; headline?: string }>;
  return (
    <Page title={t('archiveDocuments.title')} wide>
      <p>
        {props.mayFile ? (
          <ButtonLink href={`${BASE}/unggah`} variant="primary">
            {t('archiveDocuments.upload.link')}
          </ButtonLink>
        ) : (
          ''
        )}{' '}
        {props.mayReview ? <a href={`${BASE}/usul-musnah`}>{t('archiveDocuments.review.link')}</a> : ''}
      </p>
      <SearchForm query={props.query} />
      {listing.mode === 'search' ? (
        <p role="status">
          {listing.more
            ? t('archiveDocuments.search.more', { count: formatNumber(listing.total), term: listing.term })
            : t('archiveDocuments.search.found', { count: formatNumber(listing.total), term: listing.term })}
        </p>
      ) : (
        ''
      )}
      <Table
        caption={t('archiveDocuments.list.caption')}
        rows={rows}
        empty={
          listing.mode === 'search' ? t('archiveDocuments.search.none') : t('archiveDocuments.list.empty')
        }
        columns={[
          { header: t('archiveDocuments.field.title'), cell: titleCell },
          { header: t('archiveDocuments.field.number'), cell: (r) => r.number ?? '' },
          { header: t('archiveDocuments.field.date'), cell: (r) => formatDate(r.document_date) },
          { header: t('archiveDocuments.field.category'), cell: (r) => categoryLabel(r.category) },
          {
            header: t('archiveDocuments.field.accessClass'),
            cell: (r) => <AccessTag accessClass={r.access_class} />,
          },
          {
            header: t('archiveDocuments.field.text'),
            cell: (r) => (
              <ExtractionTag state={r.extraction_state} pagesDone={r.pages_done} pagesTotal={r.pages_total} />
            ),
          },
        ]}
      />
      <Pagination list={listing} baseUrl={BASE} query={{ ...props.query }} />
    </Page>
  );
}

export type UploadValues = UploadFields;

/** The metadata fields of a document, as the upload and the edit forms ask them. */
function MetadataFields(props: {
  values: UploadValues;
  errors?: FieldErrors | undefined;
  upload: boolean;
}): SafeHtml {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      <TextField
        {...fieldFor(v, e, 'title')}
        label={t('archiveDocuments.field.title')}
        hint={props.upload ? t('archiveDocuments.upload.titleHint') : undefined}
        maxlength={300}
        required={!props.upload}
      />
      <TextField
        {...fieldFor(v, e, 'number')}
        label={t('archiveDocuments.field.number')}
        hint={t('archiveDocuments.upload.numberHint')}
        maxlength={100}
      />
      <TextField
        {...fieldFor(v, e, 'date')}
        type="date"
        width="medium"
        label={t('archiveDocuments.field.date')}
        required
      />
      <SelectField
        {...fieldFor(v, e, 'category')}
        label={t('archiveDocuments.field.category')}
        options={categoryOptions()}
        placeholder=""
        required
      />
      <TextField
        {...fieldFor(v, e, 'classification')}
        label={t('archiveDocuments.field.classification')}
        hint={t('archiveDocuments.upload.classificationHint')}
        width="short"
        maxlength={40}
      />
      <SelectField
        {...fieldFor(v, e, 'accessClass')}
        value={v.accessClass ?? 'biasa'}
        label={t('archiveDocuments.field.accessClass')}
        hint={t('archiveDocuments.upload.accessHint')}
        options={accessOptions()}
      />
      <fieldset>
        <legend>{t('archiveDocuments.upload.retention')}</legend>
        <p class="hint">{t('archiveDocuments.upload.retentionHint')}</p>
        <TextField
          {...fieldFor(v, e, 'activeYears')}
          label={t('archiveDocuments.field.activeYears')}
          inputmode="numeric"
          width="short"
        />
        <TextField
          {...fieldFor(v, e, 'inactiveYears')}
          label={t('archiveDocuments.field.inactiveYears')}
          inputmode="numeric"
          width="short"
        />
        <SelectField
          {...fieldFor(v, e, 'disposition')}
          label={t('archiveDocuments.field.disposition')}
          options={DISPOSITIONS.map((d) => ({ value: d, label: t(`archiveDocuments.disposition.${d}`) }))}
          placeholder={t('archiveDocuments.upload.byCategory')}
        />
      </fieldset>
      <TextField
        {...fieldFor(v, e, 'location')}
        label={t('archiveDocuments.field.location')}
        hint={t('archiveDocuments.upload.locationHint')}
        maxlength={200}
      />
    </>
  );
}

export function UploadPage(props: { values: UploadValues; errors?: FieldErrors }): SafeHtml {
  const e = props.errors;
  return (
    <Layout
      title={t('archiveDocuments.upload.title')}
      head={<script src={asset('/arsip-dokumen/aset/unggah.js')} defer></script>}
    >
      <BackLink href={BASE}>{t('archiveDocuments.title')}</BackLink>
      <h1>{t('archiveDocuments.upload.title')}</h1>
      <ErrorSummary errors={e} />
      <Form action={`${BASE}/unggah`} multipart class="archive-upload">
        <MetadataFields values={props.values} errors={e} upload />
        <FileField
          name="files"
          label={t('archiveDocuments.upload.files')}
          hint={t('archiveDocuments.upload.filesHint', {
            max: MAX_FILES,
            size: MAX_FILE_BYTES / 1024 / 1024,
          })}
          error={e?.files}
          accept="application/pdf,image/jpeg,image/png"
          multiple
          required
        />
        <ol class="upload-progress" id="upload-progress" aria-live="polite"></ol>
        <Button>{t('archiveDocuments.upload.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function EditPage(props: {
  id: string;
  title: string;
  values: UploadValues;
  errors?: FieldErrors | undefined;
}): SafeHtml {
  return (
    <Page title={t('archiveDocuments.edit.title')} back={{ href: `${BASE}/${props.id}`, label: props.title }}>
      <p>{t('archiveDocuments.edit.lead')}</p>
      <ErrorSummary errors={props.errors} />
      <Form action={`${BASE}/${props.id}/ubah`} class="archive-edit">
        <MetadataFields values={props.values} errors={props.errors} upload={false} />
        <Button>{t('archiveDocuments.edit.submit')}</Button>
      </Form>
    </Page>
  );
}

function ResultLine(props: { result: UploadResult }): SafeHtml {
  const r = props.result;
  if (r.outcome === 'saved')
    return (
      <li>
        <strong>{r.filename}</strong>: {t('archiveDocuments.upload.saved')} —{' '}
        <a href={`${BASE}/${r.id}`}>{r.title}</a>
      </li>
    );
  if (r.outcome === 'duplicate')
    return (
      <li>
        <strong>{r.filename}</strong>: {t('archiveDocuments.upload.duplicate')}{' '}
        {r.id ? <a href={`${BASE}/${r.id}`}>{r.title}</a> : ''}
      </li>
    );
  return (
    <li class="error-message">
      <strong>{r.filename}</strong>: {r.message}
    </li>
  );
}

export function UploadResultPage(props: { results: UploadResult[] }): SafeHtml {
  const saved = props.results.filter((r) => r.outcome === 'saved').length;
  return (
    <Page title={t('archiveDocuments.upload.resultTitle')}>
      <p role="status">{t('archiveDocuments.upload.summary', { saved, total: props.results.length })}</p>
      <ul class="upload-results">
        {props.results.map((r) => (
          <ResultLine result={r} />
        ))}
      </ul>
      <p>{t('archiveDocuments.upload.textLater')}</p>
      <p>
        <ButtonLink href={`${BASE}/unggah`}>{t('archiveDocuments.upload.more')}</ButtonLink>{' '}
        <a href={BASE}>{t('archiveDocuments.title')}</a>
      </p>
    </Page>
  );
}

type Detail = Awaited<ReturnType<typeof documentFor>>;

export function DocumentPage(props: {
  detail: Detail;
  values?: { reason?: string };
  errors?: FieldErrors;
}): SafeHtml {
  const { doc, retention } = props.detail;
  const running = doc.extraction_state === 'menunggu' || doc.extraction_state === 'berjalan';
  const percent = extractionPercent(doc);
  return (
    <Page
      title={doc.title}
      back={{ href: BASE, label: t('archiveDocuments.title') }}
      head={running ? raw('<meta http-equiv="refresh" content="5">') : undefined}
    >
      {doc.deleted_at ? (
        <p class="error-message" role="note">
          {t('archiveDocuments.detail.deleted', {
            at: formatDateTime(doc.deleted_at),
            reason: doc.deleted_reason ?? '',
          })}
        </p>
      ) : (
        ''
      )}
      {props.detail.destruction ? (
        <p class="error-message" role="note">
          {t('archiveDocuments.detail.destroyed', {
            at: formatDateTime(props.detail.destruction.approved_at),
            minutes: props.detail.destruction.minutes_number,
          })}
        </p>
      ) : (
        ''
      )}
      <SummaryList
        rows={[
          [t('archiveDocuments.field.number'), doc.number ?? '—'],
          [t('archiveDocuments.field.date'), formatDate(doc.document_date)],
          [t('archiveDocuments.field.category'), categoryLabel(doc.category)],
          [t('archiveDocuments.field.classification'), doc.classification ?? '—'],
          [t('archiveDocuments.field.accessClass'), <AccessTag accessClass={doc.access_class} />],
          [t('archiveDocuments.field.location'), doc.location ?? '—'],
          [t('archiveDocuments.detail.activeUntil'), formatDate(retention.activeUntil)],
          [t('archiveDocuments.detail.inactiveUntil'), formatDate(retention.inactiveUntil)],
          [t('archiveDocuments.field.disposition'), t(`archiveDocuments.disposition.${doc.disposition}`)],
          [
            t('archiveDocuments.detail.file'),
            `${doc.file_name} (${formatNumber(Math.ceil(doc.size / 1024))} KB)`,
          ],
          [t('archiveDocuments.detail.sha256'), <code class="wrap">{doc.sha256}</code>],
          [
            t('archiveDocuments.field.text'),
            <>
              <ExtractionTag
                state={doc.extraction_state}
                pagesDone={doc.pages_done}
                pagesTotal={doc.pages_total}
              />
              {running && percent !== null ? (
                <progress max="100" value={String(percent)}>
                  {percent}%
                </progress>
              ) : (
                ''
              )}
              {doc.extraction_state === 'gagal' ? (
                <p class="error-message">{doc.extraction_error ?? ''}</p>
              ) : (
                ''
              )}
            </>,
          ],
        ]}
      />
      <p>
        {props.detail.mayDownload ? (
          <ButtonLink href={`${BASE}/${doc.id}/berkas`}>{t('archiveDocuments.detail.download')}</ButtonLink>
        ) : (
          ''
        )}
        {props.detail.mayEdit ? (
          <ButtonLink href={`${BASE}/${doc.id}/ubah`} variant="secondary">
            {t('archiveDocuments.edit.link')}
          </ButtonLink>
        ) : (
          ''
        )}
      </p>
      {props.detail.preview ? (
        <details>
          <summary>{t('archiveDocuments.detail.preview')}</summary>
          <pre class="wrap">{props.detail.preview}</pre>
        </details>
      ) : (
        ''
      )}
      {props.detail.mayDelete ? (
        <section>
          <FormSection
            title={t('archiveDocuments.delete.title')}
            intro={<p>{t('archiveDocuments.delete.explain')}</p>}
            action={`${BASE}/${doc.id}/hapus`}
            errors={props.errors}
          >
            <TextArea
              {...fieldFor(props.values, props.errors, 'reason')}
              label={t('archiveDocuments.delete.reason')}
              required
              maxlength={2000}
            />
            <Button variant="warning">{t('archiveDocuments.delete.submit')}</Button>
          </FormSection>
        </section>
      ) : (
        ''
      )}
    </Page>
  );
}

export function ReviewPage(props: {
  due: DueDocument[];
  mayApprove: boolean;
  values?: { reason?: string; minutesNumber?: string; ids?: string[] };
  errors?: FieldErrors;
}): SafeHtml {
  const chosen = new Set(props.values?.ids ?? []);
  const table = (
    <Table
      caption={t('archiveDocuments.review.caption')}
      rows={props.due}
      empty={t('archiveDocuments.review.empty')}
      columns={[
        ...(props.mayApprove
          ? [
              {
                header: t('archiveDocuments.review.choose'),
                cell: (r: DueDocument) => (
                  <input
                    type="checkbox"
                    name="ids"
                    value={r.id}
                    checked={chosen.has(r.id)}
                    aria-label={t('archiveDocuments.review.chooseOne', { title: r.title })}
                  />
                ),
              },
            ]
          : []),
        {
          header: t('archiveDocuments.field.title'),
          cell: (r: DueDocument) => <a href={`${BASE}/${r.id}`}>{r.title}</a>,
        },
        { header: t('archiveDocuments.field.date'), cell: (r: DueDocument) => formatDate(r.document_date) },
        {
          header: t('archiveDocuments.review.endedOn'),
          cell: (r: DueDocument) => formatDate(r.retention_end),
        },
        {
          header: t('archiveDocuments.field.disposition'),
          cell: (r: DueDocument) => t(`archiveDocuments.disposition.${r.disposition}`),
        },
      ]}
    />
  );
  return (
    <Page
      title={t('archiveDocuments.review.title')}
      back={{ href: BASE, label: t('archiveDocuments.title') }}
      wide
    >
      <p>{t('archiveDocuments.review.explain')}</p>
      <ErrorSummary errors={props.errors} />
      {props.mayApprove && props.due.length > 0 ? (
        <Form action={`${BASE}/usul-musnah`}>
          <div id="field-ids" class={props.errors?.ids ? 'field field-error' : 'field'}>
            {props.errors?.ids ? <p class="error-message">{props.errors.ids}</p> : ''}
            {table}
          </div>
          <TextArea
            {...fieldFor(props.values, props.errors, 'reason')}
            label={t('archiveDocuments.review.reason')}
            required
            maxlength={2000}
          />
          <TextField
            {...fieldFor(props.values, props.errors, 'minutesNumber')}
            label={t('archiveDocuments.review.minutesNumber')}
            required
            maxlength={100}
          />
          <Button variant="warning">{t('archiveDocuments.review.approve')}</Button>
        </Form>
      ) : (
        table
      )}
    </Page>
  );
}
