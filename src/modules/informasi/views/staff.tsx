import { formatDate, formatDateTime, t } from '../../../platform/i18n/index.ts';
import {
  Button,
  ButtonLink,
  CheckboxField,
  ErrorSummary,
  FileField,
  Form,
  fieldFor,
  SelectField,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import type { Body } from '../bodies.ts';
import {
  CATEGORIES,
  EXTENSION_WORKING_DAYS,
  type listOpenObjections,
  type listStaffRequests,
  type PublicEntry,
  REFUSAL_GROUNDS,
  type StaffRequestView,
  type YearlyReport,
} from '../service.ts';
import { CategoryTag, ChoiceField, RequestStateTag } from './parts.tsx';
import { DeadlineRows, History, ObjectionSummary, ReportFigures } from './public.tsx';

type Values = Record<string, string | undefined>;
type RequestRows = Awaited<ReturnType<typeof listStaffRequests>>;
type ObjectionRows = Awaited<ReturnType<typeof listOpenObjections>>;

const BASE = '/kelola/informasi';

function withBody(path: string, body: Body | null, chooses: boolean): string {
  return chooses && body
    ? `${path}${path.includes('?') ? '&' : '?'}badan=${encodeURIComponent(body.code)}`
    : path;
}

export function StaffHome(props: {
  body: Body | null;
  bodies: Array<{ code: string; name: string }> | null;
  requests: RequestRows;
  objections: ObjectionRows;
  entries: Array<Omit<PublicEntry, 'body'>> | null;
  mayEdit: boolean;
  status?: string;
  year: number;
}): SafeHtml {
  const chooses = props.bodies !== null;
  return (
    <Page title={t('informasi.staff.title')} wide>
      {props.bodies ? (
        <Form action={BASE} method="get" class="filters">
          <SelectField
            name="badan"
            label={t('informasi.staff.chooseBody')}
            options={props.bodies.map((b) => ({ value: b.code, label: b.name }))}
            placeholder={t('informasi.search.allBodies')}
            value={props.body?.code}
          />
          <Button variant="secondary">{t('informasi.staff.show')}</Button>
        </Form>
      ) : (
        ''
      )}
      {props.body ? <p>{t('informasi.staff.bodyIs', { name: props.body.name })}</p> : ''}
      <h2 id="permohonan">{t('informasi.staff.requests')}</h2>
      <p>
        <a href={BASE}>{t('informasi.staff.filterAll')}</a> ·{' '}
        <a href={`${BASE}?status=terbuka`}>{t('informasi.staff.filterOpen')}</a> ·{' '}
        <a href={`${BASE}?status=terlambat`}>{t('informasi.staff.filterOverdue')}</a>
      </p>
      <Table
        caption={t('informasi.staff.requests')}
        rows={props.requests}
        empty={t('informasi.staff.noRequests')}
        columns={[
          {
            header: t('informasi.staff.number'),
            cell: (r) => <a href={`${BASE}/permohonan/${r.id}`}>{r.number}</a>,
          },
          { header: t('informasi.track.received'), cell: (r) => formatDate(r.received_at) },
          { header: t('informasi.staff.due'), cell: (r) => formatDate(r.effectiveDue) },
          {
            header: t('informasi.track.state'),
            cell: (r) => <RequestStateTag state={r.state} overdue={r.overdue} />,
          },
        ]}
      />
      <h2 id="keberatan">{t('informasi.staff.objections')}</h2>
      <Table
        caption={t('informasi.staff.objections')}
        rows={props.objections}
        empty={t('informasi.staff.noObjections')}
        columns={[
          {
            header: t('informasi.staff.number'),
            cell: (o) => <a href={`${BASE}/permohonan/${o.id}`}>{o.number}</a>,
          },
          {
            header: t('informasi.objection.due'),
            cell: (o) => (
              <span>
                {formatDate(o.due_at)}
                {o.overdue ? <strong class="tag tag-bad"> {t('informasi.overdue')}</strong> : ''}
              </span>
            ),
          },
        ]}
      />
      {props.body && props.entries ? (
        <>
          <h2 id="dip">{t('informasi.staff.dip')}</h2>
          {props.mayEdit ? (
            <p>
              <ButtonLink href={withBody(`${BASE}/dip/baru`, props.body, chooses)} variant="primary">
                {t('informasi.staff.newEntry')}
              </ButtonLink>
            </p>
          ) : (
            ''
          )}
          <Table
            caption={t('informasi.staff.dip')}
            rows={props.entries}
            empty={t('informasi.body.emptyCategory')}
            columns={[
              {
                header: t('informasi.entry.title'),
                cell: (e) => (props.mayEdit ? <a href={`${BASE}/dip/${e.id}`}>{e.title}</a> : e.title),
              },
              { header: t('informasi.entry.category'), cell: (e) => <CategoryTag category={e.category} /> },
              { header: t('informasi.entry.period'), cell: (e) => e.period },
              { header: t('informasi.entry.updated'), cell: (e) => formatDate(e.updatedAt) },
            ]}
          />
          <p>
            <a href={withBody(`${BASE}/laporan/${props.year}`, props.body, chooses)}>
              {t('informasi.report.link', { year: props.year })}
            </a>{' '}
            · <a href={`/informasi-publik/${props.body.code}`}>{t('informasi.staff.publicPage')}</a>
          </p>
        </>
      ) : (
        ''
      )}
    </Page>
  );
}

export function EntryFormPage(props: {
  body: Body;
  action: string;
  values: Values;
  errors?: Record<string, string>;
  existing?: { id: string; fileName: string | null };
}): SafeHtml {
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <Page
      title={props.existing ? t('informasi.staff.editEntry') : t('informasi.staff.newEntry')}
      back={{ href: `${BASE}#dip`, label: t('informasi.staff.title') }}
    >
      <p>{props.body.name}</p>
      <ErrorSummary errors={e} />
      <Form action={props.action} multipart>
        <ChoiceField
          {...fieldFor(v, e, 'category')}
          label={t('informasi.entry.category')}
          keys={CATEGORIES}
          prefix="informasi.category"
          required
        />
        <TextField {...fieldFor(v, e, 'title')} label={t('informasi.entry.title')} required maxlength={300} />
        <TextArea {...fieldFor(v, e, 'summary')} label={t('informasi.entry.summary')} />
        <TextField {...fieldFor(v, e, 'official')} label={t('informasi.entry.official')} required />
        <TextField
          {...fieldFor(v, e, 'period')}
          label={t('informasi.entry.period')}
          required
          width="medium"
        />
        <ChoiceField
          {...fieldFor(v, e, 'format')}
          label={t('informasi.entry.format')}
          keys={['softcopy', 'hardcopy', 'keduanya']}
          prefix="informasi.format"
          required
        />
        <TextField {...fieldFor(v, e, 'retention')} label={t('informasi.entry.retention')} required />
        <fieldset>
          <legend>{t('informasi.staff.documentOrLink')}</legend>
          <p class="hint">{t('informasi.staff.documentHint')}</p>
          <FileField
            name="document"
            label={t('informasi.entry.document')}
            error={e.document}
            accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.odt,.ods,.pptx"
          />
          {props.existing?.fileName ? (
            <CheckboxField
              name="removeDocument"
              label={t('informasi.staff.removeDocument', { name: props.existing.fileName })}
              checked={v.removeDocument === '1'}
            />
          ) : (
            ''
          )}
          <TextField {...fieldFor(v, e, 'link')} label={t('informasi.entry.link')} type="url" />
        </fieldset>
        <fieldset>
          <legend>{t('informasi.entry.consequenceTest')}</legend>
          <p class="hint">{t('informasi.staff.consequenceHint')}</p>
          <TextField {...fieldFor(v, e, 'legalBasis')} label={t('informasi.entry.legalBasis')} />
          <TextArea {...fieldFor(v, e, 'consequence')} label={t('informasi.entry.consequence')} />
          <TextArea {...fieldFor(v, e, 'publicInterest')} label={t('informasi.entry.publicInterest')} />
        </fieldset>
        <Button>{t('informasi.staff.save')}</Button>
      </Form>
      {props.existing ? (
        <Form action={`${BASE}/dip/${props.existing.id}/hapus`}>
          <Button variant="warning">{t('informasi.staff.deleteEntry')}</Button>
        </Form>
      ) : (
        ''
      )}
    </Page>
  );
}

export function StaffRequestPage(props: {
  request: StaffRequestView;
  errors?: Record<string, string>;
  values?: Values;
}): SafeHtml {
  const r = props.request;
  const e = props.errors ?? {};
  const v = props.values ?? {};
  const base = `${BASE}/permohonan/${r.id}`;
  return (
    <Page
      title={t('informasi.track.title', { number: r.number })}
      back={{ href: `${BASE}#permohonan`, label: t('informasi.staff.title') }}
      wide
    >
      {r.overdue ? (
        <p class="warning">
          <strong>{t('informasi.overdue')}</strong>: {t('informasi.staff.overdueNote')}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary errors={e} />
      <h2>{t('informasi.request.identity')}</h2>
      <SummaryList
        rows={[
          [t('informasi.request.name'), r.requester.name],
          [t(`informasi.idKind.${r.requester.idKind}`), r.requester.idNumber ?? '—'],
          [t('informasi.request.address'), r.requester.address ?? '—'],
          [t('informasi.request.phone'), r.requester.phone || '—'],
          [t('informasi.request.email'), r.requester.email ?? '—'],
        ]}
      />
      <h2>{t('informasi.request.what')}</h2>
      <SummaryList
        rows={[
          [t('informasi.entry.body'), r.body.name],
          [t('informasi.request.information'), r.information],
          [t('informasi.request.purpose'), r.purpose],
          [t('informasi.request.delivery'), t(`informasi.delivery.${r.delivery}`)],
          [t('informasi.request.copyMethod'), t(`informasi.copyMethod.${r.copyMethod}`)],
          ...DeadlineRows(r),
          ...(r.answerNote ? ([[t('informasi.track.answer'), r.answerNote]] as Array<[string, string]>) : []),
        ]}
      />
      {r.mayAct ? (
        <>
          <section class="panel">
            <h2>{t('informasi.staff.answer')}</h2>
            <Form action={`${base}/jawab`} multipart>
              <ChoiceField
                {...fieldFor(v, e, 'decision')}
                label={t('informasi.staff.decision')}
                keys={['diterima_seluruhnya', 'diterima_sebagian']}
                prefix="informasi.state"
                required
              />
              <TextArea
                {...fieldFor(v, e, 'note')}
                label={t('informasi.staff.answerNote')}
                hint={t('informasi.staff.answerNoteHint')}
              />
              <FileField
                name="document"
                label={t('informasi.staff.answerDocument')}
                error={e.document}
                accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.odt,.ods"
              />
              <Button>{t('informasi.staff.sendAnswer')}</Button>
            </Form>
          </section>
          <section class="panel">
            <h2>{t('informasi.staff.refuse')}</h2>
            <Form action={`${base}/tolak`}>
              <ChoiceField
                {...fieldFor(v, e, 'ground')}
                label={t('informasi.track.ground')}
                keys={REFUSAL_GROUNDS}
                prefix="informasi.ground"
                required
              />
              <TextArea
                {...fieldFor(v, e, 'refusalNote')}
                label={t('informasi.staff.refusalNote')}
                required
              />
              <Button variant="warning">{t('informasi.staff.refuseSubmit')}</Button>
            </Form>
          </section>
          {r.mayExtend ? (
            <section class="panel">
              <h2>{t('informasi.staff.extend')}</h2>
              <Form action={`${base}/perpanjang`}>
                <TextField
                  name="days"
                  label={t('informasi.staff.extendDays', { max: EXTENSION_WORKING_DAYS })}
                  type="number"
                  inputmode="numeric"
                  value={v.days ?? String(EXTENSION_WORKING_DAYS)}
                  error={e.days}
                  width="short"
                />
                <TextArea
                  {...fieldFor(v, e, 'reason')}
                  label={t('informasi.track.extensionReason')}
                  required
                />
                <Button variant="secondary">{t('informasi.staff.extendSubmit')}</Button>
              </Form>
            </section>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
      {r.objection ? (
        <section class="panel" id="keberatan">
          <h2>{t('informasi.objection.title')}</h2>
          <ObjectionSummary objection={r.objection} />
          {r.objection.note ? <p>{r.objection.note}</p> : ''}
          {r.mayDecideObjection && r.objection.state === 'diproses' ? (
            <Form action={`${base}/keberatan`}>
              <ChoiceField
                {...fieldFor(v, e, 'objectionDecision')}
                label={t('informasi.objection.decision')}
                keys={['dikabulkan', 'ditolak']}
                prefix="informasi.objection.state"
                required
              />
              <TextArea
                {...fieldFor(v, e, 'objectionNote')}
                label={t('informasi.objection.decisionNote')}
                required
              />
              <Button>{t('informasi.objection.decide')}</Button>
            </Form>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
      <History events={r.events} />
    </Page>
  );
}

export function StaffReportPage(props: { report: YearlyReport; chooses: boolean }): SafeHtml {
  const { body, year, requests } = props.report;
  return (
    <Page
      title={t('informasi.report.title', { name: body.name, year })}
      back={{ href: withBody(BASE, body, props.chooses), label: t('informasi.staff.title') }}
      wide
    >
      <ReportFigures report={props.report} />
      <p>
        <a href={`/informasi-publik/${body.code}/laporan/${year}/csv`} download>
          {t('informasi.report.csv')}
        </a>
      </p>
      <Table
        caption={t('informasi.staff.requests')}
        rows={requests ?? []}
        empty={t('informasi.staff.noRequests')}
        columns={[
          {
            header: t('informasi.staff.number'),
            cell: (r) => <a href={`${BASE}/permohonan/${r.id}`}>{r.number}</a>,
          },
          { header: t('informasi.track.received'), cell: (r) => formatDateTime(r.receivedAt) },
          {
            header: t('informasi.track.state'),
            cell: (r) => <RequestStateTag state={r.state} overdue={false} />,
          },
          {
            header: t('informasi.report.workingDays'),
            cell: (r) => (r.workingDays === null ? '—' : String(r.workingDays)),
            numeric: true,
          },
          {
            header: t('informasi.report.lateColumn'),
            cell: (r) => (r.late ? t('informasi.report.yes') : t('informasi.report.no')),
          },
        ]}
      />
    </Page>
  );
}
