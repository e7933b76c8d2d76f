import type { StaffActor } from '../../../platform/auth/roles.ts';
import { currentLocale, formatDate, formatDateTime, formatNumber, t } from '../../../platform/i18n/index.ts';
import {
  BackLink,
  Button,
  ButtonLink,
  CheckboxField,
  ErrorSummary,
  type FieldErrors,
  Form,
  Pagination,
  Panel,
  SelectField,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import { textOf } from '../forms.ts';
import { menuRights } from '../policy.ts';
import type { RequestView } from '../requests.ts';
import { REQUEST_STATES, type RequestState } from '../schema.ts';
import type { CatalogEntry, QueueVillage, VillageSpeed } from '../service.ts';
import {
  ApplicantSummary,
  ageText,
  History,
  RequestForm,
  type RequestFormProps,
  RequestStateTag,
  StepList,
  serviceName,
} from './parts.tsx';
import { RequestSummary } from './resident.tsx';

export interface QueueRow {
  id: string;
  code: string;
  state: RequestState;
  village_code: string;
  submitted_at: Date | null;
  due_at: Date | null;
  filed_by: string | null;
  slug: string;
  definition: CatalogEntry['definition'];
  applicant_name: string;
  applicant_nik: string;
  mayAct: boolean;
  yourTurn: boolean;
}

export function StaffMenu(props: { actor: StaffActor }): SafeHtml {
  const { villageSettings: village, catalog: admin } = menuRights(props.actor);
  return (
    <p class="sub-nav">
      <a href="/kelola/layanan">{t('services.queue.title')}</a>
      {' · '}
      <a href="/kelola/layanan/kinerja">{t('services.speed.title')}</a>
      {village ? (
        <>
          {' · '}
          <a href="/kelola/layanan/ajukan">{t('services.assist.title')}</a>
          {' · '}
          <a href="/kelola/layanan/pin">{t('services.pin.issueTitle')}</a>
          {' · '}
          <a href="/kelola/layanan/desa">{t('services.village.title')}</a>
          {' · '}
          <a href="/kelola/surat">{t('letters.register.title')}</a>
        </>
      ) : (
        ''
      )}
      {admin ? (
        <>
          {' · '}
          <a href="/kelola/layanan/katalog">{t('services.admin.title')}</a>
        </>
      ) : (
        ''
      )}
    </p>
  );
}

/** The queue's URL with these filters (empty ones left out). */
function queueUrl(filter: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `/kelola/layanan?${text}` : '/kelola/layanan';
}

export function QueuePage(props: {
  actor: StaffActor;
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
  filter: Record<string, string | undefined>;
  services: CatalogEntry[];
  /** the villages the queue covers; a column and a filter when there are several */
  villages: QueueVillage[];
  now: Date;
}): SafeHtml {
  const locale = currentLocale();
  const villageNames = new Map(props.villages.map((v) => [v.code, v.name]));
  const severalVillages = props.villages.length > 1;
  return (
    <Page title={t('services.queue.title')} wide>
      <StaffMenu actor={props.actor} />
      <Form action="/kelola/layanan" method="get" class="filters">
        <SelectField
          name="status"
          label={t('services.queue.state')}
          value={props.filter.status ?? 'aktif'}
          options={[
            { value: 'aktif', label: t('services.queue.active') },
            ...REQUEST_STATES.filter((s) => s !== 'draf').map((s) => ({
              value: s,
              label: t(`services.state.${s}`),
            })),
          ]}
        />
        <SelectField
          name="layanan"
          label={t('services.queue.service')}
          value={props.filter.layanan}
          placeholder={t('services.queue.allServices')}
          options={props.services.map((s) => ({ value: s.slug, label: textOf(s.definition.name, locale) }))}
        />
        {severalVillages ? (
          <SelectField
            name="desa"
            label={t('services.queue.village')}
            value={props.filter.desa}
            placeholder={t('services.queue.allVillages')}
            options={props.villages.map((v) => ({ value: v.code, label: villageLabel(v, props.villages) }))}
          />
        ) : (
          ''
        )}
        <TextField name="q" type="search" label={t('services.queue.search')} value={props.filter.q} />
        <CheckboxField
          name="giliran"
          value="saya"
          label={t('services.queue.mineOnly')}
          checked={props.filter.giliran === 'saya'}
        />
        <Button variant="secondary">{t('services.queue.filter')}</Button>
      </Form>
      {props.filter.giliran === 'saya' ? (
        <p class="active-filter" id="filter-mine">
          {t('services.queue.mineActive')}{' '}
          <a href={queueUrl({ ...props.filter, giliran: undefined })}>{t('services.queue.mineRemove')}</a>
        </p>
      ) : (
        ''
      )}
      <p>{t('services.queue.count', { n: props.total })}</p>
      <Table
        rows={props.rows}
        empty={t('services.queue.empty')}
        columns={[
          {
            header: t('services.queue.code'),
            cell: (r) => <a href={`/kelola/layanan/permohonan/${r.id}`}>{r.code}</a>,
          },
          { header: t('services.queue.service'), cell: (r) => serviceName(r.definition) },
          ...(severalVillages
            ? [
                {
                  header: t('services.queue.village'),
                  cell: (r: QueueRow) => villageNames.get(r.village_code) ?? r.village_code,
                },
              ]
            : []),
          {
            header: t('services.queue.applicant'),
            cell: (r) => (
              <>
                {r.applicant_name}
                <br />
                <small>{r.applicant_nik}</small>
                {r.filed_by ? (
                  <>
                    <br />
                    <small>{t('services.queue.assisted')}</small>
                  </>
                ) : (
                  ''
                )}
              </>
            ),
          },
          { header: t('services.queue.state'), cell: (r) => <RequestStateTag state={r.state} /> },
          { header: t('services.queue.age'), cell: (r) => ageText(r.submitted_at, props.now) },
          {
            header: t('services.request.due'),
            cell: (r) =>
              r.due_at ? (
                <span
                  class={
                    r.due_at < props.now && ['diperiksa', 'menunggu_tanda_tangan'].includes(r.state)
                      ? 'overdue'
                      : undefined
                  }
                >
                  {formatDate(r.due_at)}
                  {r.due_at < props.now && ['diperiksa', 'menunggu_tanda_tangan'].includes(r.state)
                    ? ` (${t('services.queue.overdue')})`
                    : ''}
                </span>
              ) : (
                '-'
              ),
          },
          { header: t('services.queue.yourTurn'), cell: (r) => (r.yourTurn ? t('services.queue.yes') : '') },
        ]}
      />
      <Pagination list={props} baseUrl="/kelola/layanan" query={props.filter} />
    </Page>
  );
}

/** A village's name, with its kecamatan where the list spans several kecamatan. */
function villageLabel(village: QueueVillage, all: QueueVillage[]): string {
  const oneKecamatan = all.every((v) => v.kecamatanName === all[0]?.kecamatanName);
  return oneKecamatan ? village.name : `${village.name} (${village.kecamatanName})`;
}

export function ServiceSpeedPage(props: {
  actor: StaffActor;
  regionName: string;
  year: number;
  villages: VillageSpeed[];
}): SafeHtml {
  const total = props.villages.reduce(
    (sum, v) => ({
      finished: sum.finished + v.finished,
      overdue: sum.overdue + v.overdue,
      open: sum.open + v.open,
    }),
    { finished: 0, overdue: 0, open: 0 },
  );
  return (
    <Page title={t('services.speed.title')} wide>
      <StaffMenu actor={props.actor} />
      <p class="lead">{t('services.speed.lead', { region: props.regionName, year: props.year })}</p>
      <Form action="/kelola/layanan/kinerja" method="get" class="filters">
        <TextField
          name="tahun"
          label={t('services.speed.year')}
          inputmode="numeric"
          value={String(props.year)}
          width="short"
        />
        <Button variant="secondary">{t('services.queue.filter')}</Button>
      </Form>
      <p class="hint">{t('services.speed.medianHint')}</p>
      <Table
        caption={t('services.speed.openQueue')}
        rows={props.villages}
        empty={t('services.speed.none')}
        columns={[
          {
            header: t('services.queue.village'),
            cell: (v) => (
              <a href={`/kelola/layanan?desa=${v.code}&status=aktif`}>{villageLabel(v, props.villages)}</a>
            ),
          },
          { header: t('services.speed.finished'), cell: (v) => String(v.finished), numeric: true },
          {
            header: t('services.speed.median'),
            cell: (v) => (v.medianDays === null ? '—' : formatNumber(v.medianDays)),
            numeric: true,
          },
          {
            header: t('services.speed.overdue'),
            cell: (v) => (v.overdue > 0 ? <strong class="overdue">{String(v.overdue)}</strong> : '0'),
            numeric: true,
          },
          { header: t('services.speed.open'), cell: (v) => String(v.open), numeric: true },
        ]}
      />
      {props.villages.length > 1 ? (
        <p>
          {t('services.speed.total')}: {t('services.speed.finished')} {String(total.finished)} ·{' '}
          {t('services.speed.overdue')} {String(total.overdue)} · {t('services.speed.open')}{' '}
          {String(total.open)}
        </p>
      ) : (
        ''
      )}
    </Page>
  );
}

/** The exact letter signing would issue, shown before the signature: inline, and as a link for phones. */
function LetterPreview(props: { id: string; number: string }): SafeHtml {
  const href = `/kelola/layanan/permohonan/${props.id}/pratinjau.pdf`;
  return (
    <div class="letter-preview">
      <h3>{t('letters.preview.title')}</h3>
      <p>{t('letters.preview.lead', { number: props.number })}</p>
      <iframe
        class="letter-preview-frame"
        src={href}
        title={t('letters.preview.frame', { number: props.number })}
      />
      <p>
        <ButtonLink href={href}>{t('letters.preview.download')}</ButtonLink>
        <br />
        <small class="hint">{t('letters.preview.phoneHint')}</small>
      </p>
      <p class="hint">{t('letters.preview.numberMayMove')}</p>
    </div>
  );
}

function ActionForms(props: { view: RequestView; errors?: FieldErrors }): SafeHtml {
  const { view } = props;
  const locale = currentLocale();
  const errors = props.errors ?? {};
  return (
    <>
      {view.can.act ? (
        <Panel title={t('services.staff.approveTitle')}>
          <Form action={`/kelola/layanan/permohonan/${view.id}/setujui`}>
            <TextArea name="approvalNote" label={t('services.staff.note')} rows={2} />
            <Button>{t('services.staff.approve')}</Button>
          </Form>
        </Panel>
      ) : (
        ''
      )}
      {view.can.sign ? (
        <Panel title={t('services.staff.signTitle')}>
          {view.upcomingNumber ? <LetterPreview id={view.id} number={view.upcomingNumber} /> : ''}
          <p>{t('services.staff.signLead')}</p>
          <Form action={`/kelola/layanan/permohonan/${view.id}/tandatangani`}>
            <CheckboxField name="confirm" label={t('services.staff.signConfirm')} error={errors.confirm} />
            <Button>{t('services.staff.sign')}</Button>
          </Form>
        </Panel>
      ) : (
        ''
      )}
      {view.can.act || view.can.sign ? (
        <>
          <Panel title={t('services.staff.returnTitle')}>
            <p class="hint">{t('services.staff.returnLead')}</p>
            <Form action={`/kelola/layanan/permohonan/${view.id}/kembalikan`}>
              {view.definition.fields.map((f) => (
                <TextField
                  name={`remark_${f.name}`}
                  label={t('services.staff.remarkOn', { field: textOf(f.label, locale) })}
                />
              ))}
              {view.definition.attachments.map((a) => (
                <TextField
                  name={`remark_lampiran_${a.name}`}
                  label={t('services.staff.remarkOn', { field: textOf(a.label, locale) })}
                />
              ))}
              <TextArea name="note" label={t('services.staff.returnNote')} error={errors.note} rows={3} />
              <Button variant="secondary">{t('services.staff.return')}</Button>
            </Form>
          </Panel>
          <Panel title={t('services.staff.rejectTitle')}>
            <Form action={`/kelola/layanan/permohonan/${view.id}/tolak`}>
              <TextArea name="reason" label={t('services.staff.reason')} error={errors.reason} rows={2} />
              <Button variant="warning">{t('services.staff.reject')}</Button>
            </Form>
          </Panel>
        </>
      ) : (
        ''
      )}
      {view.can.collect ? (
        <Form action={`/kelola/layanan/permohonan/${view.id}/diambil`}>
          <Button variant="secondary">{t('services.staff.collected')}</Button>
        </Form>
      ) : (
        ''
      )}
    </>
  );
}

export function StaffRequestPage(props: {
  view: RequestView;
  errors?: FieldErrors;
  message?: string;
}): SafeHtml {
  const { view } = props;
  const a = view.applicant;
  return (
    <Layout title={`${serviceName(view.definition)} ${view.code}`} wide>
      <BackLink href="/kelola/layanan">{t('services.queue.title')}</BackLink>
      <h1>
        {serviceName(view.definition)} <small>{view.code}</small>
      </h1>
      <ErrorSummary errors={props.errors} />
      {props.message ? <p class="error-message">{props.message}</p> : ''}
      <SummaryList
        rows={[
          [t('services.queue.state'), <RequestStateTag state={view.state} />],
          [t('services.request.submitted'), view.submittedAt ? formatDateTime(view.submittedAt) : '-'],
          [t('services.request.due'), view.dueAt ? formatDate(view.dueAt) : '-'],
          [t('services.request.version'), String(view.version)],
          [
            t('services.request.filedBy'),
            view.filedByOperator ? t('services.queue.assisted') : t('services.request.byResident'),
          ],
          [
            t('services.form.contactPhone'),
            view.contactPhone ? `${view.contactPhone} (${view.contactChannel})` : '-',
          ],
        ]}
      />
      <StepList definition={view.definition} current={view.stepIndex} state={view.state} />
      {view.letter ? (
        <Panel title={t('services.request.letterReady')}>
          <p>{t('services.request.letterNumber', { number: view.letter.number })}</p>
          <ButtonLink href={`/kelola/layanan/permohonan/${view.id}/surat.pdf`}>
            {t('services.request.download')}
          </ButtonLink>{' '}
          <a href={`/verifikasi/${view.letter.verificationCode}`}>{t('letters.verify.title')}</a>
        </Panel>
      ) : (
        ''
      )}
      <h2>{t('services.staff.applicant')}</h2>
      <ApplicantSummary applicant={a} withOccupation />
      {view.registryDifferences.length > 0 ? (
        <div class="remark-summary" role="alert">
          <h2>{t('services.staff.registryDiffers')}</h2>
          <ul>
            {view.registryDifferences.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="hint">{t('services.staff.registryMatches')}</p>
      )}
      <RequestSummary view={view} />
      <ul>
        {view.attachments.map((att) => (
          <li>
            <a href={`/kelola/layanan/permohonan/${view.id}/lampiran/${att.id}`}>
              {t('services.staff.openAttachment', { name: att.fileName })}
            </a>
          </li>
        ))}
      </ul>
      <ActionForms view={view} errors={props.errors} />
      <h2>{t('services.request.history')}</h2>
      <History events={view.events} showNames />
    </Layout>
  );
}

export function AssistStartPage(props: {
  actor: StaffActor;
  services: CatalogEntry[];
  values?: Record<string, string>;
  errors?: FieldErrors;
}): SafeHtml {
  const locale = currentLocale();
  return (
    <Page title={t('services.assist.title')}>
      <StaffMenu actor={props.actor} />
      <p class="lead">{t('services.assist.lead')}</p>
      <ErrorSummary
        errors={props.errors}
        labels={{ nik: t('services.assist.nik'), layanan: t('services.queue.service') }}
      />
      <Form action="/kelola/layanan/ajukan" method="get">
        <TextField
          name="nik"
          label={t('services.assist.nik')}
          inputmode="numeric"
          maxlength={16}
          value={props.values?.nik}
          error={props.errors?.nik}
          required
        />
        <SelectField
          name="layanan"
          label={t('services.queue.service')}
          value={props.values?.layanan}
          error={props.errors?.layanan}
          placeholder={t('services.form.choose')}
          options={props.services.map((s) => ({ value: s.slug, label: textOf(s.definition.name, locale) }))}
          required
        />
        <Button>{t('services.assist.next')}</Button>
      </Form>
    </Page>
  );
}

export function AssistFormPage(props: RequestFormProps & { applicantName: string }): SafeHtml {
  return (
    <Page
      title={t('services.assist.title')}
      heading={t('services.form.title', { service: serviceName(props.definition) })}
      back={{ href: '/kelola/layanan/ajukan', label: t('services.assist.title') }}
    >
      <p class="lead">{t('services.assist.forResident', { name: props.applicantName })}</p>
      <RequestForm {...props} />
    </Page>
  );
}

export function IssuePinPage(props: {
  actor: StaffActor;
  errors?: FieldErrors;
  issued?: { pin: string; name: string };
  nik?: string;
}): SafeHtml {
  return (
    <Page title={t('services.pin.issueTitle')}>
      <StaffMenu actor={props.actor} />
      <p class="lead">{t('services.pin.issueLead')}</p>
      {props.issued ? (
        <Panel title={t('services.pin.issued', { name: props.issued.name })}>
          <p class="big-code">{props.issued.pin}</p>
          <p>{t('services.pin.issuedHint')}</p>
        </Panel>
      ) : (
        ''
      )}
      <ErrorSummary errors={props.errors} labels={{ nik: 'NIK' }} />
      <Form action="/kelola/layanan/pin">
        <TextField
          name="nik"
          label="NIK"
          inputmode="numeric"
          maxlength={16}
          value={props.nik}
          error={props.errors?.nik}
          required
        />
        <Button>{t('services.pin.issue')}</Button>
      </Form>
    </Page>
  );
}

/** The services part of the village settings page, which the letters module serves (index.ts adds it). */
export function VillageServicesSection(props: { services: CatalogEntry[] }): SafeHtml {
  const locale = currentLocale();
  return (
    <>
      <h2>{t('services.village.services')}</h2>
      <Form action="/kelola/layanan/desa/layanan">
        {props.services
          .filter((s) => s.definition.owner.type === 'village')
          .map((s) => (
            <CheckboxField
              name="aktif"
              value={s.slug}
              label={textOf(s.definition.name, locale)}
              checked={s.enabledInVillage}
            />
          ))}
        <Button>{t('services.village.saveServices')}</Button>
      </Form>
    </>
  );
}

export function CatalogAdminPage(props: { actor: StaffActor; services: CatalogEntry[] }): SafeHtml {
  const locale = currentLocale();
  return (
    <Page title={t('services.admin.title')} wide>
      <StaffMenu actor={props.actor} />
      <p>
        <ButtonLink href="/kelola/layanan/katalog/baru" variant="primary">
          {t('services.admin.new')}
        </ButtonLink>
      </p>
      <Table
        rows={props.services}
        columns={[
          {
            header: t('services.queue.service'),
            cell: (s) => (
              <a href={`/kelola/layanan/katalog/${s.slug}`}>{textOf(s.definition.name, locale)}</a>
            ),
          },
          {
            header: t('services.admin.owner'),
            cell: (s) =>
              s.definition.owner.type === 'agency' ? s.definition.owner.code : t('services.admin.village'),
          },
          {
            header: t('services.service.letterCode'),
            cell: (s) => `${s.definition.letterCode} · ${s.definition.classificationCode}`,
          },
          {
            header: t('services.service.sla'),
            cell: (s) => t('services.catalog.sla', { days: s.definition.slaDays }),
            numeric: true,
          },
          { header: t('services.service.version'), cell: (s) => String(s.version), numeric: true },
          {
            header: t('services.admin.active'),
            cell: (s) => (s.active ? t('services.queue.yes') : t('services.admin.inactive')),
          },
        ]}
      />
    </Page>
  );
}

/** A problem of the definition is labelled with its place in the JSON (none for the whole text). */
function definitionPaths(errors: FieldErrors = {}): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((path) => [path, path === 'definition' ? '' : path]));
}

export function ServiceEditPage(props: {
  slug: string | null;
  json: string;
  version: number | null;
  active: boolean;
  errors?: FieldErrors;
  message?: string;
}): SafeHtml {
  const action = props.slug ? `/kelola/layanan/katalog/${props.slug}` : '/kelola/layanan/katalog/baru';
  return (
    <Page
      title={props.slug ?? t('services.admin.new')}
      back={{ href: '/kelola/layanan/katalog', label: t('services.admin.title') }}
      wide
    >
      {props.version ? <p>{t('services.admin.versionNote', { version: props.version })}</p> : ''}
      {props.message ? <p class="error-message">{props.message}</p> : ''}
      <ErrorSummary errors={props.errors} labels={definitionPaths(props.errors)} linkTo="definition" />
      <Form action={action}>
        <TextArea
          name="definition"
          label={t('services.admin.definition')}
          hint={t('services.admin.definitionHint')}
          value={props.json}
          rows={30}
          error={props.errors?.definition}
        />
        <Button>{t('services.admin.save')}</Button>
      </Form>
      {props.slug ? (
        <Form action={`/kelola/layanan/katalog/${props.slug}/status`}>
          <input type="hidden" name="active" value={props.active ? '0' : '1'} />
          <Button variant={props.active ? 'warning' : 'secondary'}>
            {props.active ? t('services.admin.deactivate') : t('services.admin.activate')}
          </Button>
        </Form>
      ) : (
        ''
      )}
    </Page>
  );
}
