import { mask } from '../auth/roles.ts';
import { t } from '../i18n/index.ts';
import {
  Button,
  CheckboxField,
  ErrorSummary,
  type FieldErrors,
  Form,
  fieldFor,
  Panel,
  Table,
  TextField,
} from '../ui/components.tsx';
import type { SafeHtml } from '../ui/jsx-runtime.ts';
import { Layout } from '../ui/layout.tsx';
import type { ErasureLine, PersonErasure } from './index.ts';

/** The NIK form: download everything held about the person, or go on to erase. */
export function PersonalDataPage(props: { values?: { nik?: string }; errors?: FieldErrors }): SafeHtml {
  return (
    <Layout title={t('personalData.title')}>
      <h1>{t('personalData.title')}</h1>
      <p>{t('personalData.intro')}</p>
      <ErrorSummary errors={props.errors} labels={{ nik: t('personalData.nik') }} />
      <Form action="/kelola/data-pribadi">
        <TextField
          {...fieldFor(props.values, props.errors, 'nik')}
          label={t('personalData.nik')}
          hint={t('personalData.nikHint')}
          inputmode="numeric"
          maxlength={16}
          width="medium"
          autocomplete="off"
          required
        />
        <Button name="do" value="ekspor">
          {t('personalData.export')}
        </Button>{' '}
        <Button name="do" value="hapus" variant="warning">
          {t('personalData.erase')}
        </Button>
      </Form>
    </Layout>
  );
}

/** The second step of an erasure: who holds what, and a box the administrator must tick. */
export function ConfirmErasurePage(props: {
  nik: string;
  holders: Array<{ module: string; label: string }>;
  errors?: FieldErrors;
}): SafeHtml {
  return (
    <Layout title={t('personalData.confirmTitle')}>
      <h1>{t('personalData.confirmTitle')}</h1>
      <ErrorSummary errors={props.errors} labels={{ confirm: t('personalData.confirm') }} />
      <p>{t('personalData.confirmIntro', { nik: mask(props.nik) })}</p>
      {props.holders.length === 0 ? (
        <p>{t('personalData.nothingFound')}</p>
      ) : (
        <ul>
          {props.holders.map((h) => (
            <li>{t(h.label)}</li>
          ))}
        </ul>
      )}
      <p>{t('personalData.confirmLaw')}</p>
      <Form action="/kelola/data-pribadi/hapus">
        <input type="hidden" name="nik" value={props.nik} />
        <CheckboxField
          name="confirm"
          value="1"
          label={t('personalData.confirm')}
          error={props.errors?.confirm}
          required
        />
        <Button variant="warning">{t('personalData.eraseNow')}</Button>
      </Form>
      <p>
        <a href="/kelola/data-pribadi">{t('personalData.back')}</a>
      </p>
    </Layout>
  );
}

interface OutcomeRow {
  section: string;
  done: string;
  line: ErasureLine;
}

export function ErasureDonePage(props: { erasure: PersonErasure }): SafeHtml {
  const rows: OutcomeRow[] = props.erasure.modules.flatMap((m) => [
    ...m.outcome.erased.map((line) => ({ section: t(m.label), done: t('personalData.erased'), line })),
    ...m.outcome.anonymised.map((line) => ({
      section: t(m.label),
      done: t('personalData.anonymised'),
      line,
    })),
    ...m.outcome.kept.map((line) => ({ section: t(m.label), done: t('personalData.kept'), line })),
  ]);
  return (
    <Layout title={t('personalData.doneTitle')}>
      <h1>{t('personalData.doneTitle')}</h1>
      <p>{t('personalData.doneIntro', { nik: props.erasure.nik })}</p>
      <Panel>
        <Table
          rows={rows}
          empty={t('personalData.nothingFound')}
          columns={[
            { header: t('personalData.section'), cell: (r) => r.section },
            { header: t('personalData.done'), cell: (r) => r.done },
            { header: t('personalData.what'), cell: (r) => t(r.line.what, { count: r.line.count }) },
            { header: t('personalData.why'), cell: (r) => (r.line.why ? t(r.line.why) : '') },
          ]}
        />
      </Panel>
      <p>
        <a href="/kelola/data-pribadi">{t('personalData.back')}</a>
      </p>
    </Layout>
  );
}
