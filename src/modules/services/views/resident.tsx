import { mask } from '../../../platform/auth/roles.ts';
import { currentLocale, formatDate, formatDateTime, t } from '../../../platform/i18n/index.ts';
import {
  BackLink,
  Button,
  ButtonLink,
  EmptyState,
  ErrorSummary,
  type FieldErrors,
  Form,
  Panel,
  SelectField,
  SummaryList,
  Table,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import { type CorrectionSummary, MyCorrectionsSection } from '../../residents/index.ts';
import { CATALOG_GROUPS, groupOf, matchesSearch } from '../catalog-groups.ts';
import type { ServiceDefinition } from '../definition.ts';
import { type FamilyMember, textOf } from '../forms.ts';
import type { RequestView } from '../requests.ts';
import type { ApplicantSnapshot, RequestState } from '../schema.ts';
import type { CatalogEntry } from '../service.ts';
import {
  ApplicantSummary,
  filedRequestForm,
  History,
  RequestForm,
  type RequestFormProps,
  RequestStateTag,
  StepList,
  serviceName,
} from './parts.tsx';

function ServiceList(props: { entries: CatalogEntry[] }): SafeHtml {
  const locale = currentLocale();
  return (
    <ul class="service-list">
      {props.entries.map((e) => (
        <li>
          <a href={`/layanan/${e.slug}`}>{textOf(e.definition.name, locale)}</a>
          <span class="muted">
            {' '}
            · {t('services.catalog.sla', { days: e.definition.slaDays })}
            {e.definition.selfService ? '' : ` · ${t('services.catalog.atOffice')}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Village letters by kind, each kind a heading with a short list of links. */
function GroupedServices(props: { entries: CatalogEntry[]; heading: 'h2' | 'h3' }): SafeHtml {
  return (
    <>
      {CATALOG_GROUPS.filter((g) => g !== 'opd').map((group) => {
        const inGroup = props.entries.filter((e) => groupOf(e.definition) === group);
        if (inGroup.length === 0) return '';
        const title = t(`services.catalog.group.${group}`);
        return (
          <>
            {props.heading === 'h2' ? <h2>{title}</h2> : <h3>{title}</h3>}
            <ServiceList entries={inGroup} />
          </>
        );
      })}
    </>
  );
}

function CatalogSearch(props: { query: string; group: string; villageCode: string | null }): SafeHtml {
  return (
    <Form action="/layanan" method="get" class="catalog-search">
      {props.villageCode ? <input type="hidden" name="desa" value={props.villageCode} /> : ''}
      <TextField
        name="q"
        type="search"
        label={t('services.catalog.search')}
        hint={t('services.catalog.searchHint')}
        value={props.query}
      />
      <SelectField
        name="kelompok"
        label={t('services.catalog.group')}
        value={props.group}
        placeholder={t('services.catalog.allGroups')}
        options={CATALOG_GROUPS.map((g) => ({ value: g, label: t(`services.catalog.group.${g}`) }))}
      />
      <Button>{t('services.catalog.searchButton')}</Button>
    </Form>
  );
}

export function CatalogPage(props: {
  entries: CatalogEntry[];
  villageName: string | null;
  villageCode?: string | null;
  loggedIn: boolean;
  query?: string;
  group?: string;
}): SafeHtml {
  const query = props.query ?? '';
  const group = (CATALOG_GROUPS as readonly string[]).includes(props.group ?? '') ? (props.group ?? '') : '';
  const filtering = query !== '' || group !== '';
  const shown = props.entries.filter(
    (e) => matchesSearch(e.definition, query) && (group === '' || groupOf(e.definition) === group),
  );
  // a village's page leads here: what it has not opened is listed apart, not mixed in
  const open = props.villageName ? shown.filter((e) => e.enabledInVillage) : shown;
  const closed = props.villageName ? shown.filter((e) => !e.enabledInVillage) : [];
  const village = open.filter((e) => e.definition.owner.type === 'village');
  const agency = open.filter((e) => e.definition.owner.type === 'agency');
  const title = props.villageName
    ? t('services.catalog.villageTitle', { village: props.villageName.replace(/^Desa /, '') })
    : t('services.catalog.title');
  return (
    <Page title={title}>
      <p class="lead">{t('services.catalog.lead')}</p>
      {props.loggedIn ? (
        <p>
          <ButtonLink href="/akun">{t('services.account.title')}</ButtonLink>
        </p>
      ) : (
        <Panel title={t('services.catalog.howTitle')}>
          <p>{t('services.catalog.how')}</p>
          <ButtonLink href="/masuk/warga" variant="primary">
            {t('services.login.title')}
          </ButtonLink>
        </Panel>
      )}
      <CatalogSearch query={query} group={group} villageCode={props.villageCode ?? null} />
      {filtering ? (
        <p role="status">
          {shown.length === 0
            ? t('services.catalog.noMatch')
            : t('services.catalog.found', { count: shown.length })}{' '}
          <a href={props.villageCode ? `/layanan?desa=${props.villageCode}` : '/layanan'}>
            {t('services.catalog.reset')}
          </a>
        </p>
      ) : (
        ''
      )}
      {village.length > 0 ? (
        <>
          <h2>{t('services.catalog.villageLetters')}</h2>
          <GroupedServices entries={village} heading="h3" />
        </>
      ) : (
        ''
      )}
      {agency.length > 0 ? (
        <>
          <h2>{t('services.catalog.agencyServices')}</h2>
          <ServiceList entries={agency} />
        </>
      ) : (
        ''
      )}
      {closed.length > 0 ? (
        <details>
          <summary>
            {t('services.catalog.closedList')} ({closed.length})
          </summary>
          <ServiceList entries={closed} />
        </details>
      ) : (
        ''
      )}
    </Page>
  );
}

export function ServicePage(props: { definition: ServiceDefinition; version: number }): SafeHtml {
  const locale = currentLocale();
  const d = props.definition;
  return (
    <Page title={serviceName(d)} back={{ href: '/layanan', label: t('services.catalog.title') }}>
      <p class="lead">{textOf(d.description, locale)}</p>
      <SummaryList
        rows={[
          [t('services.service.sla'), t('services.catalog.sla', { days: d.slaDays })],
          [
            t('services.service.who'),
            d.selfService ? t('services.service.selfService') : t('services.catalog.atOffice'),
          ],
        ]}
      />
      <p>
        <small class="hint">
          {t('services.service.officialCode', {
            letterCode: d.letterCode,
            classification: d.classificationCode,
            version: props.version,
          })}
        </small>
      </p>
      <h2>{t('services.service.fields')}</h2>
      <ul>
        {d.fields.map((f) => (
          <li>
            {textOf(f.label, locale)}
            {f.required ? ` (${t('services.service.required')})` : ''}
            {f.prefill ? ` — ${t('services.service.prefilled')}` : ''}
          </li>
        ))}
      </ul>
      <h2>{t('services.service.attachments')}</h2>
      {d.attachments.length === 0 ? (
        <p>{t('services.service.noAttachments')}</p>
      ) : (
        <ul>
          {d.attachments.map((a) => (
            <li>
              {textOf(a.label, locale)}
              {a.required ? ` (${t('services.service.required')})` : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('services.service.steps')}</h2>
      <StepList definition={d} />
      {d.selfService ? (
        <ButtonLink href={d.handledBy?.start ?? `/layanan/${d.slug}/ajukan`} variant="primary">
          {t('services.service.apply')}
        </ButtonLink>
      ) : (
        <p>{t('services.service.officeOnly')}</p>
      )}
    </Page>
  );
}

/** A six-digit PIN typed hidden, on a phone's number pad. */
function PinField(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
}): SafeHtml {
  return (
    <TextField
      name={props.name}
      type="password"
      inputmode="numeric"
      maxlength={6}
      width="short"
      label={props.label}
      hint={props.hint}
      error={props.error}
      required
    />
  );
}

export function ChangePinPage(props: { errors?: FieldErrors; mustChange: boolean }): SafeHtml {
  return (
    <Page title={t('services.pin.changeTitle')}>
      {props.mustChange ? <p class="lead">{t('services.pin.mustChange')}</p> : ''}
      <ErrorSummary
        errors={props.errors}
        labels={{
          current: t('services.pin.current'),
          next: t('services.pin.next'),
          repeat: t('services.pin.repeat'),
        }}
      />
      <Form action="/akun/pin">
        <PinField name="current" label={t('services.pin.current')} error={props.errors?.current} />
        <PinField
          name="next"
          label={t('services.pin.next')}
          hint={t('services.pin.nextHint')}
          error={props.errors?.next}
        />
        <PinField name="repeat" label={t('services.pin.repeat')} error={props.errors?.repeat} />
        <Button>{t('services.pin.save')}</Button>
      </Form>
    </Page>
  );
}

export function AccountPage(props: {
  applicant: ApplicantSnapshot;
  family: FamilyMember[];
  corrections: CorrectionSummary[];
  requests: Array<{
    id: string;
    code: string;
    state: RequestState;
    created_at: Date;
    due_at: Date | null;
    definition: ServiceDefinition;
  }>;
}): SafeHtml {
  return (
    <Page title={t('services.account.title')}>
      <p>
        <ButtonLink href="/layanan" variant="primary">
          {t('services.account.newRequest')}
        </ButtonLink>{' '}
        <a href="/akun/pin">{t('services.pin.changeTitle')}</a>
      </p>
      <h2>{t('services.account.requests')}</h2>
      <Table
        rows={props.requests}
        empty={t('services.account.noRequests')}
        columns={[
          {
            header: t('services.queue.code'),
            cell: (r) => <a href={`/akun/permohonan/${r.id}`}>{r.code}</a>,
          },
          { header: t('services.queue.service'), cell: (r) => serviceName(r.definition) },
          {
            header: t('services.queue.state'),
            cell: (r) => <RequestStateTag state={r.state} forApplicant />,
          },
          { header: t('services.account.created'), cell: (r) => formatDate(r.created_at) },
        ]}
      />
      <h2>{t('services.account.myData')}</h2>
      <p class="hint">{t('services.account.dataHint')}</p>
      <ApplicantSummary applicant={props.applicant} />
      {MyCorrectionsSection({ rows: props.corrections })}
      <h2>{t('services.account.family')}</h2>
      <Table
        rows={props.family}
        columns={[
          { header: t('services.applicant.name'), cell: (m) => m.name },
          { header: 'NIK', cell: (m) => m.nik },
          { header: t('services.account.relation'), cell: (m) => m.relation },
          {
            header: t('services.applicant.birth'),
            cell: (m) => `${m.birthPlace}, ${formatDate(m.birthDate)}`,
          },
        ]}
      />
    </Page>
  );
}

/**
 * What the registry will print on the letter, shown before the resident types anything: NIK and KK
 * masked (a phone is often shared), with the way to the office when something is wrong.
 */
export function ApplicantPanel(props: {
  applicant: ApplicantSnapshot;
  family: FamilyMember[];
  /** the registry's correction request, coming back to this form once the data is fixed */
  correctionHref: string;
}): SafeHtml {
  const a = props.applicant;
  return (
    <section class="panel applicant-panel" aria-labelledby="applicant-title">
      <h2 id="applicant-title">{t('services.applicant.title')}</h2>
      <p class="hint">{t('services.applicant.lead')}</p>
      <SummaryList
        rows={[
          [t('services.applicant.name'), a.name],
          ['NIK', mask(a.nik)],
          [t('services.applicant.familyNumber'), mask(a.familyNumber)],
          [t('services.applicant.birth'), `${a.birthPlace}, ${formatDate(a.birthDate)}`],
          [t('services.applicant.address'), a.address],
          [
            t('services.applicant.familyMembers'),
            props.family.map((m) => `${m.name} (${m.relation || '-'})`).join(', ') || '-',
          ],
        ]}
      />
      <p>
        <a href={props.correctionHref}>{t('services.applicant.wrong')}</a>
      </p>
    </section>
  );
}

export function NewRequestPage(
  props: RequestFormProps & {
    prefilledNote: boolean;
    applicant?: ApplicantSnapshot;
    villageCode?: string;
  },
): SafeHtml {
  return (
    <Page
      title={serviceName(props.definition)}
      heading={t('services.form.title', { service: serviceName(props.definition) })}
      back={{ href: `/layanan/${props.definition.slug}`, label: serviceName(props.definition) }}
      head={<ShrinkScript />}
    >
      {props.applicant ? (
        <ApplicantPanel
          applicant={props.applicant}
          family={props.family}
          correctionHref={`/akun/perbaikan/baru?kembali=${encodeURIComponent(`/layanan/${props.definition.slug}/ajukan`)}`}
        />
      ) : (
        ''
      )}
      {props.prefilledNote ? <p class="hint">{t('services.form.prefilled')}</p> : ''}
      <RequestForm {...props} />
    </Page>
  );
}

/** The island that shrinks photos in the browser before upload; the form works without it. */
export function ShrinkScript(): SafeHtml {
  return <script src="/static/shrink-photos.js" defer></script>;
}

/** The applicant's own request: the form while it can be changed, its progress always. */
export function MyRequestPage(props: {
  view: RequestView;
  errors?: FieldErrors;
  values?: Record<string, string>;
}): SafeHtml {
  const { view } = props;
  return (
    <Layout
      title={`${serviceName(view.definition)} ${view.code}`}
      head={view.can.edit ? <ShrinkScript /> : ''}
    >
      <BackLink href="/akun">{t('services.account.title')}</BackLink>
      <h1>{serviceName(view.definition)}</h1>
      <SummaryList
        rows={[
          [t('services.queue.code'), view.code],
          [t('services.queue.state'), <RequestStateTag state={view.state} forApplicant />],
          [t('services.request.submitted'), view.submittedAt ? formatDateTime(view.submittedAt) : '-'],
          [t('services.request.due'), view.dueAt ? formatDate(view.dueAt) : '-'],
        ]}
      />
      {view.filedByOperator ? <p class="hint">{t('services.request.filedByOperator')}</p> : ''}
      <StepList definition={view.definition} current={view.stepIndex} state={view.state} />
      {view.letter ? (
        <Panel title={t('services.request.letterReady')}>
          <p>{t('services.request.letterReadyLead')}</p>
          {view.state === 'siap_diambil' ? <p>{t('services.request.paperReady')}</p> : ''}
          <p>{t('services.request.letterNumber', { number: view.letter.number })}</p>
          <ButtonLink href={`/akun/permohonan/${view.id}/surat.pdf`} variant="primary">
            {t('services.request.download')}
          </ButtonLink>
        </Panel>
      ) : (
        ''
      )}
      {view.state === 'draf' && view.can.edit ? (
        <Panel title={t('services.draft.title')}>
          <p>{t('services.draft.lead')}</p>
          <Form action={`/akun/permohonan/${view.id}/hapus`}>
            <Button variant="warning">{t('services.draft.delete')}</Button>
          </Form>
        </Panel>
      ) : (
        ''
      )}
      {view.can.edit ? (
        <RequestForm
          action={`/akun/permohonan/${view.id}`}
          {...filedRequestForm(view, props.values, props.errors)}
        />
      ) : (
        <RequestSummary view={view} />
      )}
      {view.can.cancel ? (
        <Form action={`/akun/permohonan/${view.id}/batal`}>
          <Button variant="warning">{t('services.request.cancel')}</Button>
        </Form>
      ) : (
        ''
      )}
      <h2>{t('services.request.history')}</h2>
      <History events={view.events} showNames={false} />
    </Layout>
  );
}

/** What was filed, read-only: field labels and the values as the applicant gave them. */
export function RequestSummary(props: { view: RequestView }): SafeHtml {
  const locale = currentLocale();
  const { view } = props;
  const display = (name: string, value: string) => {
    const field = view.definition.fields.find((f) => f.name === name);
    if (field?.type === 'select')
      return field.options?.find((o) => o.value === value)?.label[locale] ?? value;
    if (field?.type === 'family_member') return view.family.find((m) => m.id === value)?.name ?? value;
    return value || '-';
  };
  return (
    <>
      <h2>{t('services.form.details')}</h2>
      <SummaryList
        rows={view.definition.fields.map((f): [string, string] => [
          textOf(f.label, locale),
          display(f.name, view.data[f.name] ?? ''),
        ])}
      />
      {view.attachments.length === 0 ? (
        <EmptyState message={t('services.request.noAttachments')} />
      ) : (
        <ul>
          {view.attachments.map((a) => (
            <li>
              {textOf(
                view.definition.attachments.find((d) => d.name === a.name)?.label ?? {
                  id: a.name,
                  en: a.name,
                },
                locale,
              )}
              : {a.fileName}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
