import { formatDate, formatDateTime, t } from '../../../platform/i18n/index.ts';
import {
  BackLink,
  Button,
  ButtonLink,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  Panel,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import { raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import { codeList } from '../codes.ts';
import { CORRECTABLE, type CorrectionSummary, type CorrectionView } from '../corrections.ts';
import { fieldLabel, fieldValue } from '../display.ts';
import type { Resident } from '../repo.ts';
import type { CorrectionState } from '../schema.ts';
import type { VillageChoice } from './pages.tsx';

const STAFF_BASE = '/kelola/penduduk/perbaikan';

export function CorrectionStateTag(props: { state: CorrectionState }): SafeHtml {
  const tone = props.state === 'diterapkan' ? 'good' : props.state === 'ditolak' ? 'bad' : 'info';
  return <StatusTag tone={tone}>{t(`residents.correction.state.${props.state}`)}</StatusTag>;
}

function labels(): Record<string, string> {
  return {
    ...Object.fromEntries(CORRECTABLE.map((c) => [c.column, fieldLabel(c.field)])),
    bidang: t('residents.correction.fields'),
    catatan: t('residents.correction.note'),
    telepon: t('residents.correction.phone'),
    foto: t('residents.correction.photo'),
    alasan: t('residents.correction.reason'),
  };
}

/**
 * The resident's form: whose data (themself or a family member), then each printed field with what
 * the registry holds and a box for the right value (left empty when it is right), a note, a photo.
 */
export function CorrectionFormPage(p: {
  subject: Resident;
  subjects: Resident[];
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
  returnPath: string | null;
}): SafeHtml {
  const e = p.errors ?? {};
  const names = labels();
  const back = p.returnPath ?? '/akun';
  const query = p.returnPath ? `&kembali=${encodeURIComponent(p.returnPath)}` : '';
  return (
    <Layout
      title={t('residents.correction.title')}
      head={<script src="/static/shrink-photos.js" defer></script>}
    >
      <BackLink href={back}>{t('residents.correction.back')}</BackLink>
      <h1>{t('residents.correction.title')}</h1>
      <p>{t('residents.correction.lead')}</p>
      <ErrorSummary errors={p.errors} labels={names} />
      {p.subjects.length > 1 ? (
        <Form action="/akun/perbaikan/baru" method="get" class="inline-form">
          {p.returnPath ? <input type="hidden" name="kembali" value={p.returnPath} /> : ''}
          <SelectField
            name="warga"
            label={t('residents.correction.whose')}
            value={p.subject.id}
            options={p.subjects.map((s) => ({ value: s.id, label: s.name }))}
          />
          <Button variant="secondary">{t('residents.correction.choose')}</Button>
        </Form>
      ) : (
        ''
      )}
      <Form action={`/akun/perbaikan/baru?warga=${p.subject.id}${query}`} multipart class="request-form">
        <fieldset class={e.bidang ? 'field field-error' : 'field'} id="field-bidang">
          <legend>
            <h2>{t('residents.correction.dataOf', { name: p.subject.name })}</h2>
          </legend>
          <p class="hint">{t('residents.correction.fieldsHint')}</p>
          {e.bidang ? <p class="error-message">{e.bidang}</p> : ''}
          {CORRECTABLE.map((c) => {
            const now = p.subject[c.field];
            const hint = t('residents.correction.recorded', {
              value: fieldValue(c.field, now),
            });
            if (c.list)
              return (
                <SelectField
                  name={c.column}
                  label={names[c.column]!}
                  hint={hint}
                  value={p.values[c.column] ?? ''}
                  error={e[c.column]}
                  placeholder={t('residents.correction.isRight')}
                  options={codeList(c.list).map((o) => ({ value: String(o.code), label: o.label }))}
                />
              );
            return (
              <TextField
                name={c.column}
                label={names[c.column]!}
                hint={hint}
                type={c.field === 'birthDate' ? 'date' : 'text'}
                value={p.values[c.column] ?? ''}
                error={e[c.column]}
                width={c.field === 'rt' || c.field === 'rw' ? 'short' : undefined}
              />
            );
          })}
        </fieldset>
        <TextArea
          name="catatan"
          label={names.catatan!}
          hint={t('residents.correction.noteHint')}
          value={p.values.catatan ?? ''}
          error={e.catatan}
          required
        />
        <FileField
          name="foto"
          label={names.foto!}
          hint={t('residents.correction.photoHint')}
          accept="image/jpeg,image/png,application/pdf"
          error={e.foto}
        />
        <TextField
          name="telepon"
          label={names.telepon!}
          hint={t('residents.correction.phoneHint')}
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          value={p.values.telepon ?? ''}
          error={e.telepon}
        />
        <Button>{t('residents.correction.send')}</Button>
      </Form>
    </Layout>
  );
}

function ItemsTable(p: { view: CorrectionView; staff: boolean; decide: boolean }): SafeHtml {
  const columns = [
    { header: t('residents.correction.field'), cell: (i: CorrectionView['items'][number]) => i.label },
    { header: t('residents.correction.old'), cell: (i: CorrectionView['items'][number]) => i.fromText },
    {
      header: t('residents.correction.new'),
      cell: (i: CorrectionView['items'][number]) => <strong>{i.toText}</strong>,
    },
    {
      header: t('residents.statusLabel'),
      cell: (i: CorrectionView['items'][number]) =>
        i.state === 'diterapkan' ? (
          <StatusTag tone="good">{t('residents.correction.itemApplied')}</StatusTag>
        ) : p.decide ? (
          <Form action={`${STAFF_BASE}/${p.view.id}/terapkan`}>
            <input type="hidden" name="bidang" value={i.field} />
            <Button variant="secondary">{t('residents.correction.applyOne', { field: i.label })}</Button>
          </Form>
        ) : (
          t('residents.correction.itemWaiting')
        ),
    },
  ];
  return <Table rows={p.view.items} columns={columns} caption={t('residents.correction.fields')} />;
}

/** The resident's view of their request: what they asked, its state, and the way back to their letter. */
export function MyCorrectionPage(p: { view: CorrectionView }): SafeHtml {
  const v = p.view;
  return (
    <Page
      title={t('residents.correction.title')}
      heading={t('residents.correction.titleOf', { name: v.subject.name })}
      back={{ href: '/akun', label: t('residents.correction.toAccount') }}
    >
      <SummaryList
        rows={[
          [t('residents.statusLabel'), <CorrectionStateTag state={v.state} />],
          [t('residents.correction.sent'), formatDateTime(v.createdAt)],
          [t('residents.correction.note'), v.note],
          ...(v.reason ? ([[t('residents.correction.reason'), v.reason]] as Array<[string, string]>) : []),
        ]}
      />
      <p>{t(`residents.correction.stateLead.${v.state}`)}</p>
      <ItemsTable view={v} staff={false} decide={false} />
      {v.state === 'diterapkan' && v.returnPath ? (
        <p>
          <ButtonLink href={v.returnPath} variant="primary">
            {t('residents.correction.continue')}
          </ButtonLink>
        </p>
      ) : (
        ''
      )}
    </Page>
  );
}

/** The office's queue of correction requests for one village. */
export function CorrectionListPage(p: {
  village: VillageChoice;
  villages: VillageChoice[];
  rows: CorrectionSummary[];
  state: string;
}): SafeHtml {
  const title = t('residents.correction.listTitle', { village: p.village.name });
  return (
    <Page title={title}>
      <Form action={STAFF_BASE} method="get" class="inline-form">
        {p.villages.length > 1 ? (
          <SelectField
            name="desa"
            label={t('residents.village')}
            value={p.village.code}
            options={p.villages.map((v) => ({ value: v.code, label: v.name }))}
          />
        ) : (
          <input type="hidden" name="desa" value={p.village.code} />
        )}
        <SelectField
          name="status"
          label={t('residents.statusLabel')}
          value={p.state}
          placeholder={t('residents.correction.allStates')}
          options={(['diajukan', 'diterapkan', 'ditolak'] as const).map((s) => ({
            value: s,
            label: t(`residents.correction.state.${s}`),
          }))}
        />
        <Button variant="secondary">{t('residents.correction.filter')}</Button>
      </Form>
      <Table
        rows={p.rows}
        empty={t('residents.correction.none')}
        columns={[
          {
            header: t('residents.name'),
            cell: (r) => <a href={`${STAFF_BASE}/${r.id}`}>{r.name}</a>,
          },
          { header: 'NIK', cell: (r) => r.nik },
          { header: t('residents.correction.fields'), cell: (r) => r.fields },
          { header: t('residents.statusLabel'), cell: (r) => <CorrectionStateTag state={r.state} /> },
          { header: t('residents.correction.sent'), cell: (r) => formatDate(r.createdAt) },
        ]}
      />
    </Page>
  );
}

/** The office's page of one request: old and new per field, apply one or all, or refuse with a reason. */
export function CorrectionDecisionPage(p: {
  view: CorrectionView;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
  values?: Record<string, string> | undefined;
}): SafeHtml {
  const v = p.view;
  const decide = v.can.decide;
  return (
    <Page
      title={t('residents.correction.titleOf', { name: v.subject.name })}
      back={{ href: `${STAFF_BASE}?desa=${v.villageCode}`, label: t('residents.correction.toList') }}
    >
      {p.message ? (
        <div class="error-summary" role="alert">
          <p>{p.message}</p>
        </div>
      ) : (
        ''
      )}
      <ErrorSummary errors={p.errors} labels={labels()} />
      <SummaryList
        rows={[
          ['NIK', v.subject.nik],
          [t('residents.statusLabel'), <CorrectionStateTag state={v.state} />],
          [t('residents.correction.sent'), formatDateTime(v.createdAt)],
          [
            t('residents.correction.askedBy'),
            v.requestedBySelf ? t('residents.correction.bySelf') : t('residents.correction.byFamily'),
          ],
          [t('residents.correction.note'), v.note],
          [
            t('residents.correction.photo'),
            v.hasPhoto ? (
              <a href={`${STAFF_BASE}/${v.id}/foto`}>{t('residents.correction.openPhoto')}</a>
            ) : (
              t('residents.correction.noPhoto')
            ),
          ],
          ...(v.reason ? ([[t('residents.correction.reason'), v.reason]] as Array<[string, string]>) : []),
        ]}
      />
      <ItemsTable view={v} staff decide={decide} />
      {v.items.some((i) => i.state === 'menunggu' && i.nowText !== i.fromText) ? (
        <p class="hint">{t('residents.correction.changedSince')}</p>
      ) : (
        ''
      )}
      {decide ? (
        <>
          <Form action={`${STAFF_BASE}/${v.id}/terapkan`}>
            <Button>{t('residents.correction.applyAll')}</Button>
          </Form>
          <Panel title={t('residents.correction.refuseTitle')}>
            <Form action={`${STAFF_BASE}/${v.id}/tolak`}>
              <TextArea
                name="alasan"
                label={t('residents.correction.reason')}
                hint={t('residents.correction.reasonHint')}
                value={p.values?.alasan ?? ''}
                error={p.errors?.alasan}
                required
              />
              <Button variant="warning">{t('residents.correction.refuse')}</Button>
            </Form>
          </Panel>
        </>
      ) : (
        raw('')
      )}
    </Page>
  );
}

/** The resident's requests on their account page. */
export function MyCorrectionsSection(p: { rows: CorrectionSummary[] }): SafeHtml {
  return (
    <section aria-labelledby="my-corrections">
      <h2 id="my-corrections">{t('residents.correction.mine')}</h2>
      <p>
        <a href="/akun/perbaikan/baru">{t('residents.correction.title')}</a>
      </p>
      {p.rows.length > 0 ? (
        <Table
          rows={p.rows}
          label={t('residents.correction.mine')}
          columns={[
            { header: t('residents.name'), cell: (r) => <a href={`/akun/perbaikan/${r.id}`}>{r.name}</a> },
            { header: t('residents.correction.fields'), cell: (r) => r.fields },
            { header: t('residents.statusLabel'), cell: (r) => <CorrectionStateTag state={r.state} /> },
          ]}
        />
      ) : (
        ''
      )}
    </section>
  );
}
