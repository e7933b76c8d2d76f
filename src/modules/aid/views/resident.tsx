import { t } from '../../../platform/i18n/index.ts';
import {
  Button,
  ButtonLink,
  ErrorSummary,
  type FieldErrors,
  Form,
  FormSection,
  fieldFor,
  SelectField,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import type { ApplicationView, ProgrammeRow } from '../repo.ts';
import { type ApplicationPage, holderOf } from '../service.ts';
import { awaitedText, dateOrDash, History, RESIDENT_BASE, rupiah, StatusOf } from './parts.tsx';

type Values = { program?: string; alasan?: string; telepon?: string; nik?: string };

export function MyApplicationsPage(props: { rows: ApplicationView[] }): SafeHtml {
  return (
    <Page title={t('aid.resident.title')} back={{ href: '/akun', label: t('aid.resident.account') }}>
      <p>
        <ButtonLink href={`${RESIDENT_BASE}/baru`} variant="primary">
          {t('aid.resident.apply')}
        </ButtonLink>
      </p>
      <Table
        rows={props.rows}
        empty={t('aid.resident.none')}
        columns={[
          { header: t('aid.col.code'), cell: (a) => <a href={`${RESIDENT_BASE}/${a.id}`}>{a.code}</a> },
          { header: t('aid.col.programme'), cell: (a) => a.programme_name },
          { header: t('aid.col.status'), cell: (a) => <StatusOf status={a.status} /> },
          { header: t('aid.col.awaited'), cell: (a) => awaitedText(a.status, holderOf(a.status)) },
        ]}
      />
    </Page>
  );
}

export function ProgrammeFields(props: {
  programmes: ProgrammeRow[];
  values?: Values;
  errors?: FieldErrors;
}): SafeHtml {
  const { values, errors } = props;
  return (
    <>
      <SelectField
        {...fieldFor(values, errors, 'program')}
        label={t('aid.field.programme')}
        placeholder={t('aid.field.choose')}
        options={props.programmes.map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
        required
      />
      <TextArea
        {...fieldFor(values, errors, 'alasan')}
        label={t('aid.field.reason')}
        hint={t('aid.field.reasonHint')}
        maxlength={1000}
        required
      />
      <TextField
        {...fieldFor(values, errors, 'telepon')}
        label={t('aid.field.phone')}
        hint={t('aid.field.phoneHint')}
        type="tel"
        autocomplete="tel"
        width="medium"
      />
    </>
  );
}

export function NewApplicationPage(props: {
  programmes: ProgrammeRow[];
  values?: Values;
  errors?: FieldErrors;
}): SafeHtml {
  return (
    <Page title={t('aid.resident.apply')} back={{ href: RESIDENT_BASE, label: t('aid.resident.title') }}>
      <p>{t('aid.resident.applyIntro')}</p>
      <ErrorSummary errors={props.errors} />
      <Form action={`${RESIDENT_BASE}/baru`}>
        <ProgrammeFields {...props} />
        <Button>{t('aid.resident.submit')}</Button>
      </Form>
    </Page>
  );
}

export function MyApplicationPage(props: {
  page: ApplicationPage;
  values?: Values;
  errors?: FieldErrors;
}): SafeHtml {
  const { application: a, events, holder, may } = props.page;
  const values = props.values ?? { alasan: a.reason, telepon: a.phone ?? '' };
  return (
    <Page
      title={`${a.code} — ${a.programme_name}`}
      heading={a.programme_name}
      back={{ href: RESIDENT_BASE, label: t('aid.resident.title') }}
    >
      <SummaryList
        rows={[
          [t('aid.col.code'), a.code],
          [t('aid.col.status'), <StatusOf status={a.status} />],
          [t('aid.col.awaited'), awaitedText(a.status, holder)],
          [t('aid.col.submitted'), dateOrDash(a.submitted_at)],
          [t('aid.col.statusSince'), dateOrDash(a.status_at)],
          ...(a.due_at && holder !== 'applicant'
            ? ([[t('aid.col.expected'), dateOrDash(a.due_at)]] as Array<[string, string]>)
            : []),
          ...(a.return_reason
            ? ([[t('aid.col.returnReason'), a.return_reason]] as Array<[string, string]>)
            : []),
          ...(a.status === 'ditolak' && a.decision_reason
            ? ([[t('aid.col.rejectReason'), a.decision_reason]] as Array<[string, string]>)
            : []),
          ...(a.disbursed_on
            ? ([
                [t('aid.col.disbursedOn'), dateOrDash(a.disbursed_on)],
                [t('aid.col.received'), a.amount !== null ? rupiah(a.amount) : (a.goods ?? '')],
              ] as Array<[string, string]>)
            : []),
        ]}
      />
      {may.resubmit ? (
        <FormSection
          title={t('aid.resident.fixTitle')}
          action={`${RESIDENT_BASE}/${a.id}/ajukan-ulang`}
          errors={props.errors}
        >
          <TextArea
            {...fieldFor(values, props.errors, 'alasan')}
            label={t('aid.field.reason')}
            maxlength={1000}
            required
          />
          <TextField
            {...fieldFor(values, props.errors, 'telepon')}
            label={t('aid.field.phone')}
            type="tel"
            width="medium"
          />
          <Button>{t('aid.resident.resubmit')}</Button>
        </FormSection>
      ) : (
        ''
      )}
      <History events={events} />
    </Page>
  );
}
