import { formatDate, formatNumber, t } from '../../../platform/i18n/index.ts';
import type { ImportRecord } from '../../../platform/imports/index.ts';
import {
  Button,
  ButtonLink,
  Form,
  fieldFor,
  Panel,
  StatusTag,
  SummaryList,
  Table,
  TextField,
} from '../../../platform/ui/components.tsx';
import { ImportsTable, SheetUploadForm } from '../../../platform/ui/imports.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import { type AtRiskChild, actionsFor, type ChildRecord, maskedNik, type Posyandu } from '../service.ts';
import {
  ageText,
  BASE,
  ChildBody,
  childUrl,
  FormPanel,
  PRINT_CSS,
  posyanduUrl,
  sessionUrl,
} from './parts.tsx';
import { FamilyAndMotherFields, PosyanduFields, SexAndBirthFields } from './registry-fields.tsx';

type Values = Record<string, string | undefined>;
type Errors = Record<string, string>;

export function PosyanduListPage(props: {
  rows: Posyandu[];
  openIn: string | null;
  /** the reader keeps the puskesmas list (admin, Dinkes' regency desk) */
  keepsPuskesmas?: boolean;
  values?: Values;
  errors?: Errors;
}): SafeHtml {
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <Page title={t('health.title')} wide>
      <p>
        <a href={`${BASE}/perlu-kunjungan`}>{t('health.atRiskTitle')}</a> ·{' '}
        <a href={`${BASE}/ibu-hamil`}>{t('health.pregnantTitle')}</a>
        {props.keepsPuskesmas ? (
          <>
            {' '}
            · <a href={`${BASE}/puskesmas`}>{t('health.puskesmas.title')}</a>
          </>
        ) : (
          ''
        )}
      </p>
      <Table
        caption={t('health.posyanduList')}
        rows={props.rows}
        empty={t('health.noPosyandu')}
        columns={[
          { header: t('health.col.posyandu'), cell: (p) => <a href={posyanduUrl(p.id)}>{p.name}</a> },
          { header: t('health.col.village'), cell: (p) => p.villageCode },
          { header: t('health.col.dusun'), cell: (p) => p.dusun || '–' },
          { header: t('health.col.children'), cell: (p) => formatNumber(p.children), numeric: true },
          { header: t('health.col.measured'), cell: (p) => formatNumber(p.measured), numeric: true },
        ]}
      />
      {props.openIn ? (
        <FormPanel title={t('health.newPosyandu')} action={`${BASE}/posyandu`} errors={errors}>
          <PosyanduFields values={values} errors={errors} />
          <Button>{t('health.save')}</Button>
        </FormPanel>
      ) : (
        ''
      )}
    </Page>
  );
}

export function PosyanduPage(props: {
  data: {
    posyandu: Posyandu;
    mayRecord: boolean;
    mayKeep: boolean;
    kaders: Array<{ id: string; name: string; email: string; awaitingFirstLogin: boolean }>;
  };
  today: string;
  values?: Values;
  errors?: Errors;
}): SafeHtml {
  const { posyandu: p, mayRecord, mayKeep, kaders } = props.data;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <Page title={p.name} back={{ href: BASE, label: t('health.title') }} wide>
      {mayKeep ? (
        <p>
          <a href={`${posyanduUrl(p.id)}/ubah`}>{t('health.editLink')}</a>
        </p>
      ) : (
        ''
      )}
      <SummaryList
        rows={[
          [t('health.col.village'), p.villageCode],
          [t('health.col.dusun'), p.dusun || '–'],
          [
            t('health.field.scheduleDay'),
            p.scheduleDay ? t('health.scheduleOn', { day: p.scheduleDay }) : '–',
          ],
          [t('health.col.children'), formatNumber(p.children)],
          [t('health.col.measured'), formatNumber(p.measured)],
        ]}
      />
      <p>
        {mayRecord ? (
          <ButtonLink href={sessionUrl(p.id, props.today)} variant="primary">
            {t('health.enterSession')}
          </ButtonLink>
        ) : (
          ''
        )}{' '}
        <a href={`${BASE}/perlu-kunjungan?posyandu=${p.id}`}>{t('health.atRiskHere')}</a>
        {mayRecord ? (
          <>
            {' '}
            · <a href={`${BASE}/impor?posyandu=${p.id}`}>{t('health.importTitle')}</a>
          </>
        ) : (
          ''
        )}
      </p>
      {mayRecord ? (
        <FormPanel title={t('health.registerChild')} action={`${posyanduUrl(p.id)}/anak`} errors={errors}>
          <TextField
            {...fieldFor(values, errors, 'nik')}
            label={t('health.field.nik')}
            hint={t('health.hint.nik')}
            inputmode="numeric"
          />
          <TextField {...fieldFor(values, errors, 'nama')} label={t('health.field.childName')} />
          <SexAndBirthFields values={values} errors={errors} sexPlaceholder="" />
          <FamilyAndMotherFields values={values} errors={errors} />
          <Button>{t('health.save')}</Button>
        </FormPanel>
      ) : (
        ''
      )}
      {mayRecord ? (
        <Panel title={t('health.registerPregnancy')}>
          <Form action={`${posyanduUrl(p.id)}/ibu-hamil`}>
            <TextField
              name="nik"
              label={t('health.field.motherNik')}
              value={values.hamil_nik}
              inputmode="numeric"
            />
            <TextField name="nama" label={t('health.field.motherName')} />
            <TextField name="hpl" type="date" label={t('health.field.expectedDate')} width="medium" />
            <Button variant="secondary">{t('health.save')}</Button>
          </Form>
        </Panel>
      ) : (
        ''
      )}
      {mayKeep ? (
        <Panel title={t('health.kaders')}>
          <Table
            rows={kaders}
            label={t('health.kaders')}
            empty={t('health.noKader')}
            columns={[
              { header: t('health.field.name'), cell: (k) => k.name },
              { header: t('health.field.email'), cell: (k) => k.email },
              {
                header: t('health.kaderStatus'),
                cell: (k) =>
                  k.awaitingFirstLogin ? (
                    <Form action={`/kelola/onboarding/akun/${k.id}/kode-baru`}>
                      <input type="hidden" name="kembali" value={posyanduUrl(p.id)} />
                      <StatusTag tone="warn">{t('health.kaderAwaiting')}</StatusTag>{' '}
                      <Button variant="secondary">{t('health.kaderNewCode')}</Button>
                    </Form>
                  ) : (
                    <StatusTag tone="good">{t('health.kaderActive')}</StatusTag>
                  ),
              },
            ]}
          />
          <h3>{t('health.kaderNew')}</h3>
          <p>{t('health.kaderNewLead')}</p>
          <Form action={`${posyanduUrl(p.id)}/kader-baru`}>
            <TextField {...fieldFor(values, errors, 'kader_nama')} label={t('health.field.name')} />
            <TextField
              {...fieldFor(values, errors, 'kader_telepon')}
              type="tel"
              label={t('health.field.kaderPhone')}
              width="medium"
            />
            <TextField
              {...fieldFor(values, errors, 'kader_email')}
              type="email"
              label={t('health.field.kaderEmail')}
              hint={t('health.hint.kaderNewEmail')}
            />
            <Button variant="primary">{t('health.kaderCreate')}</Button>
          </Form>
          <h3>{t('health.kaderExisting')}</h3>
          <Form action={`${posyanduUrl(p.id)}/kader`}>
            <TextField
              name="email"
              type="email"
              label={t('health.field.kaderEmail')}
              hint={t('health.hint.kaderEmail')}
              error={errors.email}
            />
            <Button variant="secondary">{t('health.linkKader')}</Button>
          </Form>
        </Panel>
      ) : (
        ''
      )}
    </Page>
  );
}

export function KaderCreatedPage(props: {
  created: {
    posyandu: { id: string; name: string };
    name: string;
    email: string;
    code: string;
    validUntil: Date;
    lettersHref: string | null;
  };
}): SafeHtml {
  const c = props.created;
  return (
    <Page title={t('health.kaderCreated')}>
      <p>{t('health.kaderCreatedLead', { name: c.name, email: c.email, posyandu: c.posyandu.name })}</p>
      <p style="font-size:1.6rem">
        <code data-code>{`${c.code.slice(0, 4)}-${c.code.slice(4)}`}</code>
      </p>
      <p>{t('health.kaderCodeOnce', { until: formatDate(c.validUntil) })}</p>
      {c.lettersHref ? (
        <p>
          <ButtonLink href={c.lettersHref}>{t('health.kaderLetter')}</ButtonLink>
        </p>
      ) : (
        ''
      )}
      <p>
        <a href={posyanduUrl(c.posyandu.id)}>{t('health.backToPosyandu')}</a>
      </p>
    </Page>
  );
}

export function ChildPage(props: { child: ChildRecord; mayLink: boolean; errors?: Errors }): SafeHtml {
  const c = props.child;
  return (
    <Layout title={c.name} wide head={PRINT_CSS}>
      <p class="no-print">
        <a href={posyanduUrl(c.posyanduId)}>← {t('health.backToPosyandu')}</a>
      </p>
      <h1>{c.name}</h1>
      {c.nik ? (
        <p>
          {t('health.field.nik')}: {c.nik}
        </p>
      ) : (
        ''
      )}
      {props.mayLink ? (
        <p class="no-print">
          <a href={`${childUrl(c.id)}/ubah`}>{t('health.editLink')}</a>
        </p>
      ) : (
        ''
      )}
      <ChildBody child={c} />
      {props.mayLink && !c.linked ? (
        <FormPanel
          title={t('health.linkResident')}
          action={`${childUrl(c.id)}/tautkan`}
          errors={props.errors}
        >
          <TextField name="nik" label={t('health.field.nik')} error={props.errors?.nik} inputmode="numeric" />
          <Button variant="secondary">{t('health.linkResident')}</Button>
        </FormPanel>
      ) : (
        ''
      )}
    </Layout>
  );
}

const REASON_TONE: Record<string, 'bad' | 'warn' | 'info'> = {
  stunted: 'bad',
  wasted: 'bad',
  underweight: 'warn',
  two_t: 'bad',
  not_gaining: 'warn',
  not_measured: 'info',
  unconfirmed: 'warn',
};

export function AtRiskPage(props: { month: string; children: AtRiskChild[]; posyanduId?: string }): SafeHtml {
  return (
    <Page
      title={t('health.atRiskTitle')}
      back={{ href: props.posyanduId ? posyanduUrl(props.posyanduId) : BASE, label: t('health.title') }}
      wide
    >
      <p>{t('health.atRiskIntro', { month: props.month.slice(0, 7), count: props.children.length })}</p>
      <Table
        caption={t('health.atRiskTitle')}
        rows={props.children}
        empty={t('health.noneAtRisk')}
        columns={[
          { header: t('health.col.child'), cell: (c) => <a href={childUrl(c.id)}>{c.name}</a> },
          { header: t('health.col.posyandu'), cell: (c) => c.posyanduName },
          { header: t('health.col.age'), cell: (c) => ageText(c.ageDays) },
          {
            header: t('health.col.why'),
            cell: (c) =>
              c.reasons.map((r) => (
                <>
                  <StatusTag tone={REASON_TONE[r]}>{t(`health.reason.${r}`)}</StatusTag>{' '}
                </>
              )),
          },
          { header: t('health.col.todo'), cell: (c) => actionsFor(c.reasons).join('; ') },
        ]}
      />
    </Page>
  );
}

export function PregnanciesPage(props: {
  rows: Array<{
    id: string;
    motherName: string;
    villageCode: string;
    expectedDate: string | null;
    checks: number;
    kekRisk: boolean;
  }>;
}): SafeHtml {
  return (
    <Page title={t('health.pregnantTitle')} back={{ href: BASE, label: t('health.title') }} wide>
      <Table
        caption={t('health.pregnantTitle')}
        rows={props.rows}
        empty={t('health.noPregnancies')}
        columns={[
          {
            header: t('health.field.motherName'),
            cell: (r) => <a href={`${BASE}/ibu-hamil/${r.id}`}>{r.motherName}</a>,
          },
          { header: t('health.col.village'), cell: (r) => r.villageCode },
          {
            header: t('health.field.expectedDate'),
            cell: (r) => (r.expectedDate ? formatDate(r.expectedDate) : '–'),
          },
          { header: t('health.col.checks'), cell: (r) => formatNumber(r.checks), numeric: true },
          {
            header: t('health.col.kek'),
            cell: (r) => (r.kekRisk ? <StatusTag tone="bad">{t('health.kekRisk')}</StatusTag> : '–'),
          },
        ]}
      />
    </Page>
  );
}

export function PregnancyPage(props: {
  pregnancy: Awaited<ReturnType<typeof import('../pregnancy.ts').getPregnancy>>;
  values?: Values;
  errors?: Errors;
}): SafeHtml {
  const g = props.pregnancy;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <Page title={g.motherName} back={{ href: `${BASE}/ibu-hamil`, label: t('health.pregnantTitle') }} wide>
      <p>{g.expectedDate ? t('health.expectedOn', { date: formatDate(g.expectedDate) }) : ''}</p>
      <Table
        caption={t('health.checks')}
        rows={g.checks}
        empty={t('health.noChecks')}
        columns={[
          { header: t('health.col.date'), cell: (c) => formatDate(c.checkedOn) },
          {
            header: t('health.field.weeks'),
            cell: (c) => (c.weeks === null ? '–' : String(c.weeks)),
            numeric: true,
          },
          {
            header: t('health.field.lila'),
            cell: (c) => (c.lilaCm === null ? '–' : formatNumber(c.lilaCm)),
            numeric: true,
          },
          {
            header: t('health.col.kek'),
            cell: (c) => (c.kekRisk ? <StatusTag tone="bad">{t('health.kekRisk')}</StatusTag> : '–'),
          },
          { header: t('health.field.ironTablets'), cell: (c) => String(c.ironTablets), numeric: true },
          {
            header: t('health.field.visit'),
            cell: (c) => (c.visit === null ? '–' : String(c.visit)),
            numeric: true,
          },
        ]}
      />
      <FormPanel title={t('health.addCheck')} action={`${BASE}/ibu-hamil/${g.id}/periksa`} errors={errors}>
        <TextField
          {...fieldFor(values, errors, 'tanggal')}
          type="date"
          label={t('health.col.date')}
          width="medium"
        />
        <TextField
          {...fieldFor(values, errors, 'usia_kehamilan')}
          label={t('health.field.weeks')}
          inputmode="numeric"
          width="short"
        />
        <TextField
          {...fieldFor(values, errors, 'lila')}
          label={t('health.field.lila')}
          hint={t('health.hint.lila')}
          inputmode="decimal"
          width="short"
        />
        <TextField
          {...fieldFor(values, errors, 'ttd')}
          label={t('health.field.ironTablets')}
          inputmode="numeric"
          width="short"
        />
        <TextField
          {...fieldFor(values, errors, 'kunjungan')}
          label={t('health.field.visit')}
          inputmode="numeric"
          width="short"
        />
        <Button>{t('health.save')}</Button>
      </FormPanel>
    </Page>
  );
}

export function ImportPage(props: {
  posyandu: { id: string; name: string };
  imports: ImportRecord[];
  error?: string;
}): SafeHtml {
  return (
    <Page
      title={t('health.importTitle')}
      back={{ href: posyanduUrl(props.posyandu.id), label: props.posyandu.name }}
      wide
    >
      <p>{t('health.importIntro')}</p>
      <p>
        <a href="/kesehatan/templat-impor.csv">{t('health.template')}</a>
      </p>
      <SheetUploadForm
        action={`${BASE}/impor?posyandu=${props.posyandu.id}`}
        label={t('health.importFile')}
        send={t('health.importSend')}
        error={props.error}
      />
      <ImportsTable
        caption={t('health.importsDone')}
        imports={props.imports}
        empty={t('health.noImports')}
        headers={{
          date: t('health.col.date'),
          file: t('health.col.file'),
          state: t('health.col.state'),
          result: t('health.col.result'),
          errors: t('health.col.errors'),
        }}
        result={(r) =>
          t('health.importResult', {
            inserted: r.inserted ?? 0,
            updated: r.updated ?? 0,
            rejected: r.rejected ?? 0,
          })
        }
        errorFile={{ label: t('health.errorFile'), href: (id) => `${BASE}/impor/${id}/galat.csv` }}
      />
    </Page>
  );
}

export { maskedNik };
