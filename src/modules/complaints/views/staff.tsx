import type { StaffActor } from '../../../platform/auth/roles.ts';
import { formatDate, formatDateTime, t } from '../../../platform/i18n/index.ts';
import {
  BackLink,
  Button,
  CheckboxField,
  EmptyState,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  fieldFor,
  Panel,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { Child, SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import { mayAdministerComplaints } from '../policy.ts';
import type { Category, ComplianceRow, listQueue, StaffView } from '../service.ts';
import { allowedTransitions } from '../states.ts';
import {
  categoryChoices,
  categoryName,
  DeleteButton,
  deleteColumn,
  detailValue,
  placeText,
  rowCategoryName,
  SameKindFields,
  StateTag,
  stateChoices,
  type VillageOption,
  VillageSelect,
} from './parts.tsx';
import { ComplaintsHead, ComplianceTable, type FormValues } from './public.tsx';

function StaffNav(props: { actor: StaffActor }): SafeHtml {
  const admin = mayAdministerComplaints(props.actor);
  const links: Array<[string, string]> = [
    ['/kelola/pengaduan', t('complaints.staff.queue')],
    ['/kelola/pengaduan/sla', t('complaints.staff.sla')],
    ...(admin
      ? ([
          ['/kelola/pengaduan/moderasi', t('complaints.staff.moderation')],
          ['/kelola/pengaduan/aturan', t('complaints.staff.rules')],
          ['/kelola/pengaduan/kategori', t('complaints.staff.categories')],
          ['/kelola/pengaduan/libur', t('complaints.staff.holidays')],
          ['/kelola/pengaduan/templat', t('complaints.staff.templates')],
          ['/kelola/pengaduan/opd', t('complaints.staff.agencies')],
          ['/kelola/pengaduan/klien-api', t('complaints.staff.clients')],
        ] as Array<[string, string]>)
      : []),
  ];
  return (
    <nav class="subnav" aria-label={t('complaints.staff.menu')}>
      <ul>
        {links.map(([href, label]) => (
          <li>
            <a href={href}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A page of the complaints office: its title, the office menu, an introduction and the form's errors. */
function AdminPage(props: {
  actor: StaffActor;
  title: string;
  wide?: boolean;
  intro?: string;
  errors?: FieldErrors;
  children: Child;
}): SafeHtml {
  return (
    <Page title={props.title} wide={props.wide} head={<ComplaintsHead />}>
      <StaffNav actor={props.actor} />
      {props.intro === undefined ? '' : <p>{props.intro}</p>}
      <ErrorSummary errors={props.errors} />
      {props.children}
    </Page>
  );
}

/** Who may handle a report: the village itself or one agency. */
function HandlerSelect(props: {
  label: string;
  hint?: string;
  agencies: Array<{ code: string; short_name: string }>;
  value?: string | undefined;
  error?: string | undefined;
}): SafeHtml {
  return (
    <SelectField
      name="handler"
      label={props.label}
      hint={props.hint}
      placeholder={t('ui.choose')}
      options={[
        { value: 'VILLAGE', label: t('complaints.rules.village') },
        ...props.agencies.map((a) => ({ value: a.code, label: a.short_name })),
      ]}
      value={props.value}
      error={props.error}
    />
  );
}

/** A category's name in both languages, on the new-category and the edit form. */
function CategoryNameFields(props: { values: FormValues; errors: FieldErrors }): SafeHtml {
  const { values: v, errors: e } = props;
  return (
    <>
      <TextField {...fieldFor(v, e, 'name')} label={t('complaints.categories.name')} />
      <TextField {...fieldFor(v, e, 'nameEn')} label={t('complaints.categories.nameEn')} />
    </>
  );
}

/** What a new category's form starts with: the SLA and reopen window most categories use. */
const NEW_CATEGORY_DAYS = { slaVerify: '3', slaResponse: '5', slaResolve: '20', reopenDays: '14' };

function definedOnly(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** A category's deadlines in working days and its reopen window, each a short number field. */
function WorkingDaysFields(props: { values: FormValues; errors: FieldErrors }): SafeHtml {
  return (
    <SameKindFields
      fields={[
        { name: 'slaVerify', label: t('complaints.categories.slaVerify') },
        { name: 'slaResponse', label: t('complaints.categories.slaResponse') },
        { name: 'slaResolve', label: t('complaints.categories.slaResolve') },
        { name: 'reopenDays', label: t('complaints.categories.reopenDays') },
      ]}
      inputmode="numeric"
      width="short"
      values={props.values}
      errors={props.errors}
    />
  );
}

type Queue = Awaited<ReturnType<typeof listQueue>>;

export function QueuePage(props: {
  actor: StaffActor;
  queue: Queue;
  categories: Category[];
  filter: { state?: string | undefined; category?: string | undefined; overdue?: boolean; flagged?: boolean };
  scopeName: string;
}): SafeHtml {
  const f = props.filter;
  const query = new URLSearchParams();
  if (f.state) query.set('state', f.state);
  if (f.category) query.set('category', f.category);
  if (f.overdue) query.set('overdue', '1');
  return (
    <Page title={t('complaints.staff.queueTitle')} wide head={<ComplaintsHead />}>
      <p>{t('complaints.staff.queueFor', { scope: props.scopeName })}</p>
      <StaffNav actor={props.actor} />
      <Form action="/kelola/pengaduan" method="get" class="filters">
        <SelectField
          name="state"
          label={t('complaints.list.state')}
          placeholder={t('ui.all')}
          options={stateChoices()}
          value={f.state}
        />
        <SelectField
          name="category"
          label={t('complaints.form.category')}
          placeholder={t('ui.all')}
          options={categoryChoices(props.categories)}
          value={f.category}
        />
        <CheckboxField name="overdue" label={t('complaints.staff.overdueOnly')} checked={f.overdue} />
        <Button variant="secondary">{t('ui.filter')}</Button>
      </Form>
      <Table
        rows={props.queue.rows}
        empty={t('complaints.staff.queueEmpty')}
        columns={[
          {
            header: t('complaints.staff.ticket'),
            cell: (r) => <a href={`/kelola/pengaduan/${r.ticket}`}>{r.ticket}</a>,
          },
          {
            header: t('complaints.form.title'),
            cell: (r) => (
              <>
                {r.title}
                <br />
                <small>
                  {rowCategoryName(r)} · {t('complaints.desa')} {r.village_name}
                </small>
              </>
            ),
          },
          { header: t('complaints.list.state'), cell: (r) => <StateTag state={r.state} /> },
          { header: t('complaints.list.handler'), cell: (r) => r.handler_name },
          {
            header: t('complaints.staff.due'),
            cell: (r) => (
              <>
                {formatDate(r.current_due)}{' '}
                {r.overdue ? <StatusTag tone="bad">{t('complaints.staff.overdue')}</StatusTag> : ''}
                {r.escalation_level > 0 ? (
                  <StatusTag tone="warn">{t(`complaints.staff.escalated${r.escalation_level}`)}</StatusTag>
                ) : (
                  ''
                )}
              </>
            ),
          },
          { header: t('complaints.staff.filed'), cell: (r) => formatDateTime(r.created_at) },
        ]}
      />
      <nav class="pagination">
        {props.queue.page > 1 ? (
          <a href={`/kelola/pengaduan?${query.toString()}&page=${props.queue.page - 1}`}>
            ← {t('ui.previous')}
          </a>
        ) : (
          ''
        )}
        {props.queue.more ? (
          <a href={`/kelola/pengaduan?${query.toString()}&page=${props.queue.page + 1}`}>{t('ui.next')} →</a>
        ) : (
          ''
        )}
      </nav>
    </Page>
  );
}

export function StaffReportPage(props: {
  actor: StaffActor;
  view: StaffView;
  agencies: Array<{ code: string; short_name: string }>;
  templates: Array<{ id: string; title: string }>;
  errors?: FieldErrors;
  values?: FormValues;
}): SafeHtml {
  const { row, reporter, mayHandle, mayModerate } = props.view;
  const e = props.errors ?? {};
  const v = props.values ?? {};
  const details = row.details as Record<string, unknown>;
  const transitions = allowedTransitions(row.state);
  return (
    <Layout title={`${t('complaints.staff.report')} ${row.ticket}`} wide head={<ComplaintsHead />}>
      <BackLink href="/kelola/pengaduan">{t('complaints.staff.queue')}</BackLink>
      <h1>
        {row.ticket}: {row.title}
      </h1>
      <ErrorSummary errors={e} />
      <p>
        <StateTag state={row.state} />{' '}
        {props.view.overdue ? <StatusTag tone="bad">{t('complaints.staff.overdue')}</StatusTag> : ''}{' '}
        {row.confidential ? <StatusTag tone="warn">{t('complaints.staff.confidential')}</StatusTag> : ''}{' '}
        {row.anonymous ? <StatusTag tone="neutral">{t('complaints.staff.anonymous')}</StatusTag> : ''}{' '}
        {row.flagged ? <StatusTag tone="warn">{t('complaints.staff.flagged')}</StatusTag> : ''}
      </p>
      <SummaryList
        rows={[
          [t('complaints.form.category'), rowCategoryName(row)],
          [t('complaints.form.kind'), t(`complaints.kind.${row.kind}`)],
          [t('complaints.form.location'), placeText(row.village_name, row.kecamatan_name, row.address)],
          [
            t('complaints.track.point'),
            row.lat !== null && row.lng !== null ? `${row.lat}, ${row.lng}` : '—',
          ],
          [t('complaints.list.handler'), row.handler_name],
          [t('complaints.track.filed'), formatDateTime(row.created_at)],
          [t('complaints.staff.due'), formatDateTime(props.view.currentDue)],
          [t('complaints.track.resolveDue'), formatDateTime(row.resolve_due_at)],
          [
            t('complaints.staff.reporter'),
            row.anonymous
              ? t('complaints.staff.reporterAnonymous')
              : reporter
                ? [reporter.name, reporter.phone, reporter.email].filter(Boolean).join(' · ')
                : mayHandle
                  ? t('complaints.staff.reporterNone')
                  : t('complaints.staff.reporterHidden'),
          ],
          [t('complaints.track.supports'), String(row.support_count)],
          ...(props.view.duplicateOfTicket
            ? ([
                [
                  t('complaints.track.duplicateOf'),
                  <a href={`/kelola/pengaduan/${props.view.duplicateOfTicket}`}>
                    {props.view.duplicateOfTicket}
                  </a>,
                ],
              ] as Array<[string, SafeHtml]>)
            : []),
        ]}
      />
      <Panel title={t('complaints.form.description')}>
        <p class="prewrap">{row.description}</p>
        {row.category_fields.length ? (
          <SummaryList
            rows={row.category_fields
              .filter((f) => details[f.code] !== undefined)
              .map((f) => [f.label, detailValue(f, details[f.code])])}
          />
        ) : (
          ''
        )}
        <div class="photos">
          {props.view.photos.map((p, i) => (
            <figure>
              <a href={`/pengaduan/foto/${p.id}`}>
                <img
                  src={`/pengaduan/foto/${p.id}/kecil`}
                  alt={t('complaints.photoN', { n: i + 1 })}
                  width="160"
                />
              </a>
              <figcaption>
                {p.kind === 'sesudah' ? t('complaints.staff.afterPhotoTag') : ''}
                {p.hidden ? t('complaints.staff.photoHidden') : ''}
                {mayModerate ? (
                  <Form action={`/kelola/pengaduan/foto/${p.id}`}>
                    <input type="hidden" name="hidden" value={p.hidden ? '0' : '1'} />
                    <Button variant="secondary">
                      {p.hidden ? t('complaints.staff.photoShow') : t('complaints.staff.photoHide')}
                    </Button>
                  </Form>
                ) : (
                  ''
                )}
              </figcaption>
            </figure>
          ))}
        </div>
      </Panel>
      {props.view.nearby.length ? (
        <Panel title={t('complaints.staff.nearby')}>
          <ul>
            {props.view.nearby.map((n) => (
              <li>
                <a href={`/kelola/pengaduan/${n.ticket}`}>{n.ticket}</a> —{' '}
                {n.title ?? t('complaints.staff.confidential')} · {t(`complaints.state.${n.state}`)} ·{' '}
                {t('complaints.staff.metres', { m: n.distanceM })}
                {mayHandle && transitions.includes('duplikat') && n.state !== 'duplikat' ? (
                  <Form action={`/kelola/pengaduan/${row.ticket}/status`} class="duplicate-form">
                    <input type="hidden" name="state" value="duplikat" />
                    <input type="hidden" name="duplicateOf" value={n.ticket} />
                    <Button variant="secondary">
                      {t('complaints.staff.markDuplicate', { ticket: n.ticket })}
                    </Button>
                  </Form>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </Panel>
      ) : (
        ''
      )}
      {mayHandle ? (
        <div class="actions-grid">
          <Panel title={t('complaints.staff.reply')}>
            <Form action={`/kelola/pengaduan/${row.ticket}/tanggapan`}>
              {props.templates.length ? (
                <SelectField
                  {...fieldFor(v, e, 'templateId')}
                  label={t('complaints.staff.template')}
                  hint={t('complaints.staff.templateHint')}
                  placeholder={t('complaints.staff.noTemplate')}
                  options={props.templates.map((tpl) => ({ value: tpl.id, label: tpl.title }))}
                />
              ) : (
                ''
              )}
              <TextArea {...fieldFor(v, e, 'body')} label={t('complaints.staff.replyBody')} rows={4} />
              <CheckboxField
                name="internal"
                label={t('complaints.staff.internal')}
                hint={t('complaints.staff.internalHint')}
              />
              <Button>{t('complaints.staff.send')}</Button>
            </Form>
          </Panel>
          {transitions.length ? (
            <Panel title={t('complaints.staff.changeState')}>
              <Form action={`/kelola/pengaduan/${row.ticket}/status`} class="state-form">
                <SelectField
                  {...fieldFor(v, e, 'state')}
                  label={t('complaints.staff.newState')}
                  options={stateChoices(transitions)}
                />
                <TextArea
                  {...fieldFor(v, e, 'reason')}
                  label={t('complaints.staff.reason')}
                  hint={t('complaints.staff.reasonHint')}
                  rows={3}
                />
                <HandlerSelect
                  label={t('complaints.staff.handler')}
                  hint={t('complaints.staff.handlerHint')}
                  agencies={props.agencies}
                  value={v.handler}
                  error={e.agencyCode}
                />
                <TextField
                  {...fieldFor(v, e, 'duplicateOf')}
                  label={t('complaints.staff.duplicateOf')}
                  width="medium"
                />
                <TextField
                  {...fieldFor(v, e, 'scheduledFor')}
                  type="date"
                  label={t('complaints.staff.scheduledFor')}
                />
                <Button>{t('complaints.staff.saveState')}</Button>
              </Form>
            </Panel>
          ) : (
            ''
          )}
          <Panel title={t('complaints.staff.afterPhotos')}>
            <Form action={`/kelola/pengaduan/${row.ticket}/foto-sesudah`} multipart>
              <FileField
                name="photos"
                label={t('complaints.staff.afterPhotos')}
                hint={t('complaints.staff.afterPhotosHint')}
                accept="image/jpeg,image/png,image/webp"
                multiple
                error={e.photos}
              />
              <Button variant="secondary">{t('complaints.staff.addAfterPhotos')}</Button>
            </Form>
          </Panel>
        </div>
      ) : (
        <p>{t('complaints.staff.readOnly')}</p>
      )}
      {mayModerate && !row.flagged ? (
        <Panel title={t('complaints.staff.flag')}>
          <Form action={`/kelola/pengaduan/${row.ticket}/moderasi`}>
            <TextField name="flagReason" label={t('complaints.staff.flagReason')} error={e.flagReason} />
            <Button variant="warning">{t('complaints.staff.flagButton')}</Button>
          </Form>
        </Panel>
      ) : (
        ''
      )}
      <h2>{t('complaints.track.history')}</h2>
      <ol class="history">
        {props.view.updates.map((u) => (
          <li class={`history-item history-${u.kind}${u.public ? '' : ' internal'}`}>
            <p>
              <strong>{t(`complaints.updateKind.${u.kind}`)}</strong>
              {u.to_state ? ` → ${t(`complaints.state.${u.to_state}`)}` : ''}
              {u.to_handler && u.kind === 'route' ? ` (${u.from_handler} → ${u.to_handler})` : ''} ·{' '}
              {formatDateTime(u.at)} · {u.actor_label}{' '}
              {u.public ? '' : <StatusTag tone="neutral">{t('complaints.staff.internalTag')}</StatusTag>}
            </p>
            {u.body ? <p class="prewrap">{u.body}</p> : ''}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export function ModerationPage(props: {
  actor: StaffActor;
  rows: Array<{
    ticket: string;
    title: string;
    category_name: string;
    village_name: string;
    created_at: Date;
  }>;
  errors?: FieldErrors;
}): SafeHtml {
  return (
    <AdminPage
      actor={props.actor}
      title={t('complaints.staff.moderation')}
      wide
      intro={t('complaints.moderation.intro')}
      errors={props.errors}
    >
      {props.rows.length === 0 ? (
        <EmptyState message={t('complaints.moderation.empty')} />
      ) : (
        props.rows.map((r) => (
          <Panel title={`${r.ticket}: ${r.title}`}>
            <p>
              <a href={`/kelola/pengaduan/${r.ticket}`}>{t('complaints.moderation.open')}</a> ·{' '}
              {rowCategoryName(r)} · {t('complaints.desa')} {r.village_name}
            </p>
            <Form action={`/kelola/pengaduan/moderasi/${r.ticket}`}>
              <TextField name="publicTitle" label={t('complaints.moderation.publicTitle')} value={r.title} />
              <TextArea
                name="publicDescription"
                label={t('complaints.moderation.publicDescription')}
                rows={3}
              />
              <Button name="action" value="approve" variant="secondary">
                {t('complaints.moderation.approve')}
              </Button>{' '}
              <Button name="action" value="redact">
                {t('complaints.moderation.redact')}
              </Button>{' '}
              <Button name="action" value="hide" variant="warning">
                {t('complaints.moderation.hide')}
              </Button>
            </Form>
          </Panel>
        ))
      )}
    </AdminPage>
  );
}

export function RulesPage(props: {
  actor: StaffActor;
  rules: Array<{
    id: string;
    category_name: string;
    region_code: string;
    handler_kind: string;
    agency_code: string | null;
  }>;
  categories: Category[];
  agencies: Array<{ code: string; short_name: string }>;
  villages: VillageOption[];
  kecamatan: Array<{ code: string; name: string }>;
  regency: { code: string; name: string };
  errors?: FieldErrors;
  values?: FormValues;
}): SafeHtml {
  const e = props.errors ?? {};
  const v = props.values ?? {};
  return (
    <AdminPage
      actor={props.actor}
      title={t('complaints.staff.rules')}
      wide
      intro={t('complaints.rules.intro')}
      errors={e}
    >
      <Panel title={t('complaints.rules.add')}>
        <Form action="/kelola/pengaduan/aturan">
          <SelectField
            {...fieldFor(v, e, 'categoryCode')}
            label={t('complaints.form.category')}
            placeholder={t('ui.choose')}
            options={categoryChoices(props.categories)}
          />
          <VillageSelect
            name="regionCode"
            label={t('complaints.rules.region')}
            villages={props.villages}
            value={v.regionCode}
            error={e.regionCode}
            includeAreas={{ regency: props.regency, kecamatan: props.kecamatan }}
          />
          <HandlerSelect
            label={t('complaints.list.handler')}
            agencies={props.agencies}
            value={v.handler}
            error={e.handler}
          />
          <Button>{t('ui.save')}</Button>
        </Form>
      </Panel>
      <Table
        rows={props.rules}
        columns={[
          { header: t('complaints.form.category'), cell: (r) => r.category_name },
          { header: t('complaints.rules.region'), cell: (r) => r.region_code },
          {
            header: t('complaints.list.handler'),
            cell: (r) => (r.handler_kind === 'village' ? t('complaints.rules.village') : r.agency_code),
          },
          {
            header: t('ui.actions'),
            cell: (r) =>
              r.region_code === props.regency.code ? (
                t('complaints.rules.fallback')
              ) : (
                <DeleteButton action={`/kelola/pengaduan/aturan/${r.id}/hapus`} />
              ),
          },
        ]}
      />
    </AdminPage>
  );
}

export function CategoriesPage(props: {
  actor: StaffActor;
  categories: Category[];
  agencies: Array<{ code: string; short_name: string }>;
  errors?: FieldErrors;
  values?: FormValues;
}): SafeHtml {
  const e = props.errors ?? {};
  const v = props.values ?? {};
  return (
    <AdminPage actor={props.actor} title={t('complaints.staff.categories')} wide errors={e}>
      <Panel title={t('complaints.categories.new')}>
        <Form action="/kelola/pengaduan/kategori">
          <TextField
            {...fieldFor(v, e, 'code')}
            label={t('complaints.categories.code')}
            hint={t('complaints.categories.codeHint')}
            width="medium"
          />
          <CategoryNameFields values={v} errors={e} />
          <TextField {...fieldFor(v, e, 'group')} label={t('complaints.categories.group')} />
          <TextArea
            name="description"
            label={t('complaints.form.description')}
            rows={2}
            value={v.description}
          />
          <HandlerSelect
            label={t('complaints.list.handler')}
            agencies={props.agencies}
            value={v.handler}
            error={e.handler}
          />
          <WorkingDaysFields values={{ ...NEW_CATEGORY_DAYS, ...definedOnly(v) }} errors={e} />
          <CheckboxField
            name="confidentialDefault"
            label={t('complaints.categories.confidential')}
            checked={v.confidentialDefault === '1'}
          />
          <Button>{t('complaints.categories.create')}</Button>
        </Form>
      </Panel>
      <Table
        rows={props.categories}
        columns={[
          {
            header: t('complaints.form.category'),
            cell: (c) => <a href={`/kelola/pengaduan/kategori/${c.code}`}>{categoryName(c)}</a>,
          },
          { header: t('complaints.categories.group'), cell: (c) => c.group },
          {
            header: t('complaints.categories.sla'),
            cell: (c) => `${c.sla.verify} / ${c.sla.response} / ${c.sla.resolve}`,
          },
          {
            header: t('complaints.categories.confidential'),
            cell: (c) => (c.confidentialDefault ? t('complaints.yes') : t('complaints.no')),
          },
          {
            header: t('complaints.categories.active'),
            cell: (c) => (c.active ? t('complaints.yes') : t('complaints.no')),
          },
        ]}
      />
    </AdminPage>
  );
}

export function CategoryEditPage(props: {
  actor: StaffActor;
  category: Category;
  values: FormValues;
  errors?: FieldErrors;
}): SafeHtml {
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <AdminPage actor={props.actor} title={props.category.name} errors={e}>
      <Form action={`/kelola/pengaduan/kategori/${props.category.code}`}>
        <CategoryNameFields values={v} errors={e} />
        <TextArea name="description" label={t('complaints.form.description')} value={v.description} />
        <WorkingDaysFields values={v} errors={e} />
        {[
          { name: 'confidentialDefault', label: t('complaints.categories.confidential') },
          { name: 'anonymousAllowed', label: t('complaints.categories.anonymous') },
          { name: 'publicReopen', label: t('complaints.categories.reopen') },
          { name: 'active', label: t('complaints.categories.active') },
        ].map((flag) => (
          <CheckboxField name={flag.name} label={flag.label} checked={v[flag.name] === '1'} />
        ))}
        <Button>{t('ui.save')}</Button>
      </Form>
    </AdminPage>
  );
}

type Holiday = { date: string; name: string };

export function HolidaysPage(props: {
  actor: StaffActor;
  holidays: Holiday[];
  errors?: FieldErrors;
  values?: FormValues;
}): SafeHtml {
  const e = props.errors ?? {};
  return (
    <AdminPage
      actor={props.actor}
      title={t('complaints.staff.holidays')}
      intro={t('complaints.holidays.intro')}
      errors={e}
    >
      <Form action="/kelola/pengaduan/libur">
        <TextField {...fieldFor(props.values, e, 'date')} type="date" label={t('complaints.holidays.date')} />
        <TextField {...fieldFor(props.values, e, 'name')} label={t('complaints.holidays.name')} />
        <Button>{t('ui.save')}</Button>
      </Form>
      <Table
        rows={props.holidays}
        columns={[
          { header: t('complaints.holidays.date'), cell: (h) => formatDate(h.date) },
          { header: t('complaints.holidays.name'), cell: (h) => h.name },
          deleteColumn((h: Holiday) => `/kelola/pengaduan/libur/${h.date}/hapus`),
        ]}
      />
    </AdminPage>
  );
}

export function SlaPage(props: {
  actor: StaffActor;
  rows: ComplianceRow[];
  scope: 'own' | 'region' | 'all';
}): SafeHtml {
  return (
    <AdminPage
      actor={props.actor}
      title={t('complaints.staff.sla')}
      wide
      intro={t(`complaints.sla.${props.scope}`)}
    >
      <ComplianceTable rows={props.rows} />
      <p>
        <a href="/kelola/pengaduan?overdue=1">{t('complaints.sla.overdueList')}</a>
      </p>
    </AdminPage>
  );
}

export function ClientsPage(props: {
  actor: StaffActor;
  clients: Array<{ id: string; name: string; active: boolean; created_at: Date }>;
  newKey?: string | null;
  errors?: FieldErrors;
}): SafeHtml {
  return (
    <AdminPage
      actor={props.actor}
      title={t('complaints.staff.clients')}
      intro={t('complaints.clients.intro')}
    >
      {props.newKey ? (
        <div class="panel panel-success" role="status">
          <p>{t('complaints.clients.keyOnce')}</p>
          <p>
            <code class="wrap">{props.newKey}</code>
          </p>
        </div>
      ) : (
        ''
      )}
      <ErrorSummary errors={props.errors} />
      <Form action="/kelola/pengaduan/klien-api">
        <TextField name="name" label={t('complaints.clients.name')} error={props.errors?.name} />
        <Button>{t('complaints.clients.create')}</Button>
      </Form>
      <Table
        rows={props.clients}
        columns={[
          { header: t('complaints.clients.name'), cell: (c) => c.name },
          { header: t('complaints.staff.filed'), cell: (c) => formatDateTime(c.created_at) },
          {
            header: t('ui.actions'),
            cell: (c) =>
              c.active ? (
                <Form action={`/kelola/pengaduan/klien-api/${c.id}/cabut`}>
                  <Button variant="warning">{t('complaints.clients.revoke')}</Button>
                </Form>
              ) : (
                t('complaints.clients.revoked')
              ),
          },
        ]}
      />
    </AdminPage>
  );
}

type ReplyTemplate = {
  id: string;
  category_name: string | null;
  state: string | null;
  title: string;
  body: string;
};

export function TemplatesPage(props: {
  actor: StaffActor;
  templates: ReplyTemplate[];
  categories: Category[];
  errors?: FieldErrors;
  values?: FormValues;
}): SafeHtml {
  const e = props.errors ?? {};
  const v = props.values ?? {};
  return (
    <AdminPage
      actor={props.actor}
      title={t('complaints.staff.templates')}
      intro={t('complaints.templates.intro')}
      errors={e}
    >
      <Form action="/kelola/pengaduan/templat">
        <SelectField
          {...fieldFor(v, e, 'categoryCode')}
          label={t('complaints.form.category')}
          placeholder={t('complaints.templates.allCategories')}
          options={categoryChoices(props.categories)}
        />
        <SelectField
          {...fieldFor(v, e, 'state')}
          label={t('complaints.list.state')}
          placeholder={t('complaints.templates.anyState')}
          options={stateChoices()}
        />
        <TextField {...fieldFor(v, e, 'title')} label={t('complaints.templates.title')} />
        <TextArea
          {...fieldFor(v, e, 'body')}
          label={t('complaints.templates.body')}
          hint={t('complaints.templates.bodyHint')}
          rows={4}
        />
        <Button>{t('ui.save')}</Button>
      </Form>
      <Table
        rows={props.templates}
        columns={[
          { header: t('complaints.templates.title'), cell: (r) => r.title },
          {
            header: t('complaints.form.category'),
            cell: (r) => r.category_name ?? t('complaints.templates.allCategories'),
          },
          { header: t('complaints.templates.body'), cell: (r) => r.body },
          deleteColumn((r: ReplyTemplate) => `/kelola/pengaduan/templat/${r.id}/hapus`),
        ]}
      />
    </AdminPage>
  );
}

export function AgencyContactsPage(props: {
  actor: StaffActor;
  agencies: Array<{ code: string; short_name: string; name: string; head_email: string | null }>;
  errors?: FieldErrors;
  values?: FormValues;
}): SafeHtml {
  return (
    <AdminPage
      actor={props.actor}
      title={t('complaints.staff.agencies')}
      intro={t('complaints.agencies.intro')}
      errors={props.errors}
    >
      {props.agencies.map((a) => (
        <Form action={`/kelola/pengaduan/opd/${a.code}`}>
          <TextField
            name={`head_${a.code}`}
            type="email"
            label={`${a.short_name} — ${a.name}`}
            hint={t('complaints.agencies.hint')}
            value={props.values?.[`head_${a.code}`] ?? a.head_email ?? ''}
            error={props.errors?.[`head_${a.code}`]}
          />
          <Button variant="secondary">{t('ui.save')}</Button>
        </Form>
      ))}
    </AdminPage>
  );
}
