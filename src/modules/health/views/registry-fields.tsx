import { t } from '../../../platform/i18n/index.ts';
import { type FieldErrors, fieldFor, SelectField, TextField } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';

// The fields the registry's forms share: a new posyandu and its edit form, a child registered at a
// posyandu and the child's edit form.

type Values = Record<string, string | undefined>;

/** A posyandu's name, dusun, day of the month it meets, and address. */
export function PosyanduFields(props: { values: Values; errors: FieldErrors }): SafeHtml {
  const { values, errors } = props;
  return (
    <>
      <TextField {...fieldFor(values, errors, 'nama')} label={t('health.field.name')} required />
      <TextField {...fieldFor(values, errors, 'dusun')} label={t('health.field.dusun')} />
      <TextField
        {...fieldFor(values, errors, 'jadwal')}
        label={t('health.field.scheduleDay')}
        inputmode="numeric"
        width="short"
      />
      <TextField {...fieldFor(values, errors, 'alamat')} label={t('health.field.address')} />
    </>
  );
}

/** A child's sex and date of birth; `sexPlaceholder` leaves the sex unchosen on a new child. */
export function SexAndBirthFields(props: {
  values: Values;
  errors: FieldErrors;
  sexPlaceholder?: string;
}): SafeHtml {
  const { values, errors } = props;
  return (
    <>
      <SelectField
        {...fieldFor(values, errors, 'jenis_kelamin')}
        label={t('health.field.sex')}
        placeholder={props.sexPlaceholder}
        options={[
          { value: '1', label: t('health.sex.1') },
          { value: '2', label: t('health.sex.2') },
        ]}
      />
      <TextField
        {...fieldFor(values, errors, 'tanggal_lahir')}
        type="date"
        label={t('health.field.birthDate')}
        width="medium"
      />
    </>
  );
}

/** A child's family card number and mother (name and NIK). */
export function FamilyAndMotherFields(props: {
  values: Values;
  errors: FieldErrors;
  motherHint?: string;
}): SafeHtml {
  const { values, errors } = props;
  return (
    <>
      <TextField
        {...fieldFor(values, errors, 'no_kk')}
        label={t('health.field.familyNumber')}
        inputmode="numeric"
      />
      <TextField
        {...fieldFor(values, errors, 'nama_ibu')}
        label={t('health.field.motherName')}
        hint={props.motherHint}
      />
      <TextField
        {...fieldFor(values, errors, 'nik_ibu')}
        label={t('health.field.motherNik')}
        inputmode="numeric"
      />
    </>
  );
}
