import { currentLocale, formatDateTime, t } from '../../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  SelectField,
  StatusTag,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import { raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import type { FieldDefinition, ServiceDefinition } from '../definition.ts';
import { type FamilyMember, textOf } from '../forms.ts';
import type { RequestState } from '../schema.ts';

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

export function RequestStateTag(props: { state: RequestState }): SafeHtml {
  return <StatusTag tone={TONE[props.state]}>{t(`services.state.${props.state}`)}</StatusTag>;
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

/** A remark the checker left on a field, shown above it until the applicant resubmits. */
function Remark(props: { text?: string | undefined }): SafeHtml {
  if (!props.text) return raw('');
  return (
    <p class="remark" role="note">
      <strong>{t('services.form.remark')}:</strong> {props.text}
    </p>
  );
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

/** The one form of every service, drawn from its definition; works without JavaScript. */
export function RequestForm(props: RequestFormProps): SafeHtml {
  const locale = currentLocale();
  const errors = props.errors ?? {};
  const remarks = props.remarks ?? {};
  const present = new Map(props.attachments.map((a) => [a.name, a.fileName]));
  return (
    <Form action={props.action} multipart>
      <ErrorSummary errors={errors} labels={fieldLabels(props.definition)} />
      {props.remarkNote || Object.keys(remarks).length > 0 ? (
        <div class="remark-summary" role="alert">
          <h2>{t('services.form.returnedTitle')}</h2>
          {props.remarkNote ? <p>{props.remarkNote}</p> : ''}
        </div>
      ) : (
        ''
      )}
      {props.residentNik ? <input type="hidden" name="residentNik" value={props.residentNik} /> : ''}
      <fieldset>
        <legend>{t('services.form.details')}</legend>
        {props.definition.fields.map((field) => (
          <div>
            <Remark text={remarks[field.name]} />
            <FormField
              field={field}
              value={props.values[field.name] ?? ''}
              error={errors[field.name]}
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
            <div>
              <Remark text={remarks[`lampiran_${a.name}`]} />
              <FileField
                name={`lampiran_${a.name}`}
                label={textOf(a.label, locale)}
                required={a.required}
                accept="image/jpeg,image/png,application/pdf"
                error={errors[`lampiran_${a.name}`]}
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
