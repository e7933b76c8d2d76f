import { formatDate, formatDateTime, formatNumber, t } from '../../../platform/i18n/index.ts';
import {
  BackLink,
  Button,
  ButtonLink,
  ErrorSummary,
  Form,
  fieldFor,
  Pagination,
  SelectField,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import type { Body } from '../bodies.ts';
import {
  CATEGORIES,
  COPY_METHODS,
  DELIVERIES,
  ENTRY_PAGE_SIZE,
  figureLines,
  OBJECTION_REASONS,
  type PublicEntry,
  type RequestView,
  type YearlyReport,
} from '../service.ts';
import { CategoryTag, ChoiceField, options, RequestStateTag } from './parts.tsx';

type Entry = Omit<PublicEntry, 'body'>;
type Values = Record<string, string | undefined>;

function entryHref(e: { bodyCode: string; id: string }): string {
  return `/informasi-publik/${e.bodyCode}/dip/${e.id}`;
}

export function InformasiHome(props: {
  bodies: Array<{ code: string; name: string }>;
  filter: { q?: string; badan?: string; kategori?: string };
  rows: Entry[];
  total: number;
  page: number;
}): SafeHtml {
  const bodyName = new Map(props.bodies.map((b) => [b.code, b.name]));
  return (
    <Page title={t('informasi.title')}>
      <p class="lead">{t('informasi.intro')}</p>
      <p>{t('informasi.rights')}</p>
      <Form action="/informasi-publik" method="get" class="filters">
        <TextField name="q" label={t('informasi.search.term')} type="search" value={props.filter.q} />
        <SelectField
          name="badan"
          label={t('informasi.search.body')}
          options={props.bodies.map((b) => ({ value: b.code, label: b.name }))}
          placeholder={t('informasi.search.allBodies')}
          value={props.filter.badan}
        />
        <SelectField
          name="kategori"
          label={t('informasi.search.category')}
          options={options(CATEGORIES, 'informasi.category')}
          placeholder={t('informasi.search.allCategories')}
          value={props.filter.kategori}
        />
        <Button>{t('informasi.search.submit')}</Button>
      </Form>
      <p>{t('informasi.search.count', { n: formatNumber(props.total) })}</p>
      <Table
        caption={t('informasi.search.results')}
        rows={props.rows}
        empty={t('informasi.search.empty')}
        columns={[
          { header: t('informasi.entry.title'), cell: (e) => <a href={entryHref(e)}>{e.title}</a> },
          {
            header: t('informasi.entry.body'),
            cell: (e) => (
              <a href={`/informasi-publik/${e.bodyCode}`}>{bodyName.get(e.bodyCode) ?? e.bodyCode}</a>
            ),
          },
          { header: t('informasi.entry.category'), cell: (e) => <CategoryTag category={e.category} /> },
          { header: t('informasi.entry.period'), cell: (e) => e.period },
        ]}
      />
      <Pagination
        list={{ ...props, pageSize: ENTRY_PAGE_SIZE }}
        baseUrl="/informasi-publik"
        query={props.filter}
      />
    </Page>
  );
}

/** A body's DIP, by category; also the village site's `informasi-publik` section. */
export function BodyPage(props: {
  body: Body;
  register: Array<{ category: string; entries: Entry[] }>;
  year: number;
  villageSite?: boolean;
}): SafeHtml {
  const { body } = props;
  return (
    <Layout title={t('informasi.body.title', { name: body.name })}>
      {props.villageSite ? (
        <BackLink href={`/desa/${body.code}`}>{t('informasi.body.backToVillage')}</BackLink>
      ) : (
        <BackLink href="/informasi-publik">{t('informasi.title')}</BackLink>
      )}
      <h1>{t('informasi.body.title', { name: body.name })}</h1>
      <p>{t('informasi.body.intro')}</p>
      <p>
        <ButtonLink href={`/informasi-publik/${body.code}/permohonan`} variant="primary">
          {t('informasi.request.start')}
        </ButtonLink>{' '}
        <a href={`/informasi-publik/${body.code}/laporan/${props.year}`}>
          {t('informasi.report.link', { year: props.year })}
        </a>
      </p>
      {props.register.map((group) => (
        <section>
          <h2>{t(`informasi.category.${group.category}`)}</h2>
          <p class="hint">{t(`informasi.categoryHint.${group.category}`)}</p>
          <Table
            label={t(`informasi.category.${group.category}`)}
            rows={group.entries}
            empty={t('informasi.body.emptyCategory')}
            columns={[
              { header: t('informasi.entry.title'), cell: (e) => <a href={entryHref(e)}>{e.title}</a> },
              { header: t('informasi.entry.period'), cell: (e) => e.period },
              { header: t('informasi.entry.official'), cell: (e) => e.official },
              { header: t('informasi.entry.format'), cell: (e) => t(`informasi.format.${e.format}`) },
            ]}
          />
        </section>
      ))}
    </Layout>
  );
}

export function EntryPage(props: { entry: PublicEntry }): SafeHtml {
  const e = props.entry;
  const test = e.consequenceTest;
  return (
    <Page title={e.title} back={{ href: `/informasi-publik/${e.bodyCode}`, label: e.body.name }}>
      <p>
        <CategoryTag category={e.category} />
      </p>
      <SummaryList
        rows={[
          [t('informasi.entry.body'), e.body.name],
          [t('informasi.entry.summary'), e.summary || '—'],
          [t('informasi.entry.official'), e.official],
          [t('informasi.entry.period'), e.period],
          [t('informasi.entry.format'), t(`informasi.format.${e.format}`)],
          [t('informasi.entry.retention'), e.retention],
          [t('informasi.entry.updated'), formatDate(e.updatedAt)],
        ]}
      />
      {test ? (
        <section>
          <h2>{t('informasi.entry.consequenceTest')}</h2>
          <p>{t('informasi.entry.excludedNote')}</p>
          <SummaryList
            rows={[
              [t('informasi.entry.legalBasis'), test.legalBasis],
              [t('informasi.entry.consequence'), test.consequence],
              [t('informasi.entry.publicInterest'), test.publicInterest],
            ]}
          />
        </section>
      ) : (
        <section>
          {e.hasDocument ? (
            <p>
              <ButtonLink href={`${entryHref(e)}/unduh`} variant="primary">
                {t('informasi.entry.download', { name: e.documentName ?? '' })}
              </ButtonLink>
            </p>
          ) : (
            ''
          )}
          {e.link ? (
            <p>
              <a href={e.link} rel="noopener noreferrer">
                {t('informasi.entry.openLink')}
              </a>
            </p>
          ) : (
            ''
          )}
          {!e.hasDocument && !e.link ? <p>{t('informasi.entry.askForIt')}</p> : ''}
        </section>
      )}
      <p>
        <a href={`/informasi-publik/${e.bodyCode}/permohonan`}>{t('informasi.request.start')}</a>
      </p>
    </Page>
  );
}

export function RequestFormPage(props: {
  body: Body;
  values: Values;
  errors?: Record<string, string>;
}): SafeHtml {
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <Page
      title={t('informasi.request.title', { name: props.body.name })}
      back={{ href: `/informasi-publik/${props.body.code}`, label: props.body.name }}
    >
      <p>{t('informasi.request.intro')}</p>
      <ErrorSummary errors={e} />
      <Form action={`/informasi-publik/${props.body.code}/permohonan`}>
        <fieldset>
          <legend>{t('informasi.request.identity')}</legend>
          <TextField
            {...fieldFor(v, e, 'name')}
            label={t('informasi.request.name')}
            required
            autocomplete="name"
          />
          <SelectField
            name="idKind"
            label={t('informasi.request.idKind')}
            options={options(['nik', 'lain'], 'informasi.idKind')}
            value={v.idKind ?? 'nik'}
            error={e.idKind}
            required
          />
          <TextField
            {...fieldFor(v, e, 'idNumber')}
            label={t('informasi.request.idNumber')}
            hint={t('informasi.request.idNumberHint')}
            required
            maxlength={40}
          />
          <TextArea {...fieldFor(v, e, 'address')} label={t('informasi.request.address')} rows={2} required />
          <TextField
            {...fieldFor(v, e, 'phone')}
            label={t('informasi.request.phone')}
            type="tel"
            inputmode="tel"
            autocomplete="tel"
          />
          <TextField
            {...fieldFor(v, e, 'email')}
            label={t('informasi.request.email')}
            type="email"
            autocomplete="email"
          />
          <p class="hint">{t('informasi.request.contactHint')}</p>
        </fieldset>
        <fieldset>
          <legend>{t('informasi.request.what')}</legend>
          <TextArea
            {...fieldFor(v, e, 'information')}
            label={t('informasi.request.information')}
            required
            rows={5}
          />
          <TextArea {...fieldFor(v, e, 'purpose')} label={t('informasi.request.purpose')} required rows={3} />
          <ChoiceField
            {...fieldFor(v, e, 'delivery')}
            label={t('informasi.request.delivery')}
            keys={DELIVERIES}
            prefix="informasi.delivery"
            required
          />
          <ChoiceField
            {...fieldFor(v, e, 'copyMethod')}
            label={t('informasi.request.copyMethod')}
            hint={t('informasi.request.copyMethodHint')}
            keys={COPY_METHODS}
            prefix="informasi.copyMethod"
          />
        </fieldset>
        <div class="visually-hidden" aria-hidden="true">
          <label for="field-website">Website</label>
          <input id="field-website" name="website" tabindex="-1" autocomplete="off" />
        </div>
        <p>{t('informasi.request.deadlineNote')}</p>
        <Button>{t('informasi.request.submit')}</Button>
      </Form>
    </Page>
  );
}

export function eventText(kind: string): string {
  return t(`informasi.event.${kind}`);
}

export function History(props: { events: RequestView['events'] }): SafeHtml {
  return (
    <section>
      <h2>{t('informasi.track.history')}</h2>
      <ol class="history">
        {props.events.map((e) => (
          <li>
            <strong>{eventText(e.kind)}</strong> — {formatDateTime(e.at)}
            {e.note ? <p>{e.note}</p> : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function DeadlineRows(r: RequestView): Array<[string, SafeHtml | string]> {
  return [
    [t('informasi.track.state'), <RequestStateTag state={r.state} overdue={r.overdue} />],
    [t('informasi.track.received'), formatDateTime(r.receivedAt)],
    [t('informasi.track.due'), formatDate(r.dueAt)],
    ...(r.extendedDueAt
      ? ([
          [t('informasi.track.extendedDue'), formatDate(r.extendedDueAt)],
          [t('informasi.track.extensionReason'), r.extensionReason ?? ''],
        ] as Array<[string, string]>)
      : []),
    ...(r.decidedAt
      ? ([[t('informasi.track.decided'), formatDateTime(r.decidedAt)]] as Array<[string, string]>)
      : []),
    ...(r.refusalGround
      ? ([[t('informasi.track.ground'), t(`informasi.ground.${r.refusalGround}`)]] as Array<[string, string]>)
      : []),
  ];
}

export function ObjectionSummary(props: { objection: NonNullable<RequestView['objection']> }): SafeHtml {
  const o = props.objection;
  return (
    <SummaryList
      rows={[
        [
          t('informasi.track.state'),
          <span>
            {t(`informasi.objection.state.${o.state}`)}
            {o.overdue ? <strong class="tag tag-bad"> {t('informasi.overdue')}</strong> : ''}
          </span>,
        ],
        [t('informasi.objection.reason'), t(`informasi.reason.${o.reason}`)],
        [t('informasi.objection.filed'), formatDateTime(o.filedAt)],
        [t('informasi.objection.due'), formatDate(o.dueAt)],
        ...(o.decisionNote
          ? ([[t('informasi.objection.decision'), o.decisionNote]] as Array<[string, string]>)
          : []),
      ]}
    />
  );
}

export function TrackingPage(props: {
  request: RequestView & { name: string };
  token: string;
  justFiled: boolean;
  errors?: Record<string, string>;
  values?: Values;
}): SafeHtml {
  const r = props.request;
  const e = props.errors ?? {};
  return (
    <Page title={t('informasi.track.title', { number: r.number })}>
      {props.justFiled ? (
        <div class="panel" role="status">
          <p>
            <strong>{t('informasi.track.thanks')}</strong>
          </p>
          <p>{t('informasi.track.privateLink')}</p>
        </div>
      ) : (
        ''
      )}
      {r.overdue ? (
        <p class="warning">
          <strong>{t('informasi.overdue')}</strong>: {t('informasi.track.overdueNote')}
        </p>
      ) : (
        ''
      )}
      <SummaryList
        rows={[
          [t('informasi.entry.body'), r.body.name],
          [t('informasi.request.information'), r.information],
          ...DeadlineRows(r),
        ]}
      />
      {r.answerNote ? (
        <section>
          <h2>{t('informasi.track.answer')}</h2>
          <p>{r.answerNote}</p>
        </section>
      ) : (
        ''
      )}
      {r.hasAnswerDocument ? (
        <p>
          <ButtonLink
            href={`/informasi-publik/lacak/${r.number}/jawaban?kunci=${encodeURIComponent(props.token)}`}
            variant="primary"
          >
            {t('informasi.track.downloadAnswer')}
          </ButtonLink>
        </p>
      ) : (
        ''
      )}
      <History events={r.events} />
      <section id="keberatan">
        <h2>{t('informasi.objection.title')}</h2>
        {r.objection ? (
          <ObjectionSummary objection={r.objection} />
        ) : r.objectionClosesAt ? (
          <>
            <p>{t('informasi.objection.intro', { date: formatDate(r.objectionClosesAt) })}</p>
            <ErrorSummary errors={e} />
            <Form action={`/informasi-publik/lacak/${r.number}/keberatan`}>
              <input type="hidden" name="kunci" value={props.token} />
              <ChoiceField
                {...fieldFor(props.values, e, 'reason')}
                label={t('informasi.objection.reason')}
                keys={OBJECTION_REASONS}
                prefix="informasi.reason"
                required
              />
              <TextArea {...fieldFor(props.values, e, 'note')} label={t('informasi.objection.note')} />
              <Button>{t('informasi.objection.submit')}</Button>
            </Form>
          </>
        ) : (
          <p>{t('informasi.objection.notOpen')}</p>
        )}
      </section>
    </Page>
  );
}

export function ReportFigures(props: { report: YearlyReport }): SafeHtml {
  const rows = figureLines(props.report);
  return (
    <>
      <Table
        caption={t('informasi.report.figuresCaption')}
        rows={rows}
        columns={[
          { header: t('informasi.report.figure'), cell: (r) => r[0] },
          {
            header: t('informasi.report.value'),
            cell: (r) => (r[1] === null ? '—' : formatNumber(r[1])),
            numeric: true,
          },
        ]}
      />
      <Table
        caption={t('informasi.report.byGround')}
        rows={props.report.refusedByGround}
        empty={t('informasi.report.noRefusals')}
        columns={[
          { header: t('informasi.track.ground'), cell: (g) => t(`informasi.ground.${g.ground}`) },
          { header: t('informasi.report.value'), cell: (g) => formatNumber(g.count), numeric: true },
        ]}
      />
    </>
  );
}

export function ReportPage(props: { report: YearlyReport }): SafeHtml {
  const { body, year } = props.report;
  return (
    <Page
      title={t('informasi.report.title', { name: body.name, year })}
      back={{ href: `/informasi-publik/${body.code}`, label: body.name }}
    >
      <p>{t('informasi.report.intro')}</p>
      <ReportFigures report={props.report} />
      <p>
        <a href={`/informasi-publik/${body.code}/laporan/${year}/csv`} download>
          {t('informasi.report.csv')}
        </a>
      </p>
    </Page>
  );
}
