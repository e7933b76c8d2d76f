import { formatNumber, t } from '../../../platform/i18n/index.ts';
import {
  BackLink,
  Button,
  CheckboxField,
  ErrorSummary,
  Form,
  fieldFor,
  Panel,
  SelectField,
  Table,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import type { Puskesmas, VillageChoice } from '../puskesmas.ts';
import { BASE, FormPanel } from './parts.tsx';

export const PUSKESMAS_URL = `${BASE}/puskesmas`;
export const puskesmasUrl = (code: string) => `${PUSKESMAS_URL}/${encodeURIComponent(code)}`;

type Values = Record<string, string | undefined>;
type Errors = Record<string, string>;
type Kecamatan = Array<{ code: string; name: string }>;

/** Name, kecamatan and active: the fields the add and edit forms share. */
function PuskesmasFields(props: { values: Values; errors: Errors; kecamatan: Kecamatan }): SafeHtml {
  const { values, errors } = props;
  return (
    <>
      <TextField {...fieldFor(values, errors, 'nama')} label={t('health.puskesmas.name')} required />
      <SelectField
        {...fieldFor(values, errors, 'kecamatan')}
        label={t('health.puskesmas.kecamatan')}
        placeholder=""
        options={props.kecamatan.map((k) => ({ value: k.code, label: `${k.name} (${k.code})` }))}
        required
      />
      <CheckboxField
        name="aktif"
        value="ya"
        label={t('health.puskesmas.active')}
        checked={values.aktif === 'ya'}
      />
    </>
  );
}

export function PuskesmasListPage(props: {
  rows: Puskesmas[];
  kecamatan: Kecamatan;
  values?: Values;
  errors?: Errors;
}): SafeHtml {
  const errors = props.errors ?? {};
  const values = props.values ?? { aktif: 'ya' };
  const kecamatanName = new Map(props.kecamatan.map((k) => [k.code, k.name]));
  return (
    <Page title={t('health.puskesmas.title')} wide>
      <p>{t('health.puskesmas.lead')}</p>
      <Table
        caption={t('health.puskesmas.title')}
        rows={props.rows}
        empty={t('health.puskesmas.none')}
        columns={[
          { header: t('health.puskesmas.code'), cell: (p) => p.code },
          { header: t('health.puskesmas.name'), cell: (p) => <a href={puskesmasUrl(p.code)}>{p.name}</a> },
          {
            header: t('health.puskesmas.kecamatan'),
            cell: (p) => kecamatanName.get(p.kecamatanCode) ?? p.kecamatanCode,
          },
          {
            header: t('health.puskesmas.villageCount'),
            cell: (p) => formatNumber(p.villages),
            numeric: true,
          },
          {
            header: t('health.puskesmas.officerCount'),
            cell: (p) => formatNumber(p.officers),
            numeric: true,
          },
          { header: t('health.puskesmas.active'), cell: (p) => (p.active ? '✓' : '–') },
        ]}
      />
      <FormPanel title={t('health.puskesmas.add')} action={PUSKESMAS_URL} errors={errors}>
        <TextField
          {...fieldFor(values, errors, 'kode')}
          label={t('health.puskesmas.code')}
          hint={t('health.puskesmas.codeHint')}
          width="medium"
          required
        />
        <PuskesmasFields values={values} errors={errors} kecamatan={props.kecamatan} />
        <Button>{t('health.puskesmas.save')}</Button>
      </FormPanel>
    </Page>
  );
}

/** The area's villages as checkboxes, one fieldset per kecamatan; villages of other areas say whose. */
function VillageBoxes(props: { villages: VillageChoice[]; chosen: Set<string> }): SafeHtml {
  const groups = new Map<string, VillageChoice[]>();
  for (const v of props.villages) groups.set(v.kecamatanName, [...(groups.get(v.kecamatanName) ?? []), v]);
  return (
    <>
      {[...groups].map(([kecamatan, villages]) => (
        <fieldset class="checkbox-group">
          <legend>{kecamatan}</legend>
          {villages.map((v) => (
            <CheckboxField
              name="desa"
              value={v.code}
              label={
                v.elsewhere ? `${v.name} — ${t('health.puskesmas.inOther', { name: v.elsewhere })}` : v.name
              }
              checked={props.chosen.has(v.code)}
            />
          ))}
        </fieldset>
      ))}
    </>
  );
}

export function PuskesmasPage(props: {
  data: {
    puskesmas: Puskesmas;
    villages: VillageChoice[];
    officers: Array<{ id: string; name: string; email: string }>;
    kecamatan: Kecamatan;
  };
  values?: Values;
  errors?: Errors;
  /** the villages ticked on a refused form, kept as they were sent */
  chosen?: string[];
}): SafeHtml {
  const { puskesmas: p } = props.data;
  const errors = props.errors ?? {};
  const values = props.values ?? { nama: p.name, kecamatan: p.kecamatanCode, aktif: p.active ? 'ya' : '' };
  const chosen = new Set(props.chosen ?? props.data.villages.filter((v) => v.chosen).map((v) => v.code));
  return (
    <Layout title={p.name} wide>
      <BackLink href={PUSKESMAS_URL}>{t('health.puskesmas.title')}</BackLink>
      <h1>
        {p.name} ({p.code})
      </h1>
      <ErrorSummary errors={errors} />
      <Panel title={t('health.puskesmas.edit')}>
        <Form action={`${puskesmasUrl(p.code)}/ubah`}>
          <PuskesmasFields values={values} errors={errors} kecamatan={props.data.kecamatan} />
          <Button>{t('health.puskesmas.save')}</Button>
        </Form>
      </Panel>
      <Panel title={t('health.puskesmas.officers')}>
        <p class="hint">{t('health.puskesmas.officersHint')}</p>
        <Table
          rows={props.data.officers}
          empty={t('health.puskesmas.noOfficer')}
          label={t('health.puskesmas.officers')}
          columns={[
            { header: t('health.field.name'), cell: (o) => o.name },
            { header: 'E-mail', cell: (o) => o.email },
            {
              header: '',
              cell: (o) => (
                <Form action={`${puskesmasUrl(p.code)}/petugas/lepas`}>
                  <input type="hidden" name="petugas" value={o.id} />
                  <Button variant="secondary">{t('health.puskesmas.unassign')}</Button>
                </Form>
              ),
            },
          ]}
        />
        <Form action={`${puskesmasUrl(p.code)}/petugas`}>
          <TextField
            {...fieldFor(values, errors, 'email')}
            label={t('health.puskesmas.officerEmail')}
            type="email"
          />
          <Button>{t('health.puskesmas.assign')}</Button>
        </Form>
      </Panel>
      <Panel title={t('health.puskesmas.villages')}>
        <Form action={`${puskesmasUrl(p.code)}/desa`}>
          <p class="hint">{t('health.puskesmas.villagesHint')}</p>
          {errors.desa ? (
            <p class="error-message" id="error-desa">
              {errors.desa}
            </p>
          ) : (
            ''
          )}
          <VillageBoxes villages={props.data.villages} chosen={chosen} />
          <Button>{t('health.puskesmas.save')}</Button>
        </Form>
      </Panel>
    </Layout>
  );
}
