import { currentLocale, formatDate, formatDateTime, formatNumber, t } from '../../../platform/i18n/index.ts';
import { asset } from '../../../platform/ui/assets.ts';
import {
  Button,
  CheckboxField,
  EmptyState,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  fieldFor,
  Pagination,
  Panel,
  SelectField,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import type { Category, ComplianceRow, PublicListRow, PublicView } from '../service.ts';
import {
  categoryChoices,
  categoryName,
  detailValue,
  PhoneField,
  percent,
  placeText,
  SameKindFields,
  StateTag,
  stateChoices,
  type VillageOption,
  VillageSelect,
} from './parts.tsx';

export type FormValues = Record<string, string | undefined>;

export function ComplaintsHead(): SafeHtml {
  return <link rel="stylesheet" href={asset('/pengaduan/aset/pengaduan.css')} />;
}

/** The page script is small; Leaflet (≈145 KB) is fetched by it only when the resident asks for the map. */
function MapHead(): SafeHtml {
  return (
    <>
      <ComplaintsHead />
      <script
        src={asset('/pengaduan/aset/peta.js')}
        data-leaflet-js={asset('/pengaduan/aset/leaflet/leaflet.js')}
        data-leaflet-css={asset('/pengaduan/aset/leaflet/leaflet.css')}
        defer
      ></script>
    </>
  );
}

/** A "show the map" button, hidden until the page script runs (nothing to press without JavaScript). */
function MapButton(props: { target: string }): SafeHtml {
  return (
    <button type="button" class="button button-secondary map-button" data-map={props.target} hidden>
      {t('complaints.map.show')}
    </button>
  );
}

/** The unit in words a resident knows, the official short name in small print for officers. */
export function HandlerName(props: { full: string; short: string }): SafeHtml {
  return (
    <>
      {props.full}
      {props.full !== props.short ? <small class="official"> ({props.short})</small> : ''}
    </>
  );
}

/** "dilaporkan 2 jam lalu": how long ago, in the largest unit that fits. */
export function ago(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 1) return t('complaints.ago.justNow');
  if (minutes < 60) return t('complaints.ago.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('complaints.ago.hours', { n: hours });
  return t('complaints.ago.days', { n: Math.floor(hours / 24) });
}

function CategoryFields(props: { category: Category; values: FormValues; errors: FieldErrors }): SafeHtml {
  const { category: c, values: v, errors: e } = props;
  return (
    <fieldset class="category-fields" data-category={c.code}>
      <legend>{t('complaints.form.detailsFor', { category: categoryName(c) })}</legend>
      {c.fields.map((f) =>
        f.datatype === 'singlevaluelist' ? (
          <SelectField
            name={`detail_${f.code}`}
            label={f.label}
            required={f.required}
            hint={f.hint}
            placeholder={t('ui.choose')}
            options={(f.values ?? []).map((o) => ({ value: o.key, label: o.name }))}
            value={v[`detail_${f.code}`]}
            error={e[`detail_${f.code}`]}
          />
        ) : (
          <TextField
            name={`detail_${f.code}`}
            label={f.label}
            required={f.required}
            hint={f.hint}
            inputmode={f.datatype === 'number' ? 'decimal' : undefined}
            width={f.datatype === 'number' ? 'short' : undefined}
            value={v[`detail_${f.code}`]}
            error={e[`detail_${f.code}`]}
          />
        ),
      )}
    </fieldset>
  );
}

function categoryOptions(categories: Category[]) {
  return categories.map((c) => ({ value: c.code, label: `${c.group} — ${categoryName(c)}` }));
}

/**
 * Step one without JavaScript: the category alone, sent by GET, so step two shows only that
 * category's questions. With JavaScript the script hides this and shows the whole form at once.
 */
function CategoryStep(props: { categories: Category[]; villageCode?: string | undefined }): SafeHtml {
  return (
    <form method="get" action="/pengaduan#lapor" class="category-step">
      <p class="hint">{t('complaints.form.step1')}</p>
      <SelectField
        name="lapor"
        label={t('complaints.form.category')}
        required
        placeholder={t('ui.choose')}
        options={categoryOptions(props.categories)}
      />
      {props.villageCode ? <input type="hidden" name="desa" value={props.villageCode} /> : ''}
      <Button>{t('complaints.form.next')}</Button>
    </form>
  );
}

export function ReportForm(props: {
  categories: Category[];
  villages: VillageOption[];
  values: FormValues;
  errors?: FieldErrors;
  tileUrl: string;
}): SafeHtml {
  const v = props.values;
  const e = props.errors ?? {};
  const chosen = props.categories.find((c) => c.code === v.categoryCode);
  const withFields = props.categories.filter((c) => c.fields.length > 0);
  return (
    <>
      {chosen ? '' : <CategoryStep categories={props.categories} villageCode={v.villageCode} />}
      <div id="report-form" hidden={chosen ? undefined : true}>
        <Form action="/pengaduan" multipart class="report-form">
          <ErrorSummary errors={e} />
          {chosen ? (
            <p class="hint step-note">
              {t('complaints.form.step2', { category: categoryName(chosen) })}{' '}
              <a
                href={`/pengaduan${v.villageCode ? `?desa=${encodeURIComponent(v.villageCode)}` : ''}#lapor`}
              >
                {t('complaints.form.changeCategory')}
              </a>
            </p>
          ) : (
            ''
          )}
          <SelectField
            name="kind"
            label={t('complaints.form.kind')}
            options={[
              { value: 'pengaduan', label: t('complaints.kind.pengaduan') },
              { value: 'aspirasi', label: t('complaints.kind.aspirasi') },
              { value: 'informasi', label: t('complaints.kind.informasi') },
            ]}
            value={v.kind ?? 'pengaduan'}
            error={e.kind}
          />
          <SelectField
            {...fieldFor(v, e, 'categoryCode')}
            label={t('complaints.form.category')}
            required
            placeholder={t('ui.choose')}
            options={categoryOptions(props.categories)}
          />
          <div id="category-fields">
            {chosen && chosen.fields.length > 0 ? (
              <CategoryFields category={chosen} values={v} errors={e} />
            ) : (
              ''
            )}
          </div>
          {withFields.map((c) => (
            <template class="category-template" data-category={c.code}>
              <CategoryFields category={c} values={{}} errors={{}} />
            </template>
          ))}
          <TextField
            {...fieldFor(v, e, 'title')}
            label={t('complaints.form.title')}
            required
            maxlength={120}
          />
          <TextArea
            {...fieldFor(v, e, 'description')}
            label={t('complaints.form.description')}
            hint={t('complaints.form.descriptionHint')}
            required
            rows={5}
            maxlength={4000}
          />
          <fieldset>
            <legend>{t('complaints.form.location')}</legend>
            <VillageSelect
              name="villageCode"
              label={t('complaints.form.village')}
              required
              villages={props.villages}
              value={v.villageCode}
              error={e.villageCode}
            />
            <TextField
              name="address"
              label={t('complaints.form.address')}
              hint={t('complaints.form.addressHint')}
              value={v.address}
              maxlength={300}
            />
            <p class="hint">{t('complaints.form.coordsOptional')}</p>
            <button type="button" class="button button-secondary" id="use-gps" hidden>
              {t('complaints.form.useGps')}
            </button>
            <MapButton target="pick-map" />
            <div id="pick-map" class="map map-small" data-tiles={props.tileUrl} hidden></div>
            <p class="hint" id="pick-hint" hidden>
              {t('complaints.form.mapHint')}
            </p>
            <div class="coords">
              <SameKindFields
                fields={[
                  { name: 'lat', label: t('complaints.form.lat') },
                  { name: 'lng', label: t('complaints.form.lng') },
                ]}
                inputmode="decimal"
                width="medium"
                values={v}
                errors={e}
              />
            </div>
            <div id="nearby" aria-live="polite"></div>
          </fieldset>
          <FileField
            name="photos"
            label={t('complaints.form.photos')}
            hint={t('complaints.form.photosHint')}
            accept="image/jpeg,image/png,image/webp"
            multiple
            error={e.photos}
          />
          <fieldset>
            <legend>{t('complaints.form.privacy')}</legend>
            <CheckboxField
              name="anonymous"
              label={t('complaints.form.anonymous')}
              hint={t('complaints.form.anonymousHint')}
              checked={v.anonymous === '1'}
              error={e.anonymous}
            />
            <SelectField
              name="confidential"
              label={t('complaints.form.confidential')}
              hint={t('complaints.form.confidentialHint')}
              options={[
                { value: 'bawaan', label: t('complaints.form.confidentialDefault') },
                { value: 'publik', label: t('complaints.form.confidentialPublic') },
                { value: 'rahasia', label: t('complaints.form.confidentialSecret') },
              ]}
              value={v.confidential ?? 'bawaan'}
            />
          </fieldset>
          <fieldset>
            <legend>{t('complaints.form.contact')}</legend>
            <p class="hint">{t('complaints.form.contactHint')}</p>
            <TextField
              name="name"
              label={t('complaints.form.name')}
              autocomplete="name"
              value={v.name}
              maxlength={120}
            />
            <PhoneField value={v.phone} error={e.phone} />
            <TextField
              {...fieldFor(v, e, 'email')}
              type="email"
              label={t('complaints.form.email')}
              autocomplete="email"
            />
          </fieldset>
          <div class="hp" aria-hidden="true">
            <label for="field-website">{t('complaints.form.honeypot')}</label>
            <input id="field-website" name="website" type="text" tabindex="-1" autocomplete="off" value="" />
          </div>
          <Button>{t('complaints.form.submit')}</Button>
        </Form>
      </div>
    </>
  );
}

export function PublicListSection(props: {
  rows: PublicListRow[];
  total: number;
  more: boolean;
  page: number;
  pageSize: number;
  filter: { kategori?: string | undefined; kecamatan?: string | undefined; status?: string | undefined };
  categories: Category[];
  kecamatan: Array<{ code: string; name: string }>;
  tileUrl: string;
  now: Date;
}): SafeHtml {
  const query = new URLSearchParams();
  for (const [k, val] of Object.entries(props.filter)) if (val) query.set(k, val);
  return (
    <section id="daftar" aria-labelledby="daftar-title">
      <h2 id="daftar-title">{t('complaints.list.title')}</h2>
      <Form action="/pengaduan#daftar" method="get" class="filters">
        <SelectField
          name="kategori"
          label={t('complaints.form.category')}
          placeholder={t('ui.all')}
          options={categoryChoices(props.categories)}
          value={props.filter.kategori}
        />
        <SelectField
          name="kecamatan"
          label={t('complaints.list.kecamatan')}
          placeholder={t('ui.all')}
          options={props.kecamatan.map((k) => ({ value: k.code, label: k.name }))}
          value={props.filter.kecamatan}
        />
        <SelectField
          name="status"
          label={t('complaints.list.state')}
          placeholder={t('ui.all')}
          options={stateChoices()}
          value={props.filter.status}
        />
        <Button variant="secondary">{t('ui.filter')}</Button>
      </Form>
      <MapButton target="public-map" />
      <div
        id="public-map"
        class="map"
        data-tiles={props.tileUrl}
        data-points={`/pengaduan/peta.json?${query.toString()}`}
        hidden
      ></div>
      <p>
        {props.more
          ? t('complaints.list.countMore', { n: formatNumber(props.total) })
          : t('complaints.list.count', { n: formatNumber(props.total) })}
      </p>
      {props.rows.length === 0 ? (
        <EmptyState message={t('complaints.list.empty')} />
      ) : (
        <ol class="report-list">
          {props.rows.map((r) => (
            <li class="report-item">
              <h3>
                <a href={`/pengaduan/${r.ticket}`}>{r.title}</a>
              </h3>
              <p>
                <StateTag state={r.state} /> {currentLocale() === 'en' ? r.categoryNameEn : r.categoryName} ·{' '}
                {t('complaints.desa')} {r.villageName}, {t('complaints.kecamatanPrefix')} {r.kecamatanName}
              </p>
              <p class="hint">
                {r.ticket} · {t('complaints.ago.reported', { ago: ago(r.createdAt, props.now) })} ·{' '}
                {t('complaints.list.handler')}: <HandlerName full={r.handlerFullName} short={r.handlerName} />
                {r.supportCount > 0 ? ` · ${t('complaints.list.supports', { n: r.supportCount })}` : ''}
              </p>
              {r.photoId ? (
                <img
                  src={`/pengaduan/foto/${r.photoId}/kecil`}
                  alt={t('complaints.photoAlt')}
                  width="120"
                  loading="lazy"
                />
              ) : (
                ''
              )}
            </li>
          ))}
        </ol>
      )}
      <Pagination list={props} baseUrl="/pengaduan" query={props.filter} />
    </section>
  );
}

export function ComplaintsHome(props: {
  form: Parameters<typeof ReportForm>[0];
  list: Parameters<typeof PublicListSection>[0];
}): SafeHtml {
  return (
    <Page title={t('complaints.title')} head={<MapHead />}>
      <p>{t('complaints.intro')}</p>
      <p>
        <a href="#lapor">{t('complaints.toForm')}</a> · <a href="#daftar">{t('complaints.toList')}</a> ·{' '}
        <a href="/pengaduan/statistik">{t('complaints.stats.link')}</a>
      </p>
      <Form action="/pengaduan/cari" method="get" class="filters">
        <TextField
          name="tiket"
          label={t('complaints.track.label')}
          hint={t('complaints.track.labelHint')}
          width="medium"
        />
        <Button variant="secondary">{t('complaints.track.go')}</Button>
      </Form>
      <p>
        <a href="/pengaduan/cari-nomor">{t('complaints.lookup.link')}</a>
      </p>
      <section id="lapor" aria-labelledby="lapor-title">
        <h2 id="lapor-title">{t('complaints.form.heading')}</h2>
        <ReportForm {...props.form} />
      </section>
      <PublicListSection {...props.list} />
    </Page>
  );
}

function historyText(h: PublicView['history'][number]): string {
  if (h.kind === 'route') return t('complaints.history.route');
  if (h.kind === 'support') return t('complaints.history.support');
  if (h.toState && (h.kind === 'state' || h.kind === 'created' || h.kind === 'reopen'))
    return t(`complaints.history.${h.kind}`, { state: t(`complaints.state.${h.toState}`) });
  if (h.kind === 'confirm') return t('complaints.history.confirmedTitle');
  return t('complaints.history.reply');
}

export function TrackingPage(props: {
  report: PublicView;
  justFiled: boolean;
  reporterKey: string | null;
  trackingUrl: string;
  tileUrl: string;
  now: Date;
  errors?: FieldErrors;
}): SafeHtml {
  const r = props.report;
  const details = r.details ?? {};
  return (
    <Layout title={`${t('complaints.track.title')} ${r.ticket}`} head={<MapHead />}>
      {props.justFiled ? (
        <div class="panel panel-success" role="status">
          <h2>{t('complaints.track.thanks')}</h2>
          <p>{t('complaints.track.ticketIs')}</p>
          <p class="ticket">
            <strong>{r.ticket}</strong>
          </p>
          <p>{t('complaints.track.keepLink')}</p>
          <p>
            <code class="wrap" id="private-link">
              {props.trackingUrl}
            </code>
          </p>
          <p class="share">
            <a
              class="button button-secondary"
              href={`https://wa.me/?text=${encodeURIComponent(t('complaints.track.shareText', { ticket: r.ticket, url: props.trackingUrl }))}`}
              rel="noopener"
            >
              {t('complaints.track.whatsapp')}
            </a>{' '}
            <button type="button" class="button button-secondary" data-copy="private-link" hidden>
              {t('complaints.track.copy')}
            </button>
            <span class="hint" data-copied hidden>
              {t('complaints.track.copied')}
            </span>
          </p>
          <p class="hint">{t('complaints.track.privateWarning')}</p>
        </div>
      ) : (
        ''
      )}
      <h1>
        {t('complaints.track.title')} {r.ticket}
      </h1>
      <ErrorSummary errors={props.errors} />
      <SummaryList
        rows={[
          [t('complaints.list.state'), <StateTag state={r.state} />],
          [t('complaints.form.category'), currentLocale() === 'en' ? r.categoryNameEn : r.categoryName],
          [t('complaints.form.location'), placeText(r.villageName, r.kecamatanName, r.address)],
          [t('complaints.list.handler'), <HandlerName full={r.handlerFullName} short={r.handlerName} />],
          [
            t('complaints.track.filed'),
            `${formatDateTime(r.createdAt)} (${t('complaints.ago.reported', { ago: ago(r.createdAt, props.now) })})`,
          ],
          [t('complaints.track.verifyDue'), formatDate(r.verifyDueAt)],
          [t('complaints.track.resolveDue'), formatDate(r.resolveDueAt)],
          ...(r.scheduledFor
            ? ([[t('complaints.track.scheduled'), formatDate(r.scheduledFor)]] as Array<[string, string]>)
            : []),
          ...(r.rejectReason
            ? ([[t('complaints.track.rejectReason'), r.rejectReason]] as Array<[string, string]>)
            : []),
          ...(r.duplicateOfTicket
            ? ([
                [
                  t('complaints.track.duplicateOf'),
                  <a href={`/pengaduan/${r.duplicateOfTicket}`}>{r.duplicateOfTicket}</a>,
                ],
              ] as Array<[string, SafeHtml]>)
            : []),
          [t('complaints.track.supports'), formatNumber(r.supportCount)],
        ]}
      />
      {r.title === null ? (
        <Panel>
          <p>{t('complaints.track.confidential')}</p>
        </Panel>
      ) : (
        <Panel title={r.title}>
          <p class="prewrap">{r.description}</p>
          {r.fields.filter((f) => details[f.code] !== undefined).length > 0 ? (
            <SummaryList
              rows={r.fields
                .filter((f) => details[f.code] !== undefined)
                .map((f) => [f.label, detailValue(f, details[f.code])])}
            />
          ) : (
            ''
          )}
          {r.lat !== null && r.lng !== null ? (
            <>
              <MapButton target="report-map" />
              <div
                id="report-map"
                class="map map-small"
                data-tiles={props.tileUrl}
                data-lat={String(r.lat)}
                data-lng={String(r.lng)}
                hidden
              ></div>
            </>
          ) : (
            ''
          )}
          {r.lat !== null && r.lng !== null ? (
            <p>
              {t('complaints.track.point')}: {r.lat.toFixed(5)}, {r.lng.toFixed(5)} (
              <a href={`https://www.openstreetmap.org/?mlat=${r.lat}&mlon=${r.lng}#map=18/${r.lat}/${r.lng}`}>
                OpenStreetMap
              </a>
              )
            </p>
          ) : (
            ''
          )}
          <PhotoRow ids={r.photoIds} />
          {r.pendingPhotos > 0 ? (
            <p class="hint">{t('complaints.track.pendingPhotos', { n: r.pendingPhotos })}</p>
          ) : (
            ''
          )}
          {r.afterPhotoIds.length ? (
            <>
              <h3>{t('complaints.track.afterPhotos')}</h3>
              <PhotoRow ids={r.afterPhotoIds} />
            </>
          ) : (
            ''
          )}
        </Panel>
      )}
      <h2>{t('complaints.track.history')}</h2>
      <ol class="history">
        {r.history.map((h) => (
          <li class={`history-item history-${h.kind}`}>
            <p>
              <strong>{historyText(h)}</strong> · {formatDateTime(h.at)} · {h.by}
            </p>
            {h.body ? <p class="prewrap">{h.body}</p> : ''}
          </li>
        ))}
      </ol>
      {r.reporterMayAct && props.reporterKey ? (
        <Panel title={t('complaints.track.reporterTitle')}>
          <p>{t('complaints.track.reporterIntro')}</p>
          <Form action={`/pengaduan/${r.ticket}/konfirmasi`}>
            <input type="hidden" name="kunci" value={props.reporterKey} />
            <Button>{t('complaints.track.confirm')}</Button>
          </Form>
          <Form action={`/pengaduan/${r.ticket}/buka-lagi`}>
            <input type="hidden" name="kunci" value={props.reporterKey} />
            <TextArea
              name="reason"
              label={t('complaints.track.reopenReason')}
              rows={3}
              error={props.errors?.reason}
            />
            <Button variant="warning">{t('complaints.track.reopen')}</Button>
          </Form>
        </Panel>
      ) : (
        ''
      )}
      {!r.confidential &&
      ['baru', 'diverifikasi', 'diteruskan', 'diproses', 'dijadwalkan'].includes(r.state) ? (
        <Form action={`/pengaduan/${r.ticket}/dukung`}>
          <p>{t('complaints.track.supportIntro')}</p>
          <Button variant="secondary">{t('complaints.track.support')}</Button>
        </Form>
      ) : (
        ''
      )}
      <p>
        <a href="/pengaduan">{t('complaints.back')}</a>
      </p>
    </Layout>
  );
}

function PhotoRow(props: { ids: string[] }): SafeHtml {
  return (
    <div class="photos">
      {props.ids.map((id, i) => (
        <a href={`/pengaduan/foto/${id}`}>
          <img src={`/pengaduan/foto/${id}/kecil`} alt={t('complaints.photoN', { n: i + 1 })} width="160" />
        </a>
      ))}
    </div>
  );
}

/** Finding one's tickets by phone: they are sent to that phone, never listed here. */
export function PhoneLookupPage(props: {
  values: { phone?: string | undefined };
  errors?: FieldErrors;
  sent: boolean;
}): SafeHtml {
  return (
    <Page title={t('complaints.lookup.title')} head={<ComplaintsHead />}>
      {props.sent ? (
        <div class="panel panel-success" role="status">
          <p>{t('complaints.lookup.sent')}</p>
        </div>
      ) : (
        ''
      )}
      <p>{t('complaints.lookup.intro')}</p>
      <ErrorSummary errors={props.errors} />
      <Form action="/pengaduan/cari-nomor">
        <PhoneField value={props.values.phone} error={props.errors?.phone} />
        <Button>{t('complaints.lookup.send')}</Button>
      </Form>
      <p>
        <a href="/pengaduan">{t('complaints.back')}</a>
      </p>
    </Page>
  );
}

export function StatsPage(props: { rows: ComplianceRow[]; days: number }): SafeHtml {
  return (
    <Page title={t('complaints.stats.title')} head={<ComplaintsHead />}>
      <p>{t('complaints.stats.intro', { days: props.days })}</p>
      <ComplianceTable rows={props.rows} />
      <p>
        <a href="/pengaduan">{t('complaints.back')}</a>
      </p>
    </Page>
  );
}

export function ComplianceTable(props: { rows: ComplianceRow[] }): SafeHtml {
  return (
    <Table
      caption={t('complaints.stats.caption')}
      rows={props.rows}
      empty={t('complaints.stats.empty')}
      columns={[
        {
          header: t('complaints.list.handler'),
          cell: (r) => <HandlerName full={r.handlerFullName} short={r.handlerName} />,
        },
        { header: t('complaints.stats.total'), cell: (r) => formatNumber(r.total), numeric: true },
        { header: t('complaints.stats.resolved'), cell: (r) => formatNumber(r.resolved), numeric: true },
        { header: t('complaints.stats.verifyRate'), cell: (r) => percent(r.verifyRate), numeric: true },
        { header: t('complaints.stats.responseRate'), cell: (r) => percent(r.responseRate), numeric: true },
        { header: t('complaints.stats.resolveRate'), cell: (r) => percent(r.resolveRate), numeric: true },
        { header: t('complaints.stats.overdue'), cell: (r) => formatNumber(r.overdueNow), numeric: true },
        {
          header: t('complaints.stats.median'),
          cell: (r) =>
            r.medianResponseHours === null ? '—' : formatNumber(Math.round(r.medianResponseHours)),
          numeric: true,
        },
      ]}
    />
  );
}
