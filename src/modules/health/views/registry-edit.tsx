import { t } from '../../../platform/i18n/index.ts';
import {
  Button,
  CheckboxField,
  ErrorSummary,
  Form,
  fieldFor,
  SelectField,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import { childUrl, posyanduUrl } from './parts.tsx';
import { FamilyAndMotherFields, PosyanduFields, SexAndBirthFields } from './registry-fields.tsx';

type Values = Record<string, string | undefined>;
type Errors = Record<string, string>;

export function EditPosyanduPage(props: {
  posyandu: {
    id: string;
    name: string;
    dusun: string;
    schedule_day: number | null;
    address: string;
    active: boolean;
  };
  values?: Values;
  errors?: Errors;
}): SafeHtml {
  const p = props.posyandu;
  const errors = props.errors ?? {};
  const values: Values = props.values ?? {
    nama: p.name,
    dusun: p.dusun,
    jadwal: p.schedule_day === null ? '' : String(p.schedule_day),
    alamat: p.address,
    aktif: p.active ? 'ya' : '',
  };
  const title = t('health.editPosyandu', { name: p.name });
  return (
    <Page title={title} back={{ href: posyanduUrl(p.id), label: p.name }}>
      <ErrorSummary errors={errors} />
      <Form action={`${posyanduUrl(p.id)}/ubah`}>
        <PosyanduFields values={values} errors={errors} />
        <CheckboxField
          name="aktif"
          value="ya"
          label={t('health.field.active')}
          hint={t('health.hint.active')}
          checked={values.aktif === 'ya'}
        />
        <Button>{t('health.save')}</Button>
      </Form>
    </Page>
  );
}

export function EditChildPage(props: {
  child: {
    id: string;
    name: string;
    sex: number;
    birth_date: string;
    nik: string | null;
    family_number: string | null;
    posyandu_id: string;
    resident_id: string | null;
    mother_name: string | null;
    mother_nik: string | null;
  };
  posyandu: Array<{ id: string; name: string }>;
  values?: Values;
  errors?: Errors;
}): SafeHtml {
  const c = props.child;
  const errors = props.errors ?? {};
  const values: Values = props.values ?? {
    nama: c.name,
    jenis_kelamin: String(c.sex),
    tanggal_lahir: c.birth_date,
    nik: c.nik ?? '',
    no_kk: c.family_number ?? '',
    posyandu: c.posyandu_id,
    nama_ibu: c.mother_name ?? '',
    nik_ibu: c.mother_nik ?? '',
  };
  const title = t('health.editChild', { name: c.name });
  return (
    <Page title={title} back={{ href: childUrl(c.id), label: c.name }}>
      <p>{t('health.editChildHint')}</p>
      <ErrorSummary errors={errors} />
      <Form action={`${childUrl(c.id)}/ubah`}>
        <TextField name="nama" label={t('health.field.childName')} value={values.nama} error={errors.nama} />
        <SexAndBirthFields values={values} errors={errors} />
        <TextField
          {...fieldFor(values, errors, 'nik')}
          label={t('health.field.nik')}
          hint={t('health.hint.nik')}
          inputmode="numeric"
        />
        {c.resident_id ? (
          <CheckboxField
            name="lepas"
            value="ya"
            label={t('health.field.unlink')}
            checked={values.lepas === 'ya'}
          />
        ) : (
          ''
        )}
        <FamilyAndMotherFields values={values} errors={errors} motherHint={t('health.hint.motherEdit')} />
        <SelectField
          {...fieldFor(values, errors, 'posyandu')}
          label={t('health.field.posyandu')}
          options={props.posyandu.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Button>{t('health.save')}</Button>
      </Form>
    </Page>
  );
}
