import { t } from '../../../platform/i18n/index.ts';
import {
  CheckboxField,
  type FieldErrors,
  fieldFor,
  SelectField,
  StatusTag,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { type EnterpriseStatus, INSTITUTIONS, LEGAL_FORMS, TURNOVER_BANDS } from '../domain.ts';
import { KBLI_CATEGORIES } from '../kbli.ts';
import type { Enterprise } from '../service.ts';

export const BASE = '/kelola/umkm';
export const OWNER_BASE = '/akun/usaha';

export type Values = Record<string, string | undefined>;

export function sectorOptions() {
  return KBLI_CATEGORIES.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));
}

export function StatusBadge(props: { status: EnterpriseStatus }): SafeHtml {
  const tone = props.status === 'terdaftar' ? 'good' : props.status === 'menunggu' ? 'info' : 'warn';
  return <StatusTag tone={tone}>{t(`umkm.status.${props.status}`)}</StatusTag>;
}

const checked = (v: string | undefined) => v === '1';

/** The form's values from a saved enterprise (for editing it). */
export function valuesOf(e: Enterprise): Values {
  return {
    nik_pemilik: e.owner.nik && e.full ? e.owner.nik : '',
    nama_pemilik: e.owner.residentId ? '' : e.owner.name,
    alasan_bukan_warga: e.owner.nonResidentReason ?? '',
    nama: e.name,
    sektor: e.kbliCategory,
    kbli: e.kbliCode ?? '',
    produk: e.products,
    nib: e.nib ?? '',
    pirt: e.pirt ?? '',
    halal: e.halal ?? '',
    bpom: e.bpom ?? '',
    bentuk: e.legalForm,
    kelembagaan: e.institution,
    pekerja_laki: String(e.workersMale),
    pekerja_perempuan: String(e.workersFemale),
    omzet: e.turnoverBand ?? '',
    dusun: e.dusun,
    alamat: e.address,
    lat: e.lat === null ? '' : String(e.lat),
    lng: e.lng === null ? '' : String(e.lng),
    telepon: e.phone,
    email: e.email,
    program: e.programmes,
    tampilkan: e.publish ? '1' : '',
    tampilkan_alamat: e.publishAddress ? '1' : '',
    tampilkan_omzet: e.publishTurnover ? '1' : '',
  };
}

export function OwnerFields(props: { values?: Values; errors?: FieldErrors }): SafeHtml {
  const v = props.values;
  const e = props.errors;
  return (
    <fieldset>
      <legend>{t('umkm.form.owner')}</legend>
      <TextField
        {...fieldFor(v, e, 'nik_pemilik')}
        label={t('umkm.form.ownerNik')}
        hint={t('umkm.form.ownerNikHint')}
        inputmode="numeric"
        maxlength={16}
      />
      <TextField {...fieldFor(v, e, 'nama_pemilik')} label={t('umkm.form.ownerName')} />
      <TextField {...fieldFor(v, e, 'alasan_bukan_warga')} label={t('umkm.form.nonResidentReason')} />
    </fieldset>
  );
}

/** The enterprise's own fields, the same for the office and the owner. */
export function EnterpriseFields(props: { values?: Values; errors?: FieldErrors }): SafeHtml {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      <TextField {...fieldFor(v, e, 'nama')} label={t('umkm.form.name')} required />
      <SelectField
        {...fieldFor(v, e, 'sektor')}
        label={t('umkm.form.sector')}
        options={sectorOptions()}
        placeholder={t('umkm.form.choose')}
        required
      />
      <TextField
        {...fieldFor(v, e, 'kbli')}
        label={t('umkm.form.kbli')}
        hint={t('umkm.form.kbliHint')}
        inputmode="numeric"
        maxlength={5}
      />
      <TextArea {...fieldFor(v, e, 'produk')} label={t('umkm.form.products')} rows={2} />
      <SelectField
        {...fieldFor(v, e, 'omzet')}
        label={t('umkm.form.turnover')}
        hint={t('umkm.form.turnoverHint')}
        options={TURNOVER_BANDS.map((b) => ({ value: b, label: t(`umkm.turnover.${b}`) }))}
        placeholder={t('umkm.form.choose')}
        required
      />
      <fieldset>
        <legend>{t('umkm.form.permits')}</legend>
        <TextField
          {...fieldFor(v, e, 'nib')}
          label={t('umkm.form.nib')}
          hint={t('umkm.form.nibHint')}
          inputmode="numeric"
          maxlength={13}
        />
        <TextField {...fieldFor(v, e, 'pirt')} label={t('umkm.form.pirt')} />
        <TextField {...fieldFor(v, e, 'halal')} label={t('umkm.form.halal')} />
        <TextField {...fieldFor(v, e, 'bpom')} label={t('umkm.form.bpom')} />
      </fieldset>
      <SelectField
        {...fieldFor(v, e, 'bentuk')}
        label={t('umkm.form.legalForm')}
        options={LEGAL_FORMS.map((f) => ({ value: f, label: t(`umkm.legal.${f}`) }))}
      />
      <SelectField
        {...fieldFor(v, e, 'kelembagaan')}
        label={t('umkm.form.institution')}
        options={INSTITUTIONS.map((f) => ({ value: f, label: t(`umkm.institution.${f}`) }))}
      />
      <fieldset>
        <legend>{t('umkm.form.workers')}</legend>
        <TextField
          {...fieldFor(v, e, 'pekerja_laki')}
          label={t('umkm.form.workersMale')}
          inputmode="numeric"
        />
        <TextField
          {...fieldFor(v, e, 'pekerja_perempuan')}
          label={t('umkm.form.workersFemale')}
          inputmode="numeric"
        />
      </fieldset>
      <fieldset>
        <legend>{t('umkm.form.place')}</legend>
        <TextField {...fieldFor(v, e, 'dusun')} label={t('umkm.form.dusun')} />
        <TextField {...fieldFor(v, e, 'alamat')} label={t('umkm.form.address')} />
        <TextField
          {...fieldFor(v, e, 'lat')}
          label={t('umkm.form.lat')}
          hint={t('umkm.form.pointHint')}
          inputmode="decimal"
        />
        <TextField {...fieldFor(v, e, 'lng')} label={t('umkm.form.lng')} inputmode="decimal" />
      </fieldset>
      <TextField
        {...fieldFor(v, e, 'telepon')}
        label={t('umkm.form.phone')}
        hint={t('umkm.form.phoneHint')}
        inputmode="tel"
      />
      <TextField {...fieldFor(v, e, 'email')} label={t('umkm.form.email')} inputmode="email" />
      <TextArea {...fieldFor(v, e, 'program')} label={t('umkm.form.programmes')} rows={2} />
      <fieldset>
        <legend>{t('umkm.form.consent')}</legend>
        <CheckboxField
          name="tampilkan"
          label={t('umkm.form.publish')}
          hint={t('umkm.form.publishHint')}
          checked={checked(v?.tampilkan)}
        />
        <CheckboxField
          name="tampilkan_alamat"
          label={t('umkm.form.publishAddress')}
          checked={checked(v?.tampilkan_alamat)}
        />
        <CheckboxField
          name="tampilkan_omzet"
          label={t('umkm.form.publishTurnover')}
          checked={checked(v?.tampilkan_omzet)}
        />
      </fieldset>
    </>
  );
}

/** What a form's error summary calls each field. */
export function fieldLabels(): Record<string, string> {
  return {
    nik_pemilik: t('umkm.form.ownerNik'),
    nama_pemilik: t('umkm.form.ownerName'),
    alasan_bukan_warga: t('umkm.form.nonResidentReason'),
    nama: t('umkm.form.name'),
    sektor: t('umkm.form.sector'),
    kbli: t('umkm.form.kbli'),
    omzet: t('umkm.form.turnover'),
    nib: t('umkm.form.nib'),
    bentuk: t('umkm.form.legalForm'),
    kelembagaan: t('umkm.form.institution'),
    pekerja_laki: t('umkm.form.workersMale'),
    pekerja_perempuan: t('umkm.form.workersFemale'),
    lat: t('umkm.form.lat'),
    lng: t('umkm.form.lng'),
    telepon: t('umkm.form.phone'),
    email: t('umkm.form.email'),
    alasan: t('umkm.returnReason'),
  };
}
