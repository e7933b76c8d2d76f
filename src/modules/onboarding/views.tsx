import { formatDate, formatDateTime, t } from '../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  PasswordField,
  SelectField,
  Table,
  TextField,
} from '../../platform/ui/components.tsx';
import type { SafeHtml } from '../../platform/ui/jsx-runtime.ts';
import { Page } from '../../platform/ui/layout.tsx';
import { OnboardingChecklistPanel } from '../../platform/views.tsx';
import type { Checklist, OnboardingResult, RowProblem, VillageProgress } from './service.ts';
import './messages.ts';

function ProblemTable(props: { problems: RowProblem[] }): SafeHtml {
  return (
    <Table
      caption={t('onboarding.result.rejected')}
      rows={props.problems}
      columns={[
        { header: t('onboarding.col.line'), cell: (p) => String(p.line), numeric: true },
        { header: t('onboarding.col.column'), cell: (p) => p.column },
        { header: t('onboarding.col.problem'), cell: (p) => p.message },
      ]}
    />
  );
}

export function OnboardingPage(props: {
  progress: VillageProgress[];
  kecamatan: Array<{ code: string; name: string }>;
  kecamatanCode?: string;
  errors?: FieldErrors;
  message?: string;
}): SafeHtml {
  return (
    <Page title={t('onboarding.title')} wide>
      <p>{t('onboarding.lead')}</p>
      <p class="hint">{t('onboarding.columns')}</p>
      <p class="hint">{t('onboarding.rule')}</p>
      <ErrorSummary errors={props.errors} labels={{ file: t('onboarding.file') }} />
      {props.message ? <p class="error-message">{props.message}</p> : ''}
      <Form action="/kelola/onboarding" multipart>
        <FileField
          name="file"
          label={t('onboarding.file')}
          hint={t('onboarding.fileHint')}
          accept=".csv,.xlsx,text/csv"
          error={props.errors?.file}
        />
        <Button>{t('onboarding.upload')}</Button>
      </Form>
      <h2>{t('onboarding.progressTitle')}</h2>
      {props.kecamatan.length > 1 ? (
        <Form action="/kelola/onboarding" method="get" class="filters">
          <SelectField
            name="kecamatan"
            label={t('onboarding.filter.kecamatan')}
            options={props.kecamatan.map((k) => ({ value: k.code, label: k.name }))}
            value={props.kecamatanCode}
            placeholder={t('ui.all')}
          />
          <Button variant="secondary">{t('onboarding.filter.submit')}</Button>
        </Form>
      ) : (
        ''
      )}
      <Table
        label={t('onboarding.progressTitle')}
        rows={props.progress}
        columns={[
          {
            header: t('onboarding.col.village'),
            cell: (v) => <a href={`/kelola/onboarding/desa/${v.code}`}>{`${v.name} (${v.code})`}</a>,
          },
          { header: t('onboarding.col.kecamatan'), cell: (v) => v.kecamatanName },
          { header: t('onboarding.col.accounts'), cell: (v) => String(v.accounts), numeric: true },
          { header: t('onboarding.col.firstLogin'), cell: (v) => String(v.signedIn), numeric: true },
          {
            header: t('onboarding.col.steps'),
            cell: (v) => t('onboarding.stepsOf', { done: v.stepsDone, total: v.stepsTotal }),
          },
        ]}
      />
    </Page>
  );
}

export function ResultPage(props: { result: OnboardingResult }): SafeHtml {
  const { result } = props;
  const rejected = new Set(result.problems.map((p) => p.line)).size;
  return (
    <Page title={t('onboarding.result.title')} wide>
      <p class="notice" role="status">
        {t('onboarding.result.summary', {
          created: result.created.length,
          rejected,
          total: result.rowsTotal,
        })}
      </p>
      {result.created.length > 0 && result.batchId && result.lettersUntil ? (
        <>
          <p>{t('onboarding.result.codesOnce', { until: formatDateTime(result.lettersUntil) })}</p>
          <p>
            <a class="button button-primary" href={`/kelola/onboarding/kiriman/${result.batchId}/surat.pdf`}>
              {t('onboarding.result.pdf')}
            </a>
          </p>
          <Table
            caption={t('onboarding.result.created')}
            rows={result.created}
            columns={[
              { header: t('onboarding.col.line'), cell: (a) => String(a.line), numeric: true },
              { header: t('onboarding.col.village'), cell: (a) => a.village.name },
              { header: t('onboarding.col.name'), cell: (a) => a.name },
              { header: t('onboarding.col.role'), cell: (a) => t(`role.${a.role}`) },
              { header: t('onboarding.col.email'), cell: (a) => a.email },
              {
                header: t('onboarding.col.code'),
                cell: (a) => <code data-code>{`${a.code.slice(0, 4)}-${a.code.slice(4)}`}</code>,
              },
            ]}
          />
        </>
      ) : (
        <p>{t('onboarding.result.noneCreated')}</p>
      )}
      {result.problems.length > 0 ? <ProblemTable problems={result.problems} /> : ''}
      <p>
        <a href="/kelola/onboarding">{t('onboarding.back')}</a>
      </p>
    </Page>
  );
}

type AccountRow = {
  user_id: string;
  name: string;
  email: string;
  role: string;
  first_login_at: Date | null;
};

export function VillageAccountsPage(props: { villageCode: string; accounts: AccountRow[] }): SafeHtml {
  return (
    <Page
      title={t('onboarding.accounts.title')}
      heading={`${t('onboarding.accounts.title')} — ${props.villageCode}`}
      wide
    >
      <Table
        label={t('onboarding.accounts.title')}
        rows={props.accounts}
        columns={[
          { header: t('onboarding.col.name'), cell: (a) => a.name },
          { header: t('onboarding.col.role'), cell: (a) => t(`role.${a.role}`) },
          { header: t('onboarding.col.email'), cell: (a) => a.email },
          {
            header: t('onboarding.col.status'),
            cell: (a) =>
              a.first_login_at
                ? `${t('onboarding.accounts.done')} ${formatDate(a.first_login_at)}`
                : t('onboarding.accounts.waiting'),
          },
          {
            header: t('onboarding.col.action'),
            cell: (a) =>
              a.first_login_at ? (
                ''
              ) : (
                <Form action={`/kelola/onboarding/akun/${a.user_id}/kode-baru`}>
                  <Button variant="secondary">{t('onboarding.accounts.reissue')}</Button>
                </Form>
              ),
          },
        ]}
      />
      <p>
        <a href="/kelola/onboarding">{t('onboarding.back')}</a>
      </p>
    </Page>
  );
}

export function ReissuedPage(props: {
  name: string;
  email: string;
  code: string;
  expiresAt: Date;
  back: string;
}): SafeHtml {
  return (
    <Page title={t('onboarding.reissue.title')}>
      <p>
        {t('onboarding.reissue.lead', {
          name: props.name,
          email: props.email,
          until: formatDate(props.expiresAt),
        })}
      </p>
      <p style="font-size:1.6rem">
        <code data-code>{`${props.code.slice(0, 4)}-${props.code.slice(4)}`}</code>
      </p>
      <p>
        <a href={props.back}>
          {t(props.back === '/kelola/onboarding' ? 'onboarding.back' : 'onboarding.backPrevious')}
        </a>
      </p>
    </Page>
  );
}

export function ChecklistPage(props: { checklist: Checklist; welcome?: boolean }): SafeHtml {
  const { checklist } = props;
  return (
    <Page title={t('dashboard.checklist.title')}>
      {props.welcome ? <p class="notice">{t('onboarding.first.welcome')}</p> : ''}
      {checklist.total === 0 ? (
        <p>{t('onboarding.checklist.none')}</p>
      ) : (
        <>
          <OnboardingChecklistPanel checklist={checklist} />
          {checklist.done === checklist.total ? <p>{t('onboarding.checklist.allDone')}</p> : ''}
        </>
      )}
    </Page>
  );
}

export function FirstLoginPage(props: {
  values?: { email?: string };
  errors?: FieldErrors;
  message?: string;
}): SafeHtml {
  return (
    <Page title={t('onboarding.first.title')}>
      <p>{t('onboarding.first.lead')}</p>
      <ErrorSummary
        errors={props.errors}
        labels={{
          email: t('onboarding.first.email'),
          code: t('onboarding.first.code'),
          password: t('onboarding.first.password'),
          confirm: t('onboarding.first.confirm'),
        }}
      />
      {props.message ? <p class="error-message">{props.message}</p> : ''}
      <Form action="/masuk/kode">
        <TextField
          name="email"
          type="email"
          label={t('onboarding.first.email')}
          value={props.values?.email}
          error={props.errors?.email}
          autocomplete="username"
          required
        />
        <TextField
          name="code"
          label={t('onboarding.first.code')}
          hint={t('onboarding.first.codeHint')}
          error={props.errors?.code}
          autocomplete="one-time-code"
          maxlength={12}
          width="short"
          required
        />
        <PasswordField
          name="password"
          label={t('onboarding.first.password')}
          hint={t('onboarding.first.passwordHint')}
          error={props.errors?.password}
          autocomplete="new-password"
          required
        />
        <PasswordField
          name="confirm"
          label={t('onboarding.first.confirm')}
          error={props.errors?.confirm}
          autocomplete="new-password"
          required
        />
        <Button>{t('onboarding.first.submit')}</Button>
      </Form>
    </Page>
  );
}
