import { currentLocale, formatNumber, t } from '../../../platform/i18n/index.ts';
import type { Column, FieldErrors } from '../../../platform/ui/components.tsx';
import { Button, Form, StatusTag, TextField } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import type { CategoryField } from '../fields.ts';
import { STATES, type State } from '../states.ts';

const TONE: Record<State, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  baru: 'info',
  diverifikasi: 'info',
  diteruskan: 'info',
  diproses: 'warn',
  dijadwalkan: 'warn',
  selesai: 'good',
  ditolak: 'bad',
  duplikat: 'neutral',
};

export function StateTag(props: { state: State }): SafeHtml {
  return <StatusTag tone={TONE[props.state]}>{t(`complaints.state.${props.state}`)}</StatusTag>;
}

export interface VillageOption {
  code: string;
  name: string;
  kecamatan_code: string;
  kecamatan_name: string;
}

/** Villages grouped by kecamatan: 326 options are easier to find in 29 groups. */
export function VillageSelect(props: {
  name: string;
  label: string;
  villages: VillageOption[];
  value?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  includeAreas?: {
    regency: { code: string; name: string };
    kecamatan: Array<{ code: string; name: string }>;
  };
}): SafeHtml {
  const groups = new Map<string, { name: string; villages: VillageOption[] }>();
  for (const v of props.villages) {
    const group = groups.get(v.kecamatan_code) ?? { name: v.kecamatan_name, villages: [] };
    group.villages.push(v);
    groups.set(v.kecamatan_code, group);
  }
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={`field-${props.name}`}>
        {props.label}
        {props.required ? <span class="required"> *</span> : ''}
      </label>
      {props.error ? (
        <p class="error-message" id={`error-${props.name}`}>
          {props.error}
        </p>
      ) : (
        ''
      )}
      <select
        id={`field-${props.name}`}
        name={props.name}
        class="input"
        aria-invalid={props.error ? 'true' : undefined}
      >
        <option value="">{t('ui.choose')}</option>
        {props.includeAreas ? (
          <optgroup label={t('complaints.rules.areas')}>
            <option
              value={props.includeAreas.regency.code}
              selected={props.value === props.includeAreas.regency.code}
            >
              {props.includeAreas.regency.name}
            </option>
            {props.includeAreas.kecamatan.map((k) => (
              <option value={k.code} selected={props.value === k.code}>
                {t('complaints.kecamatanPrefix')} {k.name}
              </option>
            ))}
          </optgroup>
        ) : (
          ''
        )}
        {[...groups.entries()].map(([, group]) => (
          <optgroup label={`${t('complaints.kecamatanPrefix')} ${group.name}`}>
            {group.villages.map((v) => (
              <option value={v.code} selected={props.value === v.code}>
                {v.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** A category detail as people read it: list values by their name, numbers with the local decimal mark. */
export function detailValue(field: CategoryField, value: unknown): string {
  if (typeof value === 'number') return `${formatNumber(value)}${field.unit ? ` ${field.unit}` : ''}`;
  if (Array.isArray(value))
    return value.map((v) => field.values?.find((o) => o.key === v)?.name ?? String(v)).join(', ');
  return field.values?.find((o) => o.key === value)?.name ?? String(value);
}

/** A category's name in the reader's language. */
export function categoryName(c: { name: string; nameEn: string }): string {
  return currentLocale() === 'en' ? c.nameEn : c.name;
}

export function rowCategoryName(r: { category_name: string; category_name_en?: string }): string {
  return currentLocale() === 'en' && r.category_name_en ? r.category_name_en : r.category_name;
}

/** Where a report is, as one line: village, kecamatan and the address the reporter typed. */
export function placeText(village: string, kecamatan: string, address: string | null): string {
  return `${t('complaints.desa')} ${village}, ${t('complaints.kecamatanPrefix')} ${kecamatan}${address ? ` — ${address}` : ''}`;
}

/** Categories as select options, by their name in the reader's language. */
export function categoryChoices(categories: Array<{ code: string; name: string; nameEn: string }>) {
  return categories.map((c) => ({ value: c.code, label: categoryName(c) }));
}

/** States as select options, in their order (all of them unless a list is given). */
export function stateChoices(states: readonly State[] = STATES) {
  return states.map((s) => ({ value: s, label: t(`complaints.state.${s}`) }));
}

/** The reporter's phone, asked the same way on the report form and on the ticket lookup. */
export function PhoneField(props: { value?: string | undefined; error?: string | undefined }): SafeHtml {
  return (
    <TextField
      name="phone"
      type="tel"
      label={t('complaints.form.phone')}
      autocomplete="tel"
      inputmode="tel"
      value={props.value}
      error={props.error}
    />
  );
}

/** A one-button form that deletes a row of an admin table. */
export function DeleteButton(props: { action: string }): SafeHtml {
  return (
    <Form action={props.action}>
      <Button variant="warning">{t('complaints.rules.delete')}</Button>
    </Form>
  );
}

/** An admin table's last column: each row's delete button, posted to `action(row)`. */
export function deleteColumn<Row>(action: (row: Row) => string): Column<Row> {
  return { header: t('ui.actions'), cell: (row) => <DeleteButton action={action(row)} /> };
}

/** Several text fields of one kind (coordinates, working days): same input mode and width, each its own name. */
export function SameKindFields(props: {
  fields: Array<{ name: string; label: string }>;
  inputmode: 'numeric' | 'decimal';
  width: 'short' | 'medium';
  values: Record<string, string | undefined>;
  errors: FieldErrors;
}): SafeHtml {
  return (
    <>
      {props.fields.map((f) => (
        <TextField
          name={f.name}
          label={f.label}
          inputmode={props.inputmode}
          width={props.width}
          value={props.values[f.name]}
          error={props.errors[f.name]}
        />
      ))}
    </>
  );
}
