import { currentLocale, formatDate, formatDateTime, t } from '../../../platform/i18n/index.ts';
import {
  Button,
  ButtonLink,
  EmptyState,
  ErrorSummary,
  type FieldErrors,
  Form,
  Panel,
  SummaryList,
  Table,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ServiceDefinition } from '../definition.ts';
import { type FamilyMember, textOf } from '../forms.ts';
import type { RequestView } from '../requests.ts';
import type { ApplicantSnapshot, RequestState } from '../schema.ts';
import type { CatalogEntry } from '../service.ts';
import {
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
    <ul class="card-list">
      {props.entries.map((e) => (
        <li class="card">
          <h3>
            <a href={`/layanan/${e.slug}`}>{textOf(e.definition.name, locale)}</a>
          </h3>
          <p>{textOf(e.definition.description, locale)}</p>
          <p class="muted">
            {t('services.catalog.sla', { days: e.definition.slaDays })}
            {e.definition.selfService ? '' : ` · ${t('services.catalog.atOffice')}`}
            {e.enabledInVillage ? '' : ` · ${t('services.catalog.closedInVillage')}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function CatalogPage(props: {
  entries: CatalogEntry[];
  villageName: string | null;
  loggedIn: boolean;
}): SafeHtml {
  const village = props.entries.filter((e) => e.definition.owner.type === 'village');
  const agency = props.entries.filter((e) => e.definition.owner.type === 'agency');
  return (
    <Layout title={t('services.catalog.title')}>
      <h1>{t('services.catalog.title')}</h1>
      <p class="lead">{t('services.catalog.lead')}</p>
      {props.villageName ? <p>{t('services.catalog.forVillage', { village: props.villageName })}</p> : ''}
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
      <h2>{t('services.catalog.villageLetters')}</h2>
      <ServiceList entries={village} />
      <h2>{t('services.catalog.agencyServices')}</h2>
      <ServiceList entries={agency} />
    </Layout>
  );
}

export function ServicePage(props: { definition: ServiceDefinition; version: number }): SafeHtml {
  const locale = currentLocale();
  const d = props.definition;
  return (
    <Layout title={serviceName(d)}>
      <p>
        <a href="/layanan">← {t('services.catalog.title')}</a>
      </p>
      <h1>{serviceName(d)}</h1>
      <p class="lead">{textOf(d.description, locale)}</p>
      <SummaryList
        rows={[
          [t('services.service.sla'), t('services.catalog.sla', { days: d.slaDays })],
          [t('services.service.letterCode'), `${d.letterCode} · ${d.classificationCode}`],
          [
            t('services.service.who'),
            d.selfService ? t('services.service.selfService') : t('services.catalog.atOffice'),
          ],
          [t('services.service.version'), String(props.version)],
        ]}
      />
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
        <ButtonLink href={`/layanan/${d.slug}/ajukan`} variant="primary">
          {t('services.service.apply')}
        </ButtonLink>
      ) : (
        <p>{t('services.service.officeOnly')}</p>
      )}
    </Layout>
  );
}

export function ResidentLoginPage(props: {
  returnTo: string;
  values?: { nik?: string };
  errors?: FieldErrors;
  message?: string;
}): SafeHtml {
  return (
    <Layout title={t('services.login.title')}>
      <h1>{t('services.login.title')}</h1>
      <p>{t('services.login.lead')}</p>
      <ErrorSummary errors={props.errors} labels={{ nik: 'NIK', pin: 'PIN' }} />
      {props.message ? <p class="error-message">{props.message}</p> : ''}
      <Form action={`/masuk/warga?kembali=${encodeURIComponent(props.returnTo)}`}>
        <TextField
          name="nik"
          label="NIK"
          hint={t('services.login.nikHint')}
          inputmode="numeric"
          autocomplete="username"
          maxlength={16}
          value={props.values?.nik}
          error={props.errors?.nik}
          required
        />
        <TextField
          name="pin"
          type="password"
          label="PIN"
          hint={t('services.login.pinHint')}
          inputmode="numeric"
          autocomplete="current-password"
          maxlength={6}
          width="short"
          error={props.errors?.pin}
          required
        />
        <Button>{t('services.login.submit')}</Button>
      </Form>
      <p class="muted">
        <a href="/masuk">{t('services.login.staff')}</a>
      </p>
    </Layout>
  );
}

export function ChangePinPage(props: { errors?: FieldErrors; mustChange: boolean }): SafeHtml {
  return (
    <Layout title={t('services.pin.changeTitle')}>
      <h1>{t('services.pin.changeTitle')}</h1>
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
        <TextField
          name="current"
          type="password"
          inputmode="numeric"
          maxlength={6}
          width="short"
          label={t('services.pin.current')}
          error={props.errors?.current}
          required
        />
        <TextField
          name="next"
          type="password"
          inputmode="numeric"
          maxlength={6}
          width="short"
          label={t('services.pin.next')}
          hint={t('services.pin.nextHint')}
          error={props.errors?.next}
          required
        />
        <TextField
          name="repeat"
          type="password"
          inputmode="numeric"
          maxlength={6}
          width="short"
          label={t('services.pin.repeat')}
          error={props.errors?.repeat}
          required
        />
        <Button>{t('services.pin.save')}</Button>
      </Form>
    </Layout>
  );
}

export function AccountPage(props: {
  applicant: ApplicantSnapshot;
  family: FamilyMember[];
  requests: Array<{
    id: string;
    code: string;
    state: RequestState;
    created_at: Date;
    due_at: Date | null;
    definition: ServiceDefinition;
  }>;
}): SafeHtml {
  const a = props.applicant;
  return (
    <Layout title={t('services.account.title')}>
      <h1>{t('services.account.title')}</h1>
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
          { header: t('services.queue.state'), cell: (r) => <RequestStateTag state={r.state} /> },
          { header: t('services.account.created'), cell: (r) => formatDate(r.created_at) },
        ]}
      />
      <h2>{t('services.account.myData')}</h2>
      <p class="hint">{t('services.account.dataHint')}</p>
      <SummaryList
        rows={[
          [t('services.applicant.name'), a.name],
          ['NIK', a.nik],
          [t('services.applicant.familyNumber'), a.familyNumber],
          [t('services.applicant.birth'), `${a.birthPlace}, ${formatDate(a.birthDate)}`],
          [t('services.applicant.address'), a.address],
        ]}
      />
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
    </Layout>
  );
}

export function NewRequestPage(props: RequestFormProps & { prefilledNote: boolean }): SafeHtml {
  return (
    <Layout title={serviceName(props.definition)}>
      <p>
        <a href={`/layanan/${props.definition.slug}`}>← {serviceName(props.definition)}</a>
      </p>
      <h1>{t('services.form.title', { service: serviceName(props.definition) })}</h1>
      {props.prefilledNote ? <p class="hint">{t('services.form.prefilled')}</p> : ''}
      <RequestForm {...props} />
    </Layout>
  );
}

/** The applicant's own request: the form while it can be changed, its progress always. */
export function MyRequestPage(props: {
  view: RequestView;
  errors?: FieldErrors;
  values?: Record<string, string>;
}): SafeHtml {
  const { view } = props;
  return (
    <Layout title={`${serviceName(view.definition)} ${view.code}`}>
      <p>
        <a href="/akun">← {t('services.account.title')}</a>
      </p>
      <h1>{serviceName(view.definition)}</h1>
      <SummaryList
        rows={[
          [t('services.queue.code'), view.code],
          [t('services.queue.state'), <RequestStateTag state={view.state} />],
          [t('services.request.submitted'), view.submittedAt ? formatDateTime(view.submittedAt) : '-'],
          [t('services.request.due'), view.dueAt ? formatDate(view.dueAt) : '-'],
        ]}
      />
      {view.filedByOperator ? <p class="hint">{t('services.request.filedByOperator')}</p> : ''}
      <StepList definition={view.definition} current={view.stepIndex} state={view.state} />
      {view.letter ? (
        <Panel title={t('services.request.letterReady')}>
          <p>{t('services.request.letterNumber', { number: view.letter.number })}</p>
          <ButtonLink href={`/akun/permohonan/${view.id}/surat.pdf`} variant="primary">
            {t('services.request.download')}
          </ButtonLink>
        </Panel>
      ) : (
        ''
      )}
      {view.can.edit ? (
        <RequestForm
          action={`/akun/permohonan/${view.id}`}
          definition={view.definition}
          values={props.values ?? view.data}
          errors={props.errors}
          remarks={view.remarks}
          remarkNote={view.remarkNote}
          family={view.family}
          attachments={view.attachments}
          contactPhone={view.contactPhone}
          contactChannel={view.contactChannel}
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
