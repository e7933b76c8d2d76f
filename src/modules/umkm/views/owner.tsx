import { t } from '../../../platform/i18n/index.ts';
import {
  Button,
  ButtonLink,
  EmptyState,
  ErrorSummary,
  type FieldErrors,
  Form,
  SummaryList,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import type { Enterprise } from '../service.ts';
import { EnterpriseFields, fieldLabels, OWNER_BASE, StatusBadge, type Values } from './parts.tsx';
import { detailRows } from './staff.tsx';

export function MyEnterprisesPage(props: { rows: Enterprise[] }): SafeHtml {
  return (
    <Page title={t('umkm.mine.title')}>
      <p>{t('umkm.mine.intro')}</p>
      <p>
        <ButtonLink href={`${OWNER_BASE}/baru`} variant="primary">
          {t('umkm.mine.register')}
        </ButtonLink>
      </p>
      {props.rows.length === 0 ? (
        <EmptyState message={t('umkm.mine.empty')} />
      ) : (
        <ul class="plain-list">
          {props.rows.map((e) => (
            <li>
              <a href={`${OWNER_BASE}/${e.id}`}>{e.name}</a> <StatusBadge status={e.status} />
              {e.status === 'dikembalikan' && e.returnReason ? (
                <p>{t('umkm.returnedBecause', { reason: e.returnReason })}</p>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

export function MyEnterpriseFormPage(props: {
  action: string;
  title: string;
  values?: Values;
  errors?: FieldErrors;
  note?: string;
}): SafeHtml {
  return (
    <Page title={props.title} back={{ href: OWNER_BASE, label: t('umkm.mine.title') }}>
      {props.note ? <p>{props.note}</p> : ''}
      <ErrorSummary errors={props.errors} labels={fieldLabels()} />
      <Form action={props.action}>
        <EnterpriseFields values={props.values} errors={props.errors} />
        <Button>{t('umkm.mine.send')}</Button>
      </Form>
    </Page>
  );
}

export function MyEnterprisePage(props: { enterprise: Enterprise }): SafeHtml {
  const e = props.enterprise;
  return (
    <Page title={e.name} back={{ href: OWNER_BASE, label: t('umkm.mine.title') }}>
      <p>
        <StatusBadge status={e.status} />{' '}
        {e.returnReason ? t('umkm.returnedBecause', { reason: e.returnReason }) : ''}
      </p>
      <SummaryList rows={detailRows(e)} />
      <p>
        <ButtonLink href={`${OWNER_BASE}/${e.id}/ubah`}>
          {e.status === 'terdaftar' ? t('umkm.mine.changeConsent') : t('umkm.mine.correct')}
        </ButtonLink>
      </p>
    </Page>
  );
}
