import { t } from '../../../platform/i18n/index.ts';
import { Table } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';

export function PublicDanaDesaPage(props: {
  villageCode: string;
  villageName: string;
  period: string;
  rows: Array<{ name: string; dusun: string; rt: string; programme: string }>;
}): SafeHtml {
  const title = `${t('aid.public.title', { period: props.period })} — ${props.villageName}`;
  return (
    <Page title={title} back={{ href: `/desa/${props.villageCode}`, label: props.villageName }}>
      <p>{t('aid.public.intro')}</p>
      <Table
        caption={t('aid.public.count', { count: props.rows.length })}
        rows={props.rows}
        empty={t('aid.public.none')}
        columns={[
          { header: t('aid.col.name'), cell: (r) => r.name },
          { header: t('aid.public.dusun'), cell: (r) => r.dusun },
          { header: 'RT', cell: (r) => r.rt },
        ]}
      />
    </Page>
  );
}
