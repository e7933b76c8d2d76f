import { currentLocale, formatDate, formatDateTime, t } from '../../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  SelectField,
  StatusTag,
  SummaryList,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import { raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import type { FieldDefinition, ServiceDefinition } from '../definition.ts';
import { type FamilyMember, textOf } from '../forms.ts';
import type { RequestView } from '../requests.ts';
import type { ApplicantSnapshot, RequestState } from '../schema.ts';

const TONE: Record<RequestState, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  draf: 'neutral',
  diperiksa: 'info',
  belum_lengkap: 'warn',
  menunggu_tanda_tangan: 'info',
  siap_diambil: 'good',
  sudah_diambil: 'good',
  ditolak: 'bad',
  dibatalkan: 'neutral',
};

/**
 * A request's state; the applicant reads "siap diunduh" for an issued letter (the PDF is theirs at
 * once), the office "siap diambil" (the paper copy waits at the counter).
 */
export function RequestStateTag(props: { state: RequestState; forApplicant?: boolean }): SafeHtml {
  const key = props.forApplicant && props.state === 'siap_diambil' ? 'siapDiunduh' : props.state;
  return <StatusTag tone={TONE[props.state]}>{t(`services.state.${key}`)}</StatusTag>;
}

export function serviceName(definition: ServiceDefinition): string {
  return textOf(definition.name, currentLocale());
}

/** Labels of every field and attachment, for the error summary's links. */
export function fieldLabels(definition: ServiceDefinition): Record<string, string> {
  const locale = currentLocale();
  const labels: Record<string, string> = {
    contactPhone: t('services.form.contactPhone'),
    residentNik: t('services.assist.nik'),
    note: t('services.staff.note'),
  };
  for (const f of definition.fields) labels[f.name] = textOf(f.label, locale);
  for (const a of definition.attachments) labels[`lampiran_${a.name}`] = textOf(a.label, locale);
  return labels;
}

function FormField(props: {
  field: FieldDefinition;
  value: string;
  error?: string | undefined;
  family: FamilyMember[];
}): SafeHtml {
  const locale = currentLocale();
  const { field } = props;
  const common = {
    name: field.name,
    label: textOf(field.label, locale),
    error: props.error,
    hint: field.hint ? textOf(field.hint, locale) : undefined,
    required: field.required,
  };
  switch (field.type) {
    case 'textarea':
      return <TextArea {...common} value={props.value} maxlength={field.maxLength} />;
    case 'select':
      return (
        <SelectField
          {...common}
          value={props.value}
          placeholder={t('services.form.choose')}
          options={(field.options ?? []).map((o) => ({ value: o.value, label: textOf(o.label, locale) }))}
        />
      );
    case 'family_member':
      return (
        <SelectField
          {...common}
          value={props.value}
          placeholder={t('services.form.chooseMember')}
          options={props.family.map((m) => ({ value: m.id, label: `${m.name} (${m.relation || '-'})` }))}
        />
      );
    case 'date':
      return <TextField {...common} type="date" value={props.value} width="medium" />;
    case 'number':
      return <TextField {...common} inputmode="decimal" value={props.value} width="medium" />;
    case 'nik':
      return <TextField {...common} inputmode="numeric" value={props.value} maxlength={16} width="medium" />;
    case 'phone':
      return <TextField {...common} type="tel" inputmode="tel" value={props.value} width="medium" />;
    default:
      return <TextField {...common} value={props.value} maxlength={field.maxLength} />;
  }
}

/**
 * Labels for the error summary, left out where the message already names its field
 * ("Keperluan wajib diisi.", never "Keperluan: Keperluan wajib diisi.").
 */
export function summaryLabels(labels: Record<string, string>, errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels).filter(
      ([field, label]) => !(errors[field] ?? '').toLowerCase().includes(label.toLowerCase()),
    ),
  );
}

/**
 * The checker's remarks on a returned request, at the top as a summary whose links lead to each
 * field, the way field errors are shown.
 */
function RemarkSummary(props: {
  remarks: Record<string, string>;
  note?: string | null | undefined;
  labels: Record<string, string>;
}): SafeHtml {
  const entries = Object.entries(props.remarks);
  if (!props.note && entries.length === 0) return raw('');
  return (
    <div
      class="error-summary remark-summary"
      role="alert"
      tabindex="-1"
      aria-labelledby="remark-summary-title"
    >
      <h2 id="remark-summary-title">{t('services.form.returnedTitle')}</h2>
      {props.note ? <p>{props.note}</p> : ''}
      {entries.length > 0 ? (
        <ul>
          {entries.map(([field, remark]) => (
            <li>
              <a href={`#field-${field}`}>
                {props.labels[field] ? `${props.labels[field]}: ` : ''}
                {remark}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </div>
  );
}

/** A field's error, or else the checker's remark on it: shown inside the field it is about. */
function fieldMessage(error: string | undefined, remark: string | undefined): string | undefined {
  if (error) return error;
  return remark ? `${t('services.form.remark')}: ${remark}` : undefined;
}

export interface RequestFormProps {
  action: string;
  definition: ServiceDefinition;
  values: Record<string, string>;
  errors?: FieldErrors;
  remarks?: Record<string, string>;
  remarkNote?: string | null;
  family: FamilyMember[];
  attachments: Array<{ name: string; fileName: string }>;
  contactPhone?: string | null;
  contactChannel?: string | null;
  /** operator filing on a resident's behalf: carries the resident's NIK */
  residentNik?: string;
}

/** The applicant as the registry knew them when they applied; the office also sees their occupation. */
export function ApplicantSummary(props: {
  applicant: ApplicantSnapshot;
  withOccupation?: boolean;
}): SafeHtml {
  const a = props.applicant;
  return (
    <SummaryList
      rows={[
        [t('services.applicant.name'), a.name],
        ['NIK', a.nik],
        [t('services.applicant.familyNumber'), a.familyNumber],
        [t('services.applicant.birth'), `${a.birthPlace}, ${formatDate(a.birthDate)}`],
        ...(props.withOccupation
          ? ([[t('services.applicant.occupation'), a.occupation]] as Array<[string, string]>)
          : []),
        [t('services.applicant.address'), a.address],
      ]}
    />
  );
}

/** The form of a request already filed: its service, its answers (or those just sent back) and what came with it. */
export function filedRequestForm(
  view: RequestView,
  values?: Record<string, string>,
  errors?: FieldErrors,
): Omit<RequestFormProps, 'action'> {
  return {
    definition: view.definition,
    values: values ?? view.data,
    errors,
    remarks: view.remarks,
    remarkNote: view.remarkNote,
    family: view.family,
    attachments: view.attachments,
    contactPhone: view.contactPhone,
    contactChannel: view.contactChannel,
  };
}

/** The one form of every service, drawn from its definition; works without JavaScript. */
export function RequestForm(props: RequestFormProps): SafeHtml {
  const locale = currentLocale();
  const errors = props.errors ?? {};
  const remarks = props.remarks ?? {};
  const present = new Map(props.attachments.map((a) => [a.name, a.fileName]));
  const labels = fieldLabels(props.definition);
  return (
    <Form action={props.action} multipart class="request-form">
      <ErrorSummary errors={errors} labels={summaryLabels(labels, errors)} />
      <RemarkSummary remarks={remarks} note={props.remarkNote} labels={labels} />
      {props.residentNik ? <input type="hidden" name="residentNik" value={props.residentNik} /> : ''}
      <fieldset>
        <legend>{t('services.form.details')}</legend>
        {props.definition.fields.map((field) => (
          <div class={remarks[field.name] ? 'remark' : undefined}>
            <FormField
              field={field}
              value={props.values[field.name] ?? ''}
              error={fieldMessage(errors[field.name], remarks[field.name])}
              family={props.family}
            />
          </div>
        ))}
      </fieldset>
      {props.definition.attachments.length > 0 ? (
        <fieldset>
          <legend>{t('services.form.attachments')}</legend>
          <p class="hint">{t('services.form.attachmentsHint')}</p>
          {props.definition.attachments.map((a) => (
            <div class={remarks[`lampiran_${a.name}`] ? 'remark' : undefined}>
              <FileField
                name={`lampiran_${a.name}`}
                label={textOf(a.label, locale)}
                required={a.required}
                accept="image/jpeg,image/png,application/pdf"
                error={fieldMessage(errors[`lampiran_${a.name}`], remarks[`lampiran_${a.name}`])}
                hint={
                  present.has(a.name)
                    ? t('services.form.attached', { name: present.get(a.name) ?? '' })
                    : undefined
                }
              />
            </div>
          ))}
        </fieldset>
      ) : (
        ''
      )}
      <fieldset>
        <legend>{t('services.form.contact')}</legend>
        <TextField
          name="contactPhone"
          type="tel"
          inputmode="tel"
          label={t('services.form.contactPhone')}
          hint={t('services.form.contactHint')}
          value={props.contactPhone ?? ''}
          error={errors.contactPhone}
          width="medium"
        />
        <SelectField
          name="contactChannel"
          label={t('services.form.contactChannel')}
          value={props.contactChannel ?? 'whatsapp'}
          options={[
            { value: 'whatsapp', label: 'WhatsApp' },
            { value: 'sms', label: 'SMS' },
          ]}
        />
      </fieldset>
      <div class="button-row">
        <Button name="action" value="ajukan">
          {t('services.form.submit')}
        </Button>
        <Button name="action" value="simpan" variant="secondary">
          {t('services.form.saveDraft')}
        </Button>
      </div>
    </Form>
  );
}

/** The steps of a service with the current one marked, as a numbered list. */
export function StepList(props: {
  definition: ServiceDefinition;
  current?: number;
  state?: RequestState;
}): SafeHtml {
  const locale = currentLocale();
  const done = props.state === 'siap_diambil' || props.state === 'sudah_diambil';
  return (
    <ol class="steps">
      {props.definition.steps.map((step, i) => (
        <li
          class={
            done || (props.current !== undefined && i < props.current)
              ? 'step-done'
              : i === props.current
                ? 'step-current'
                : undefined
          }
          aria-current={!done && i === props.current ? 'step' : undefined}
        >
          {textOf(step.label, locale)}
        </li>
      ))}
      <li class={done ? 'step-done' : undefined}>{t('services.steps.issued')}</li>
    </ol>
  );
}

export function History(props: {
  events: Array<{ at: Date; kind: string; actorKind: string; actorLabel: string; note: string | null }>;
  showNames: boolean;
}): SafeHtml {
  return (
    <ol class="history">
      {props.events.map((e) => (
        <li>
          <time datetime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time> —{' '}
          <strong>{t(`services.event.${e.kind}`)}</strong>{' '}
          <span class="muted">
            (
            {props.showNames || e.actorKind === 'resident'
              ? e.actorLabel
              : t(`services.actor.${e.actorKind}`)}
            )
          </span>
          {e.note ? <p>{e.note}</p> : ''}
        </li>
      ))}
    </ol>
  );
}

export function ageText(from: Date | null, now: Date): string {
  if (!from) return '-';
  const hours = Math.floor((now.getTime() - new Date(from).getTime()) / 3_600_000);
  if (hours < 24) return t('services.age.hours', { n: Math.max(0, hours) });
  return t('services.age.days', { n: Math.floor(hours / 24) });
}
