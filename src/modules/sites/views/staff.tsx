import { formatDateTime, t } from '../../../platform/i18n/index.ts';
import { asset } from '../../../platform/ui/assets.ts';
import {
  Button,
  ButtonLink,
  EmptyState,
  ErrorSummary,
  FileField,
  Form,
  fieldFor,
  SelectField,
  StatusTag,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import { type Child, raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import type { Village } from '../../regions/service.ts';
import type { ArticleStatus } from '../schema.ts';
import type { Official, Revision, SiteEvent, SiteImage } from '../service.ts';
import { ArticleBody, Picture } from './parts.tsx';

type Values = Record<string, string | undefined>;
type Errors = Record<string, string | undefined>;

// the platform's TextField names the common input types; a datetime-local is the same input otherwise
const DATETIME = 'datetime-local' as unknown as 'text';

const base = (village: Village) => `/kelola/situs/${village.code}`;

/** The parts of a village site its staff edit, in menu order. */
const SECTIONS = [
  { path: 'profil', label: 'sites.staff.profile' },
  { path: 'perangkat', label: 'sites.staff.officials', count: 'officials' },
  { path: 'berita', label: 'sites.staff.articles', count: 'articles' },
  { path: 'agenda', label: 'sites.staff.agenda', count: 'events' },
  { path: 'galeri', label: 'sites.staff.gallery', count: 'images' },
] as const;

/** The link to one item's saved versions. */
function RevisionsLink(props: { village: Village; kind: string; id: string }): SafeHtml {
  return <a href={`${base(props.village)}/riwayat/${props.kind}/${props.id}`}>{t('sites.revisions.link')}</a>;
}

function DeleteForm(props: { action: string }): SafeHtml {
  return (
    <Form action={props.action}>
      <Button variant="warning">{t('sites.action.delete')}</Button>
    </Form>
  );
}

/** What a page with a form is handed: the village, and the form's values and problems. */
interface FormPageProps {
  village: Village;
  values: Values;
  errors?: Errors;
}

/** What a list page is handed besides its items: its add form's state, and whether the reader may edit. */
interface ListPageProps extends FormPageProps {
  editable: boolean;
}

/** The form of one official or event, posted to `action`, its button saying `submit`. */
type ItemFormComponent = (props: {
  action: string;
  values: Values;
  errors: Errors;
  submit: string;
}) => SafeHtml;

/** Below a list, for those who may edit: the form that adds one more (posted to the list's own address). */
function AddSection(props: {
  editable: boolean;
  title: string;
  form: ItemFormComponent;
  action: string;
  values: Values;
  errors?: Errors;
}): SafeHtml {
  if (!props.editable) return raw('');
  const ItemForm = props.form;
  return (
    <>
      <h2>{props.title}</h2>
      <ErrorSummary errors={props.errors} />
      <ItemForm
        action={props.action}
        values={props.values}
        errors={props.errors ?? {}}
        submit={t('sites.action.add')}
      />
    </>
  );
}

/** One item's edit form, posted to its own address, and the button that deletes it. */
function EditSection(props: {
  form: ItemFormComponent;
  action: string;
  values: Values;
  errors?: Errors;
}): SafeHtml {
  const ItemForm = props.form;
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <ItemForm
        action={props.action}
        values={props.values}
        errors={props.errors ?? {}}
        submit={t('sites.action.save')}
      />
      <DeleteForm action={`${props.action}/hapus`} />
    </>
  );
}

function StaffFrame(props: { village: Village; title: string; children: Child; head?: Child }): SafeHtml {
  const b = base(props.village);
  return (
    <Layout title={props.title} head={props.head}>
      <p class="hint">
        <a href="/kelola/situs">{t('sites.staff.title')}</a> ·{' '}
        {t('sites.villageName', { name: props.village.name })} ·{' '}
        <a href={`/desa/${props.village.code}`}>{t('sites.staff.viewSite')}</a>
      </p>
      <nav class="site-menu" aria-label={t('sites.staff.menu')}>
        <ul>
          {SECTIONS.map((section) => (
            <li>
              <a href={`${b}/${section.path}`}>{t(section.label)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

export function ChooseVillagePage(props: { villages: Village[] }): SafeHtml {
  return (
    <Page title={t('sites.staff.title')}>
      <p>{t('sites.staff.choose')}</p>
      <Table
        label={t('sites.staff.title')}
        columns={[
          {
            header: t('sites.staff.village'),
            cell: (v: Village) => <a href={`/kelola/situs/${v.code}`}>{v.name}</a>,
          },
          { header: t('sites.staff.kecamatan'), cell: (v: Village) => v.kecamatanName },
        ]}
        rows={props.villages}
      />
    </Page>
  );
}

export function OverviewPage(props: {
  village: Village;
  editable: boolean;
  counts: { officials: number; articles: number; events: number; images: number };
  hasProfile: boolean;
}): SafeHtml {
  const b = base(props.village);
  return (
    <StaffFrame village={props.village} title={t('sites.staff.overview', { name: props.village.name })}>
      {props.editable ? '' : <p class="hint">{t('sites.staff.readOnly')}</p>}
      <ul>
        {SECTIONS.map((section) => (
          <li>
            <a href={`${b}/${section.path}`}>{t(section.label)}</a>:{' '}
            {'count' in section
              ? props.counts[section.count]
              : props.hasProfile
                ? t('sites.staff.filled')
                : t('sites.staff.notFilled')}
          </li>
        ))}
      </ul>
    </StaffFrame>
  );
}

const PROFILE_LABELS = () => ({
  about: t('sites.field.about'),
  history: t('sites.field.history'),
  vision: t('sites.field.vision'),
  mission: t('sites.field.mission'),
  areaKm2: t('sites.field.areaKm2'),
  lat: t('sites.field.lat'),
  lng: t('sites.field.lng'),
  placeName: t('sites.field.placeName'),
  hamlets: t('sites.field.hamlets'),
  rwCount: t('sites.field.rwCount'),
  rtCount: t('sites.field.rtCount'),
});

export function MarkdownHelp(): SafeHtml {
  return (
    <details class="markdown-help">
      <summary>{t('sites.markdown.helpTitle')}</summary>
      <ul>
        <li>
          <code>**tebal**</code> → <strong>tebal</strong>, <code>*miring*</code> → <em>miring</em>
        </li>
        <li>
          <code>## Subjudul</code> — {t('sites.markdown.heading')}
        </li>
        <li>
          <code>- butir</code> — {t('sites.markdown.list')}
        </li>
        <li>
          <code>[teks](https://alamat)</code> — {t('sites.markdown.link')}
        </li>
        <li>{t('sites.markdown.embed')}</li>
      </ul>
    </details>
  );
}

function MarkdownField(props: {
  name: string;
  label: string;
  value?: string;
  error?: string;
  rows?: number;
}): SafeHtml {
  return (
    <div class="markdown-field" data-markdown-editor="">
      <TextArea
        name={props.name}
        label={props.label}
        value={props.value}
        error={props.error}
        rows={props.rows ?? 8}
        hint={t('sites.markdown.hint')}
      />
    </div>
  );
}

export function ProfileFormPage(props: {
  village: Village;
  values: Values;
  errors?: Errors;
  editable: boolean;
}): SafeHtml {
  const { values, errors = {} } = props;
  const labels = PROFILE_LABELS();
  const b = base(props.village);
  return (
    <StaffFrame village={props.village} title={t('sites.staff.profile')} head={<EditorAssets />}>
      <ErrorSummary errors={errors} labels={labels} />
      <Form action={`${b}/profil`}>
        <MarkdownHelp />
        <MarkdownField name="about" label={labels.about} value={values.about} error={errors.about} />
        <MarkdownField name="history" label={labels.history} value={values.history} error={errors.history} />
        <MarkdownField
          name="vision"
          label={labels.vision}
          value={values.vision}
          error={errors.vision}
          rows={3}
        />
        <MarkdownField
          name="mission"
          label={labels.mission}
          value={values.mission}
          error={errors.mission}
          rows={5}
        />
        <TextField
          {...fieldFor(values, errors, 'areaKm2')}
          label={labels.areaKm2}
          inputmode="decimal"
          width="short"
        />
        <TextField {...fieldFor(values, errors, 'placeName')} label={labels.placeName} />
        <TextField
          {...fieldFor(values, errors, 'lat')}
          label={labels.lat}
          inputmode="decimal"
          width="medium"
          hint={t('sites.field.latHint')}
        />
        <TextField
          {...fieldFor(values, errors, 'lng')}
          label={labels.lng}
          inputmode="decimal"
          width="medium"
        />
        <TextArea
          {...fieldFor(values, errors, 'hamlets')}
          label={labels.hamlets}
          hint={t('sites.field.hamletsHint')}
        />
        <TextField
          {...fieldFor(values, errors, 'rwCount')}
          label={labels.rwCount}
          inputmode="numeric"
          width="short"
        />
        <TextField
          {...fieldFor(values, errors, 'rtCount')}
          label={labels.rtCount}
          inputmode="numeric"
          width="short"
        />
        {props.editable ? <Button>{t('sites.action.save')}</Button> : ''}
      </Form>
      <p>
        <RevisionsLink village={props.village} kind="profile" id={props.village.code} />
      </p>
    </StaffFrame>
  );
}

function ImageFields(props: {
  errors: Errors;
  values: Values;
  file: string;
  alt: string;
  fileLabel: string;
}): SafeHtml {
  return (
    <>
      <FileField
        name={props.file}
        label={props.fileLabel}
        accept="image/jpeg,image/png,image/webp,image/avif"
        error={props.errors[props.file]}
        hint={t('sites.field.imageHint')}
      />
      <TextField
        name={props.alt}
        label={t('sites.field.alt')}
        value={props.values[props.alt]}
        error={props.errors[props.alt]}
        hint={t('sites.field.altHint')}
      />
    </>
  );
}

function OfficialForm(props: { action: string; values: Values; errors: Errors; submit: string }): SafeHtml {
  const { values, errors } = props;
  return (
    <Form action={props.action} multipart>
      <TextField {...fieldFor(values, errors, 'name')} label={t('sites.field.name')} required />
      <TextField {...fieldFor(values, errors, 'position')} label={t('sites.field.position')} required />
      <SelectField
        name="group"
        label={t('sites.field.group')}
        value={values.group ?? 'perangkat'}
        error={errors.group}
        options={[
          { value: 'perangkat', label: t('sites.officials.perangkat') },
          { value: 'bpd', label: t('sites.officials.bpd') },
        ]}
      />
      <TextField
        {...fieldFor(values, errors, 'order')}
        label={t('sites.field.order')}
        inputmode="numeric"
        width="short"
        hint={t('sites.field.orderHint')}
      />
      <ImageFields
        errors={errors}
        values={values}
        file="photo"
        alt="photoAlt"
        fileLabel={t('sites.field.photo')}
      />
      <Button>{props.submit}</Button>
    </Form>
  );
}

export function OfficialsStaffPage(
  props: ListPageProps & { officials: Official[]; photos: Map<string, SiteImage> },
): SafeHtml {
  const b = base(props.village);
  return (
    <StaffFrame village={props.village} title={t('sites.staff.officials')}>
      <Table
        label={t('sites.staff.officials')}
        empty={t('sites.officials.empty')}
        columns={[
          { header: t('sites.field.name'), cell: (o: Official) => o.name },
          { header: t('sites.field.position'), cell: (o: Official) => o.position },
          { header: t('sites.field.group'), cell: (o: Official) => t(`sites.officials.${o.group}`) },
          {
            header: t('sites.staff.actions'),
            cell: (o: Official) => (
              <>
                <a href={`${b}/perangkat/${o.id}`}>{t('sites.action.edit')}</a> ·{' '}
                <RevisionsLink village={props.village} kind="official" id={o.id} />
              </>
            ),
          },
        ]}
        rows={props.officials}
      />
      <AddSection
        editable={props.editable}
        title={t('sites.officials.add')}
        form={OfficialForm}
        action={`${b}/perangkat`}
        values={props.values}
        errors={props.errors}
      />
    </StaffFrame>
  );
}

export function OfficialEditPage(
  props: FormPageProps & { official: Official; photo: SiteImage | undefined },
): SafeHtml {
  const b = base(props.village);
  return (
    <StaffFrame village={props.village} title={t('sites.officials.edit', { name: props.official.name })}>
      {props.photo ? <Picture image={props.photo} sizes="160px" eager /> : ''}
      <EditSection
        form={OfficialForm}
        action={`${b}/perangkat/${props.official.id}`}
        values={props.values}
        errors={props.errors}
      />
    </StaffFrame>
  );
}

export function statusTone(status: ArticleStatus): 'good' | 'info' | 'warn' | 'neutral' {
  return status === 'published'
    ? 'good'
    : status === 'scheduled'
      ? 'info'
      : status === 'unpublished'
        ? 'warn'
        : 'neutral';
}

interface ArticleListRow {
  id: string;
  kind: 'berita' | 'pengumuman';
  title: string;
  status: ArticleStatus;
  publish_at: Date | null;
  published_at: Date | null;
  updated_at: Date;
}

export function ArticlesStaffPage(props: {
  village: Village;
  articles: ArticleListRow[];
  editable: boolean;
}): SafeHtml {
  const b = base(props.village);
  return (
    <StaffFrame village={props.village} title={t('sites.staff.articles')}>
      {props.editable ? (
        <ButtonLink href={`${b}/berita/baru`} variant="primary">
          {t('sites.articles.new')}
        </ButtonLink>
      ) : (
        ''
      )}
      <Table
        label={t('sites.staff.articles')}
        empty={t('sites.articles.empty')}
        columns={[
          {
            header: t('sites.field.title'),
            cell: (a: ArticleListRow) => <a href={`${b}/berita/${a.id}`}>{a.title}</a>,
          },
          { header: t('sites.field.kind'), cell: (a: ArticleListRow) => t(`sites.kind.${a.kind}`) },
          {
            header: t('sites.articles.status'),
            cell: (a: ArticleListRow) => (
              <StatusTag tone={statusTone(a.status)}>{t(`sites.status.${a.status}`)}</StatusTag>
            ),
          },
          {
            header: t('sites.articles.publishedAt'),
            cell: (a: ArticleListRow) => (a.published_at ? formatDateTime(a.published_at) : '–'),
          },
          {
            header: t('sites.articles.updatedAt'),
            cell: (a: ArticleListRow) => formatDateTime(a.updated_at),
          },
        ]}
        rows={props.articles}
      />
    </StaffFrame>
  );
}

export function EditorAssets(): SafeHtml {
  return (
    <>
      <link rel="stylesheet" href={asset('/situs/aset/situs.css')} />
      <script type="module" src={asset('/situs/aset/editor.js')}></script>
    </>
  );
}

export function ArticleEditorPage(props: {
  village: Village;
  articleId: string | null;
  status: ArticleStatus | null;
  values: Values;
  errors?: Errors;
  cover: SiteImage | null;
  previewHtml?: string;
  editable: boolean;
}): SafeHtml {
  const { values, errors = {} } = props;
  const b = base(props.village);
  const action = props.articleId ? `${b}/berita/${props.articleId}` : `${b}/berita/baru`;
  const labels = {
    title: t('sites.field.title'),
    slug: t('sites.field.slug'),
    summary: t('sites.field.summary'),
    body: t('sites.field.body'),
    kind: t('sites.field.kind'),
    publishAt: t('sites.field.publishAt'),
    cover: t('sites.field.cover'),
    coverAlt: t('sites.field.alt'),
  };
  return (
    <StaffFrame
      village={props.village}
      title={props.articleId ? t('sites.articles.edit') : t('sites.articles.new')}
      head={<EditorAssets />}
    >
      {props.status ? (
        <p>
          {t('sites.articles.status')}:{' '}
          <StatusTag tone={statusTone(props.status)}>{t(`sites.status.${props.status}`)}</StatusTag>
        </p>
      ) : (
        ''
      )}
      <ErrorSummary errors={errors} labels={labels} />
      {props.previewHtml !== undefined ? (
        <section class="panel site-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('sites.articles.previewTitle')}</h2>
          <p class="hint">{t('sites.articles.previewNote')}</p>
          <h3>{values.title}</h3>
          {values.summary ? <p class="lead">{values.summary}</p> : ''}
          {props.cover ? <Picture image={props.cover} sizes="(min-width: 60em) 760px, 100vw" eager /> : ''}
          <ArticleBody html={props.previewHtml} />
        </section>
      ) : (
        ''
      )}
      <Form action={action} multipart>
        <SelectField
          name="kind"
          label={labels.kind}
          value={values.kind ?? 'berita'}
          error={errors.kind}
          options={[
            { value: 'berita', label: t('sites.kind.berita') },
            { value: 'pengumuman', label: t('sites.kind.pengumuman') },
          ]}
        />
        <TextField {...fieldFor(values, errors, 'title')} label={labels.title} required maxlength={200} />
        <TextField
          {...fieldFor(values, errors, 'slug')}
          label={labels.slug}
          hint={t('sites.field.slugHint')}
        />
        <TextArea {...fieldFor(values, errors, 'summary')} label={labels.summary} rows={2} maxlength={300} />
        <MarkdownHelp />
        <MarkdownField name="body" label={labels.body} value={values.body} error={errors.body} rows={14} />
        <input type="hidden" name="coverId" value={values.coverId ?? ''} />
        {props.cover ? (
          <div class="field">
            <p>{t('sites.articles.currentCover', { alt: props.cover.alt })}</p>
            <Picture image={props.cover} sizes="200px" />
          </div>
        ) : (
          ''
        )}
        <ImageFields errors={errors} values={values} file="cover" alt="coverAlt" fileLabel={labels.cover} />
        <TextField
          {...fieldFor(values, errors, 'publishAt')}
          label={labels.publishAt}
          hint={t('sites.field.publishAtHint')}
          width="medium"
          type={DATETIME}
        />
        <div class="button-group">
          <Button variant="secondary" name="action" value="preview">
            {t('sites.action.preview')}
          </Button>
          {props.editable ? (
            <>
              <Button variant="secondary" name="action" value="save">
                {t('sites.action.saveDraft')}
              </Button>
              <Button name="action" value="publish">
                {t('sites.action.publish')}
              </Button>
              <Button variant="secondary" name="action" value="schedule">
                {t('sites.action.schedule')}
              </Button>
              {props.status === 'published' || props.status === 'scheduled' ? (
                <Button variant="warning" name="action" value="unpublish">
                  {t('sites.action.unpublish')}
                </Button>
              ) : (
                ''
              )}
            </>
          ) : (
            ''
          )}
        </div>
      </Form>
      {props.articleId ? (
        <p>
          <RevisionsLink village={props.village} kind="article" id={props.articleId} />
        </p>
      ) : (
        ''
      )}
    </StaffFrame>
  );
}

function EventForm(props: { action: string; values: Values; errors: Errors; submit: string }): SafeHtml {
  const { values, errors } = props;
  return (
    <Form action={props.action}>
      <TextField {...fieldFor(values, errors, 'title')} label={t('sites.field.eventTitle')} required />
      <TextField
        {...fieldFor(values, errors, 'startsAt')}
        label={t('sites.field.startsAt')}
        type={DATETIME}
        width="medium"
        hint={t('sites.field.dateTimeHint')}
        required
      />
      <TextField
        {...fieldFor(values, errors, 'endsAt')}
        label={t('sites.field.endsAt')}
        type={DATETIME}
        width="medium"
      />
      <TextField {...fieldFor(values, errors, 'place')} label={t('sites.field.place')} />
      <TextArea {...fieldFor(values, errors, 'description')} label={t('sites.field.description')} />
      <Button>{props.submit}</Button>
    </Form>
  );
}

export function AgendaStaffPage(props: ListPageProps & { events: SiteEvent[] }): SafeHtml {
  const b = base(props.village);
  return (
    <StaffFrame village={props.village} title={t('sites.staff.agenda')}>
      <Table
        label={t('sites.staff.agenda')}
        empty={t('sites.agenda.empty')}
        columns={[
          {
            header: t('sites.field.eventTitle'),
            cell: (e: SiteEvent) => <a href={`${b}/agenda/${e.id}`}>{e.title}</a>,
          },
          { header: t('sites.field.startsAt'), cell: (e: SiteEvent) => formatDateTime(e.startsAt) },
          { header: t('sites.field.place'), cell: (e: SiteEvent) => e.place || '–' },
          {
            header: t('sites.staff.actions'),
            cell: (e: SiteEvent) => <RevisionsLink village={props.village} kind="event" id={e.id} />,
          },
        ]}
        rows={props.events}
      />
      <AddSection
        editable={props.editable}
        title={t('sites.agenda.add')}
        form={EventForm}
        action={`${b}/agenda`}
        values={props.values}
        errors={props.errors}
      />
    </StaffFrame>
  );
}

export function EventEditPage(props: FormPageProps & { event: SiteEvent }): SafeHtml {
  const b = base(props.village);
  return (
    <StaffFrame village={props.village} title={t('sites.agenda.edit', { title: props.event.title })}>
      <EditSection
        form={EventForm}
        action={`${b}/agenda/${props.event.id}`}
        values={props.values}
        errors={props.errors}
      />
    </StaffFrame>
  );
}

export function GalleryStaffPage(props: ListPageProps & { images: SiteImage[] }): SafeHtml {
  const b = base(props.village);
  const errors = props.errors ?? {};
  return (
    <StaffFrame village={props.village} title={t('sites.staff.gallery')}>
      {props.editable ? (
        <>
          <ErrorSummary errors={errors} />
          <Form action={`${b}/galeri`} multipart>
            <ImageFields
              errors={errors}
              values={props.values}
              file="image"
              alt="alt"
              fileLabel={t('sites.field.image')}
            />
            <TextField {...fieldFor(props.values, errors, 'caption')} label={t('sites.field.caption')} />
            <Button>{t('sites.action.upload')}</Button>
          </Form>
        </>
      ) : (
        ''
      )}
      {props.images.length === 0 ? <EmptyState message={t('sites.gallery.empty')} /> : ''}
      <ul class="site-gallery">
        {props.images.map((image) => (
          <li>
            <figure>
              <Picture image={image} sizes="320px" />
              <figcaption>{image.caption || image.alt}</figcaption>
            </figure>
            {props.editable ? <DeleteForm action={`${b}/galeri/${image.id}/hapus`} /> : ''}
          </li>
        ))}
      </ul>
    </StaffFrame>
  );
}

function revisionSummary(revision: Revision): string {
  const c = revision.content;
  const first = [c.title, c.name, c.about, c.history, c.vision].find((v) => typeof v === 'string' && v) as
    | string
    | undefined;
  return first ? (first.length > 120 ? `${first.slice(0, 119)}…` : first) : '–';
}

export function RevisionsPage(props: {
  village: Village;
  revisions: Revision[];
  editable: boolean;
}): SafeHtml {
  const b = base(props.village);
  return (
    <StaffFrame village={props.village} title={t('sites.revisions.title')}>
      {props.revisions.length === 0 ? <EmptyState message={t('sites.revisions.empty')} /> : ''}
      <ol class="site-revisions">
        {props.revisions.map((r, index) => (
          <li>
            <p>
              <time datetime={r.savedAt.toISOString()}>{formatDateTime(r.savedAt)}</time> · {r.savedByName}
              {index === 0 ? ` · ${t('sites.revisions.current')}` : ''}
            </p>
            <p class="hint">{revisionSummary(r)}</p>
            <details>
              <summary>{t('sites.revisions.content')}</summary>
              <pre>{JSON.stringify(r.content, null, 2)}</pre>
            </details>
            {props.editable && index > 0 ? (
              <Form action={`${b}/riwayat/${r.id}/pulihkan`}>
                <Button variant="secondary">{t('sites.action.restore')}</Button>
              </Form>
            ) : (
              ''
            )}
          </li>
        ))}
      </ol>
    </StaffFrame>
  );
}
