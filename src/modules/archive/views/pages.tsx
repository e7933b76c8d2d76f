import { formatDate, formatDateTime, t } from '../../../platform/i18n/index.ts';
import {
  Button,
  ButtonLink,
  CheckboxField,
  type Column,
  DateField,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  FormSection,
  fieldFor,
  Pagination,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { Child, SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import type { ClassificationRow } from '../repo.ts';
import {
  DISPOSITION_STATES,
  type incomingLetter,
  type listDeleted,
  type listIncoming,
  type listOutgoing,
  type outgoingLetter,
  PAGE_SIZE,
} from '../service.ts';

type Values = Record<string, string | undefined>;
const BASE = '/kelola/arsip';

function StateTag(props: { state: string | null; overdue?: boolean }): SafeHtml {
  const state = props.state ?? 'tanpa';
  const tone = state === 'selesai' ? 'good' : state === 'proses' ? 'info' : 'warn';
  return (
    <span>
      <StatusTag tone={tone}>{t(`archive.status.${state}`)}</StatusTag>
      {props.overdue ? <StatusTag tone="bad">{t('archive.status.overdue')}</StatusTag> : ''}
    </span>
  );
}

function RegisterFilters(props: { action: string; values: Values; withStatus: boolean }): SafeHtml {
  const v = props.values;
  return (
    <Form action={props.action} method="get" class="filters">
      <TextField
        {...fieldFor(v, undefined, 'year')}
        label={t('archive.field.year')}
        inputmode="numeric"
        width="short"
      />
      <TextField
        {...fieldFor(v, undefined, 'classification')}
        label={t('archive.field.classificationCode')}
        width="medium"
      />
      {props.withStatus ? (
        <SelectField
          {...fieldFor(v, undefined, 'status')}
          label={t('archive.field.status')}
          placeholder={t('archive.status.any')}
          options={['tanpa', ...DISPOSITION_STATES].map((s) => ({
            value: s,
            label: t(`archive.status.${s}`),
          }))}
        />
      ) : (
        ''
      )}
      <TextField {...fieldFor(v, undefined, 'q')} label={t('archive.field.q')} type="search" />
      {props.withStatus ? (
        <CheckboxField
          name="untuk"
          value="saya"
          checked={v.untuk === 'saya'}
          label={t('archive.field.mine')}
        />
      ) : (
        ''
      )}
      <Button variant="secondary">{t('archive.filter.submit')}</Button>
    </Form>
  );
}

/** A register's list: the button that registers a letter, the filters, and one page of its letters. */
function RegisterListPage<Row>(props: {
  register: 'surat-masuk' | 'surat-keluar';
  title: string;
  heading?: string;
  mayRegister: boolean;
  newLabel: string;
  query: Values;
  withStatus: boolean;
  list: { page: number; total: number };
  rows: Row[];
  empty: string;
  columns: Column<Row>[];
}): SafeHtml {
  const url = `${BASE}/${props.register}`;
  return (
    <Page title={props.title} heading={props.heading} wide>
      <p>
        {props.mayRegister ? (
          <ButtonLink href={`${url}/baru`} variant="primary">
            {props.newLabel}
          </ButtonLink>
        ) : (
          ''
        )}{' '}
        <a href={`${BASE}/terhapus`}>{t('archive.deleted.link')}</a>
      </p>
      <RegisterFilters action={url} values={props.query} withStatus={props.withStatus} />
      <Table label={props.title} rows={props.rows} empty={props.empty} columns={props.columns} />
      <Pagination list={{ ...props.list, pageSize: PAGE_SIZE }} baseUrl={url} query={props.query} />
    </Page>
  );
}

export function IncomingListPage(props: {
  list: Awaited<ReturnType<typeof listIncoming>>;
  query: Values;
}): SafeHtml {
  const { list } = props;
  return (
    <RegisterListPage
      register="surat-masuk"
      title={t('archive.incoming.title')}
      mayRegister={list.mayRegister}
      newLabel={t('archive.incoming.new')}
      query={props.query}
      withStatus
      list={list}
      rows={list.rows}
      empty={t('archive.incoming.empty')}
      columns={[
        {
          header: t('archive.field.agendaNumber'),
          cell: (r) => <a href={`${BASE}/surat-masuk/${r.id}`}>{`${r.agenda_number}/${r.year}`}</a>,
        },
        { header: t('archive.field.receivedOn'), cell: (r) => formatDate(r.received_on) },
        { header: t('archive.field.letterNumber'), cell: (r) => r.letter_number },
        { header: t('archive.field.sender'), cell: (r) => r.sender },
        { header: t('archive.field.subject'), cell: (r) => r.subject },
        { header: t('archive.field.classificationCode'), cell: (r) => r.classification_code },
        { header: t('archive.field.status'), cell: (r) => <StateTag state={r.progress} /> },
      ]}
    />
  );
}

/** A register's form for a new letter: its problems, the fields, the save button. */
function LetterFormPage(props: {
  register: 'surat-masuk' | 'surat-keluar';
  title: string;
  errors: FieldErrors | undefined;
  multipart?: boolean;
  children: Child;
}): SafeHtml {
  return (
    <Page title={props.title}>
      <ErrorSummary errors={props.errors} />
      <Form action={`${BASE}/${props.register}/baru`} multipart={props.multipart}>
        {props.children}
        <Button>{t('archive.save')}</Button>
      </Form>
    </Page>
  );
}

/** What both registers ask of a letter: its number and date, who sent it or is sent it, what about, its code. */
function LetterFields(props: {
  values: Values;
  errors: FieldErrors | undefined;
  party: 'sender' | 'recipient';
}): SafeHtml {
  const { values: v, errors: e, party } = props;
  return (
    <>
      <TextField {...fieldFor(v, e, 'letterNumber')} label={t('archive.field.letterNumber')} required />
      <DateField {...fieldFor(v, e, 'letterDate')} label={t('archive.field.letterDate')} required />
      <TextField
        {...fieldFor(v, e, party)}
        label={party === 'sender' ? t('archive.field.sender') : t('archive.field.recipient')}
        required
      />
      <TextArea {...fieldFor(v, e, 'subject')} label={t('archive.field.subject')} rows={2} required />
      <TextField
        {...fieldFor(v, e, 'classificationCode')}
        label={t('archive.field.classificationCode')}
        hint={t('archive.field.classificationHint')}
        width="medium"
        required
      />
    </>
  );
}

export function IncomingFormPage(props: { values?: Values; errors?: FieldErrors }): SafeHtml {
  const v = props.values ?? {};
  const e = props.errors;
  return (
    <LetterFormPage register="surat-masuk" title={t('archive.incoming.newTitle')} errors={e} multipart>
      <DateField {...fieldFor(v, e, 'receivedOn')} label={t('archive.field.receivedOn')} required />
      <LetterFields values={v} errors={e} party="sender" />
      <FileField
        name="scan"
        error={e?.scan}
        label={t('archive.field.scan')}
        accept="application/pdf,image/jpeg,image/png"
      />
    </LetterFormPage>
  );
}

/** Deleting a letter from its register, with the reason; its problems are summed up at the top of the page. */
function DeleteForm(props: {
  action: string;
  errors?: FieldErrors | undefined;
  values?: Values | undefined;
}): SafeHtml {
  return (
    <section>
      <FormSection
        title={t('archive.delete.title')}
        intro={<p>{t('archive.delete.lead')}</p>}
        action={props.action}
      >
        <TextArea
          {...fieldFor(props.values, props.errors, 'reason')}
          label={t('archive.field.reason')}
          rows={2}
          required
        />
        <Button variant="warning">{t('archive.delete.submit')}</Button>
      </FormSection>
    </section>
  );
}

export function IncomingDetailPage(props: {
  detail: Awaited<ReturnType<typeof incomingLetter>>;
  values?: Values;
  errors?: FieldErrors;
  form?: string;
}): SafeHtml {
  const { entry, dispositions, staff } = props.detail;
  const errorsOf = (form: string) => (props.form === form ? props.errors : undefined);
  const valuesOf = (form: string) => (props.form === form ? props.values : undefined);
  const url = `${BASE}/surat-masuk/${entry.id}`;
  return (
    <Page title={t('archive.incoming.detailTitle', { n: entry.agenda_number, year: entry.year })}>
      <ErrorSummary errors={props.errors} />
      <SummaryList
        rows={[
          [t('archive.field.receivedOn'), formatDate(entry.received_on)],
          [t('archive.field.letterNumber'), entry.letter_number],
          [t('archive.field.letterDate'), formatDate(entry.letter_date)],
          [t('archive.field.sender'), entry.sender],
          [t('archive.field.subject'), entry.subject],
          [t('archive.field.classificationCode'), entry.classification_code],
          [
            t('archive.field.scanLink'),
            entry.scan_file_id ? <a href={`${url}/pindaian`}>{t('archive.download')}</a> : '—',
          ],
        ]}
      />
      <h2>{t('archive.disposition.title')}</h2>
      {dispositions.length === 0 ? <p>{t('archive.disposition.none')}</p> : ''}
      {dispositions.map((d) => (
        <section class="panel" id={`disposisi-${d.id}`}>
          <SummaryList
            rows={[
              [t('archive.field.assignee'), d.assignee_name],
              [t('archive.field.instruction'), d.instruction],
              [t('archive.field.dueOn'), d.due_on ? formatDate(d.due_on) : '—'],
              [t('archive.field.status'), <StateTag state={d.status} overdue={d.overdue} />],
              [t('archive.field.reply'), d.reply || '—'],
            ]}
          />
          {props.detail.mayKeep ? (
            <Form action={`${url}/disposisi/${d.id}`}>
              <SelectField
                name="status"
                value={valuesOf(`d-${d.id}`)?.status ?? d.status}
                error={errorsOf(`d-${d.id}`)?.status}
                label={t('archive.field.status')}
                options={DISPOSITION_STATES.map((s) => ({ value: s, label: t(`archive.status.${s}`) }))}
              />
              <TextArea
                name="reply"
                value={valuesOf(`d-${d.id}`)?.reply ?? d.reply}
                error={errorsOf(`d-${d.id}`)?.reply}
                label={t('archive.field.reply')}
                rows={3}
              />
              <Button variant="secondary">{t('archive.disposition.update')}</Button>
            </Form>
          ) : (
            ''
          )}
        </section>
      ))}
      {props.detail.mayKeep ? (
        <section>
          <h2>{t('archive.disposition.new')}</h2>
          <Form action={`${url}/disposisi`}>
            <SelectField
              {...fieldFor(valuesOf('dispose'), errorsOf('dispose'), 'assigneeId')}
              label={t('archive.field.assignee')}
              placeholder=""
              options={staff.map((s) => ({ value: s.id, label: s.name }))}
              required
            />
            <TextArea
              {...fieldFor(valuesOf('dispose'), errorsOf('dispose'), 'instruction')}
              label={t('archive.field.instruction')}
              rows={3}
              required
            />
            <DateField
              {...fieldFor(valuesOf('dispose'), errorsOf('dispose'), 'dueOn')}
              label={t('archive.field.dueOn')}
            />
            <Button>{t('archive.disposition.new')}</Button>
          </Form>
        </section>
      ) : (
        ''
      )}
      {props.detail.mayDelete ? (
        <DeleteForm action={`${url}/hapus`} errors={errorsOf('delete')} values={valuesOf('delete')} />
      ) : (
        ''
      )}
    </Page>
  );
}

export function OutgoingListPage(props: {
  list: Awaited<ReturnType<typeof listOutgoing>>;
  query: Values;
}): SafeHtml {
  const { list } = props;
  return (
    <RegisterListPage
      register="surat-keluar"
      title={t('archive.outgoing.title')}
      heading={`${t('archive.outgoing.title')} ${list.year}`}
      mayRegister={list.mayRegister}
      newLabel={t('archive.outgoing.new')}
      query={{ ...props.query, year: String(list.year) }}
      withStatus={false}
      list={list}
      rows={list.lines}
      empty={t('archive.outgoing.empty')}
      columns={[
        {
          header: t('archive.field.agendaNumber'),
          cell: (l) =>
            l.id ? (
              <a href={`${BASE}/surat-keluar/${l.id}`}>{String(l.agendaNumber)}</a>
            ) : (
              <StatusTag tone="info">{t('archive.outgoing.issued')}</StatusTag>
            ),
        },
        { header: t('archive.field.letterDate'), cell: (l) => formatDate(l.letterDate) },
        {
          header: t('archive.field.letterNumber'),
          cell: (l) =>
            l.verificationCode ? (
              <a href={`/verifikasi/${l.verificationCode}`}>{l.letterNumber}</a>
            ) : (
              l.letterNumber
            ),
        },
        { header: t('archive.field.recipient'), cell: (l) => l.recipient },
        { header: t('archive.field.subject'), cell: (l) => l.subject },
        { header: t('archive.field.classificationCode'), cell: (l) => l.classificationCode },
        { header: t('archive.field.sentOn'), cell: (l) => (l.sentOn ? formatDate(l.sentOn) : '—') },
      ]}
    />
  );
}

export function OutgoingFormPage(props: { values?: Values; errors?: FieldErrors }): SafeHtml {
  return (
    <LetterFormPage register="surat-keluar" title={t('archive.outgoing.newTitle')} errors={props.errors}>
      <LetterFields values={props.values ?? {}} errors={props.errors} party="recipient" />
    </LetterFormPage>
  );
}

export function OutgoingDetailPage(props: {
  detail: Awaited<ReturnType<typeof outgoingLetter>>;
  values?: Values;
  errors?: FieldErrors;
  form?: string;
}): SafeHtml {
  const { entry } = props.detail;
  const url = `${BASE}/surat-keluar/${entry.id}`;
  const sendValues = props.form === 'send' ? props.values : { sentOn: entry.sent_on ?? '' };
  const sendErrors = props.form === 'send' ? props.errors : undefined;
  return (
    <Page title={t('archive.outgoing.detailTitle', { n: entry.agenda_number, year: entry.year })}>
      <ErrorSummary errors={props.errors} />
      <SummaryList
        rows={[
          [t('archive.field.letterNumber'), entry.letter_number],
          [t('archive.field.letterDate'), formatDate(entry.letter_date)],
          [t('archive.field.recipient'), entry.recipient],
          [t('archive.field.subject'), entry.subject],
          [t('archive.field.classificationCode'), entry.classification_code],
          [t('archive.field.sentOn'), entry.sent_on ? formatDate(entry.sent_on) : '—'],
          [
            t('archive.field.receiptLink'),
            entry.receipt_file_id ? (
              <a href={`${url}/tanda-terima`}>{t('archive.download')}</a>
            ) : entry.receipt_noted_at ? (
              formatDateTime(entry.receipt_noted_at)
            ) : (
              '—'
            ),
          ],
        ]}
      />
      {props.detail.mayKeep ? (
        <section>
          <h2>{t('archive.outgoing.sendTitle')}</h2>
          <Form action={`${url}/kirim`} multipart>
            <DateField
              {...fieldFor(sendValues, sendErrors, 'sentOn')}
              label={t('archive.field.sentOn')}
              required
            />
            <CheckboxField
              name="receiptNoted"
              checked={entry.receipt_noted_at !== null}
              label={t('archive.field.receiptNoted')}
            />
            <FileField
              name="receipt"
              error={sendErrors?.receipt}
              label={t('archive.field.receipt')}
              accept="application/pdf,image/jpeg,image/png"
            />
            <Button>{t('archive.save')}</Button>
          </Form>
        </section>
      ) : (
        ''
      )}
      {props.detail.mayDelete ? (
        <DeleteForm
          action={`${url}/hapus`}
          errors={props.form === 'delete' ? props.errors : undefined}
          values={props.form === 'delete' ? props.values : undefined}
        />
      ) : (
        ''
      )}
    </Page>
  );
}

export function DeletedPage(props: { rows: Awaited<ReturnType<typeof listDeleted>> }): SafeHtml {
  return (
    <Page title={t('archive.deleted.title')} wide>
      <Table
        label={t('archive.deleted.title')}
        rows={props.rows}
        empty={t('archive.deleted.empty')}
        columns={[
          { header: t('archive.deleted.register'), cell: (r) => t(`archive.register.${r.register}`) },
          { header: t('archive.field.agendaNumber'), cell: (r) => `${r.agenda_number}/${r.year}` },
          { header: t('archive.field.letterNumber'), cell: (r) => r.letter_number },
          { header: t('archive.field.subject'), cell: (r) => r.subject },
          {
            header: t('archive.deleted.at'),
            cell: (r) => (r.deleted_at ? formatDateTime(r.deleted_at) : ''),
          },
          { header: t('archive.deleted.by'), cell: (r) => r.deleted_by_name ?? '—' },
          { header: t('archive.field.reason'), cell: (r) => r.deleted_reason ?? '' },
        ]}
      />
    </Page>
  );
}

export function ClassificationListPage(props: {
  rows: ClassificationRow[];
  total: number;
  page: number;
  q: string;
  values?: Values;
  errors?: FieldErrors;
}): SafeHtml {
  const v = props.values ?? { active: '1' };
  const e = props.errors;
  return (
    <Page title={t('archive.classification.title')} wide>
      <p>{t('archive.classification.lead')}</p>
      <ErrorSummary errors={e} />
      <Form action={`${BASE}/klasifikasi`} method="get" class="filters">
        <TextField name="q" value={props.q} label={t('archive.classification.search')} type="search" />
        <Button variant="secondary">{t('archive.filter.submit')}</Button>
      </Form>
      <Table
        label={t('archive.classification.title')}
        rows={props.rows}
        columns={[
          {
            header: t('archive.classification.code'),
            cell: (r) => <a href={`${BASE}/klasifikasi/${r.code}`}>{r.code}</a>,
          },
          { header: t('archive.classification.name'), cell: (r) => r.name },
          { header: t('archive.classification.retentionActive'), cell: (r) => r.retention_active || '—' },
          { header: t('archive.classification.retentionInactive'), cell: (r) => r.retention_inactive || '—' },
          { header: t('archive.classification.finalDisposition'), cell: (r) => r.final_disposition || '—' },
          {
            header: t('archive.field.status'),
            cell: (r) =>
              r.active ? (
                <StatusTag tone="good">{t('archive.classification.activeTag')}</StatusTag>
              ) : (
                <StatusTag>{t('archive.classification.inactiveTag')}</StatusTag>
              ),
          },
        ]}
      />
      <Pagination
        list={{ ...props, pageSize: PAGE_SIZE }}
        baseUrl={`${BASE}/klasifikasi`}
        query={{ q: props.q }}
      />
      <h2>{t('archive.classification.add')}</h2>
      <CodeForm action={`${BASE}/klasifikasi`} values={v} errors={e} />
    </Page>
  );
}

function CodeForm(props: {
  action: string;
  values: Values;
  errors?: FieldErrors | undefined;
  fixedCode?: string;
}): SafeHtml {
  const v = props.values;
  const e = props.errors;
  return (
    <Form action={props.action}>
      {props.fixedCode ? (
        <input type="hidden" name="code" value={props.fixedCode} />
      ) : (
        <TextField
          {...fieldFor(v, e, 'code')}
          label={t('archive.classification.code')}
          width="medium"
          required
        />
      )}
      <TextField {...fieldFor(v, e, 'name')} label={t('archive.classification.name')} required />
      <TextField {...fieldFor(v, e, 'retentionActive')} label={t('archive.classification.retentionActive')} />
      <TextField
        {...fieldFor(v, e, 'retentionInactive')}
        label={t('archive.classification.retentionInactive')}
      />
      <TextField
        {...fieldFor(v, e, 'finalDisposition')}
        label={t('archive.classification.finalDisposition')}
      />
      <CheckboxField name="active" checked={v.active === '1'} label={t('archive.classification.active')} />
      <Button>{t('archive.save')}</Button>
    </Form>
  );
}

export function ClassificationEditPage(props: {
  code: string;
  values: Values;
  errors?: FieldErrors;
}): SafeHtml {
  return (
    <Page title={t('archive.classification.editTitle', { code: props.code })}>
      <ErrorSummary errors={props.errors} />
      <CodeForm
        action={`${BASE}/klasifikasi/${props.code}`}
        values={props.values}
        errors={props.errors}
        fixedCode={props.code}
      />
    </Page>
  );
}
