import { auditActionText, auditDetailPairs, auditEntityText } from './audit/describe.ts';
import { ROLES, type StaffActor } from './auth/roles.ts';
import type { Figure } from './figures/index.ts';
import { formatDateTime, formatNumber, t } from './i18n/index.ts';
import type { WorkQueueItem } from './module.ts';
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  Form,
  FormSection,
  fieldFor,
  Pagination,
  Panel,
  PasswordField,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextField,
} from './ui/components.tsx';
import { raw, type SafeHtml } from './ui/jsx-runtime.ts';
import { Page } from './ui/layout.tsx';
import type { ChecklistStep } from './village-site.ts';

export function LoginPage(props: {
  values?: { email?: string };
  errors?: FieldErrors;
  returnTo: string;
  message?: string;
}): SafeHtml {
  return (
    <Page title={t('auth.loginTitle')}>
      <p>{t('auth.choice.lead')}</p>
      <ul class="login-choices">
        <li>
          <a class="button button-primary" href="/masuk/warga">
            {t('auth.choice.resident')}
          </a>
          <p class="hint">{t('auth.choice.residentHint')}</p>
        </li>
        <li>
          <a class="button button-secondary" href="#petugas">
            {t('auth.choice.staff')}
          </a>
          <p class="hint">{t('auth.choice.staffHint')}</p>
        </li>
      </ul>
      <h2 id="petugas">{t('auth.choice.staff')}</h2>
      <ErrorSummary errors={props.errors} labels={{ email: t('auth.email'), password: t('auth.password') }} />
      {props.message ? <p class="error-message">{props.message}</p> : ''}
      <Form action={`/masuk?kembali=${encodeURIComponent(props.returnTo)}`}>
        <TextField
          {...fieldFor(props.values, props.errors, 'email')}
          type="email"
          label={t('auth.email')}
          autocomplete="username"
          required
        />
        <PasswordField
          name="password"
          label={t('auth.password')}
          error={props.errors?.password}
          autocomplete="current-password"
          required
        />
        <Button>{t('auth.login')}</Button>
      </Form>
      <p>
        <a href="/masuk/kode">{t('auth.firstLoginWithCode')}</a>
      </p>
    </Page>
  );
}

/** A new village's first steps, each linking to its page; the bar is a plain <progress>, no script. */
export function OnboardingChecklistPanel(props: {
  checklist: { steps: ChecklistStep[]; done: number; total: number };
}): SafeHtml {
  const { checklist } = props;
  const progress = t('dashboard.checklist.progress', { done: checklist.done, total: checklist.total });
  return (
    <section class="panel onboarding-checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('dashboard.checklist.title')}</h2>
      <p id="checklist-progress">{progress}</p>
      <progress
        max={String(checklist.total)}
        value={String(checklist.done)}
        aria-labelledby="checklist-progress"
      >
        {progress}
      </progress>
      <ol class="checklist">
        {checklist.steps.map((step) => (
          <li data-step={step.key} data-done={step.done ? 'ya' : 'belum'}>
            <a href={step.href}>{t(step.label)}</a>{' '}
            <StatusTag tone={step.done ? 'good' : 'neutral'}>
              {step.done ? t('dashboard.checklist.done') : t('dashboard.checklist.todo')}
            </StatusTag>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What waits for this officer, overdue work first, each line a link to the filtered list. */
function WorkQueue(props: { items: WorkQueueItem[] }): SafeHtml {
  return (
    <section class="panel work-queue" aria-labelledby="work-queue-title">
      <h2 id="work-queue-title">{t('dashboard.workQueue')}</h2>
      {props.items.length === 0 ? (
        <p>{t('dashboard.workQueueEmpty')}</p>
      ) : (
        <ul class="work-list">
          {props.items.map((item) => (
            <li data-work={item.kind} class={item.overdue > 0 ? 'has-overdue' : undefined}>
              <a href={item.href}>{item.label}</a>
              {item.overdue > 0 && !item.kind.endsWith('.overdue') ? (
                <>
                  {' '}
                  <span class="overdue">{t('dashboard.overdueOf', { n: item.overdue })}</span>
                </>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/kelola/kerja">{t('work.openQueue')}</a>
      </p>
    </section>
  );
}

export function DashboardPage(props: {
  actor: StaffActor;
  scopeName: string;
  figures: Figure[];
  work: WorkQueueItem[];
  checklist?: { steps: ChecklistStep[]; done: number; total: number } | null;
}): SafeHtml {
  const { actor } = props;
  return (
    <Page title={t('dashboard.title')} heading={t('dashboard.greeting', { name: actor.name })}>
      {props.checklist && props.checklist.total > 0 && props.checklist.done < props.checklist.total ? (
        <OnboardingChecklistPanel checklist={props.checklist} />
      ) : (
        ''
      )}
      <WorkQueue items={props.work} />
      <Panel title={t('dashboard.yourScope')}>
        <SummaryList
          rows={[
            [t('dashboard.role'), t(`role.${actor.role}`)],
            [t('dashboard.scope'), `${props.scopeName} (${actor.scope.code})`],
            [t('dashboard.can'), t(`roleCan.${actor.role}`)],
          ]}
        />
      </Panel>
      <h2>{t('dashboard.figures')}</h2>
      <ul class="cards">
        {props.figures.map((figure) => (
          <li data-figure={figure.name}>
            <strong style="font-size:1.6rem">
              {figure.value === null ? '—' : formatNumber(figure.value)}
            </strong>
            <br />
            {figure.details ? <a href={figure.details}>{figure.label}</a> : figure.label}
          </li>
        ))}
      </ul>
      {props.figures.length > 0 ? (
        <p class="hint">
          {t('dashboard.asOf', {
            at: formatDateTime(new Date(Math.min(...props.figures.map((f) => f.asOf.getTime())))),
          })}
        </p>
      ) : (
        ''
      )}
    </Page>
  );
}

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  scope_code: string;
  active: boolean;
  last_login_at: Date | null;
  locked_until: Date | null;
};

export function UsersPage(props: {
  rows: UserRow[];
  total: number;
  page: number;
  pageSize: number;
  filter: { role?: string; q?: string };
}): SafeHtml {
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  return (
    <Page title={t('users.title')} wide>
      <p>
        <a class="button button-primary" href="/kelola/pengguna/baru">
          {t('users.new')}
        </a>
      </p>
      <Form action="/kelola/pengguna" method="get" class="filters">
        <SelectField
          name="role"
          label={t('users.role')}
          options={roleOptions}
          value={props.filter.role}
          placeholder={t('ui.all')}
        />
        <TextField name="q" type="search" label={t('users.search')} value={props.filter.q} />
        <Button variant="secondary">{t('ui.filter')}</Button>
      </Form>
      <Table
        caption={t('users.count', { n: props.total })}
        rows={props.rows}
        columns={[
          {
            header: t('users.name'),
            cell: (u) => (
              <>
                {u.name}
                <br />
                <small>{u.email}</small>
              </>
            ),
          },
          { header: t('users.role'), cell: (u) => t(`role.${u.role}`) },
          { header: t('users.scope'), cell: (u) => u.scope_code },
          {
            header: t('users.status'),
            cell: (u) =>
              u.active ? (
                u.locked_until && new Date(u.locked_until) > new Date() ? (
                  <StatusTag tone="warn">{t('users.locked')}</StatusTag>
                ) : (
                  <StatusTag tone="good">{t('users.active')}</StatusTag>
                )
              ) : (
                <StatusTag tone="bad">{t('users.inactive')}</StatusTag>
              ),
          },
          {
            header: t('users.lastLogin'),
            cell: (u) => (u.last_login_at ? formatDateTime(u.last_login_at) : '—'),
          },
          {
            header: t('ui.actions'),
            cell: (u) => (
              <>
                <Form action={`/kelola/pengguna/${u.id}/status`}>
                  <input type="hidden" name="active" value={u.active ? '0' : '1'} />
                  <Button variant={u.active ? 'warning' : 'secondary'}>
                    {u.active ? t('users.deactivate') : t('users.activate')}
                  </Button>
                </Form>
                <a href={`/kelola/pengguna/${u.id}/token`}>{t('account.apiTokensLink')}</a>
              </>
            ),
          },
        ]}
      />
      <Pagination list={props} baseUrl="/kelola/pengguna" query={props.filter} />
    </Page>
  );
}

export function NewUserPage(props: {
  values: Record<string, string>;
  errors?: FieldErrors;
  agencies: Array<{ code: string; short_name: string }>;
}): SafeHtml {
  const labels = {
    email: t('users.email'),
    name: t('users.name'),
    role: t('users.role'),
    scope: t('users.scope'),
    password: t('auth.password'),
  };
  return (
    <Page title={t('users.new')}>
      <ErrorSummary errors={props.errors} labels={labels} />
      <Form action="/kelola/pengguna/baru">
        <TextField {...fieldFor(props.values, props.errors, 'name')} label={labels.name} required />
        <TextField
          {...fieldFor(props.values, props.errors, 'email')}
          type="email"
          label={labels.email}
          required
        />
        <SelectField
          {...fieldFor(props.values, props.errors, 'role')}
          label={labels.role}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          placeholder={t('ui.choose')}
          required
        />
        <TextField
          {...fieldFor(props.values, props.errors, 'scope')}
          label={labels.scope}
          hint={t('users.scopeHint', { agencies: props.agencies.map((a) => a.code).join(', ') })}
          required
        />
        <PasswordField
          name="password"
          label={labels.password}
          hint={t('users.passwordHint')}
          error={props.errors?.password}
          autocomplete="new-password"
          required
        />
        <Button>{t('ui.save')}</Button>
      </Form>
    </Page>
  );
}

type AuditRow = {
  id: number;
  at: Date;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string | null;
  village_code: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
};

/** The detail as "key: value" lines in words; the stored JSON in small print for auditors. */
function AuditDetail(props: { detail: unknown }): SafeHtml {
  const pairs = auditDetailPairs(props.detail);
  if (pairs.length === 0) return raw('');
  return (
    <>
      <dl class="audit-detail">
        {pairs.map((p) => (
          <div>
            <dt>{p.label}</dt>
            <dd>{p.value}</dd>
          </div>
        ))}
      </dl>
      <small class="raw-code">{JSON.stringify(props.detail)}</small>
    </>
  );
}

export function AuditPage(props: {
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
  actions: string[];
  filter: Record<string, string | undefined>;
}): SafeHtml {
  return (
    <Page title={t('audit.title')} wide>
      <p>{t('audit.intro')}</p>
      <Form action="/kelola/audit" method="get" class="filters">
        <SelectField
          name="action"
          label={t('audit.action')}
          options={props.actions.map((a) => ({ value: a, label: `${auditActionText(a)} (${a})` }))}
          value={props.filter.action}
          placeholder={t('ui.all')}
        />
        <TextField name="entity" label={t('audit.entity')} value={props.filter.entity} width="medium" />
        <TextField name="actor" label={t('audit.actor')} value={props.filter.actor} width="medium" />
        <TextField
          name="villageCode"
          label={t('audit.region')}
          value={props.filter.villageCode}
          width="medium"
        />
        <TextField name="from" type="date" label={t('audit.from')} value={props.filter.from} />
        <TextField name="to" type="date" label={t('audit.to')} value={props.filter.to} />
        <Button variant="secondary">{t('ui.filter')}</Button>
      </Form>
      <Table
        caption={t('audit.count', { n: props.total })}
        rows={props.rows}
        empty={t('audit.empty')}
        columns={[
          { header: t('audit.when'), cell: (r) => formatDateTime(r.at) },
          { header: t('audit.actor'), cell: (r) => r.actor_label },
          {
            header: t('audit.action'),
            cell: (r) => (
              <>
                {auditActionText(r.action)}
                <br />
                <small class="raw-code" title={t('audit.rawCode')}>
                  {r.action}
                </small>
              </>
            ),
          },
          {
            header: t('audit.entity'),
            cell: (r) => (
              <>
                {auditEntityText(r.entity)}
                {r.entity_id ? (
                  <>
                    <br />
                    <small class="raw-code">{r.entity_id}</small>
                  </>
                ) : (
                  ''
                )}
              </>
            ),
          },
          { header: t('audit.region'), cell: (r) => r.village_code ?? '—' },
          { header: t('audit.detail'), cell: (r) => <AuditDetail detail={r.detail} /> },
        ]}
      />
      <Pagination list={props} baseUrl="/kelola/audit" query={props.filter} />
    </Page>
  );
}

export function AccountPage(props: { actor: StaffActor; errors?: FieldErrors }): SafeHtml {
  return (
    <Page title={t('account.title')}>
      <SummaryList
        rows={[
          [t('users.name'), props.actor.name],
          [t('users.email'), props.actor.email],
          [t('users.role'), t(`role.${props.actor.role}`)],
          [t('users.scope'), props.actor.scope.code],
        ]}
      />
      <FormSection title={t('account.changePassword')} action="/kelola/akun/kata-sandi" errors={props.errors}>
        <PasswordField
          name="current"
          label={t('account.currentPassword')}
          error={props.errors?.current}
          autocomplete="current-password"
          required
        />
        <PasswordField
          name="password"
          label={t('account.newPassword')}
          hint={t('users.passwordHint')}
          error={props.errors?.password}
          autocomplete="new-password"
          required
        />
        <Button>{t('ui.save')}</Button>
      </FormSection>
      <h2>{t('account.apiToken')}</h2>
      <p>
        <a href="/kelola/akun/token">{t('account.manageTokens')}</a>
      </p>
      <h2>{t('account.sessions')}</h2>
      <Form action="/keluar-semua">
        <Button variant="warning">{t('account.logoutEverywhere')}</Button>
      </Form>
    </Page>
  );
}

export type TokenRow = {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date;
  revoked_at: Date | null;
};

export const TOKEN_DAY_CHOICES = [30, 90, 180, 365];

function tokenStatus(row: TokenRow, now: Date): SafeHtml {
  if (row.revoked_at) return <StatusTag tone="bad">{t('account.tokenRevoked')}</StatusTag>;
  if (new Date(row.expires_at) <= now)
    return <StatusTag tone="neutral">{t('account.tokenExpired')}</StatusTag>;
  return <StatusTag tone="good">{t('users.active')}</StatusTag>;
}

/** An account's API tokens: the owner creates and revokes them, an admin kabupaten revokes them. */
export function TokensPage(props: {
  owner: { name: string; email: string };
  tokens: TokenRow[];
  now: Date;
  /** only the owner creates tokens: a token acts as the person who made it */
  canCreate: boolean;
  newToken?: string | null;
  errors?: FieldErrors;
  values?: { name?: string; days?: string };
}): SafeHtml {
  return (
    <Page title={t('account.tokensTitle')} wide>
      <p>{t('account.tokensOf', { name: props.owner.name, email: props.owner.email })}</p>
      <p>{t('account.tokensExplain')}</p>
      {props.newToken ? (
        <Panel>
          <p>{t('account.tokenOnce')}</p>
          <p>
            <code>{props.newToken}</code>
          </p>
        </Panel>
      ) : (
        ''
      )}
      <Table
        caption={t('account.tokensCount', { n: props.tokens.length })}
        rows={props.tokens}
        empty={t('account.noTokens')}
        columns={[
          { header: t('account.tokenNameShort'), cell: (r) => r.name },
          { header: t('account.tokenCreated'), cell: (r) => formatDateTime(r.created_at) },
          {
            header: t('account.tokenLastUsed'),
            cell: (r) => (r.last_used_at ? formatDateTime(r.last_used_at) : '—'),
          },
          { header: t('account.tokenExpires'), cell: (r) => formatDateTime(r.expires_at) },
          { header: t('users.status'), cell: (r) => tokenStatus(r, props.now) },
          {
            header: t('ui.actions'),
            cell: (r) =>
              !r.revoked_at && new Date(r.expires_at) > props.now ? (
                <Form action={`/kelola/token/${r.id}/cabut`}>
                  <Button variant="warning">{t('account.revokeToken')}</Button>
                </Form>
              ) : (
                ''
              ),
          },
        ]}
      />
      {props.canCreate ? (
        <FormSection title={t('account.createToken')} action="/kelola/akun/token" errors={props.errors}>
          <TextField
            {...fieldFor(props.values, props.errors, 'name')}
            label={t('account.tokenName')}
            required
          />
          <SelectField
            name="days"
            label={t('account.tokenDays')}
            options={TOKEN_DAY_CHOICES.map((d) => ({
              value: String(d),
              label: t('account.tokenDaysOption', { n: d }),
            }))}
            value={props.values?.days ?? '90'}
            error={props.errors?.days}
          />
          <Button variant="secondary">{t('account.createToken')}</Button>
        </FormSection>
      ) : (
        ''
      )}
    </Page>
  );
}
