import { formatDate, t } from '../../../platform/i18n/index.ts';
import { EmptyState } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import type { ChildRecord } from '../service.ts';
import { ChildBody, PRINT_CSS } from './parts.tsx';

export const PARENT_BASE = '/akun/anak';

export function MyChildrenPage(props: {
  children: Array<{ id: string; name: string; birthDate: string }>;
}): SafeHtml {
  return (
    <Page title={t('health.myChildren')}>
      {props.children.length === 0 ? (
        <EmptyState message={t('health.noChildOfYours')} />
      ) : (
        <ul>
          {props.children.map((c) => (
            <li>
              <a href={`${PARENT_BASE}/${c.id}`}>{c.name}</a> —{' '}
              {t('health.bornOn', { date: formatDate(c.birthDate) })}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

export function MyChildPage(props: { child: ChildRecord }): SafeHtml {
  return (
    <Layout title={props.child.name} wide head={PRINT_CSS}>
      <p class="no-print">
        <a href={PARENT_BASE}>← {t('health.myChildren')}</a>
      </p>
      <h1>{props.child.name}</h1>
      <ChildBody child={props.child} />
    </Layout>
  );
}
