import { formatNumber, t } from '../../../platform/i18n/index.ts';
import { SummaryList } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import type { PublicFigures } from '../figures.ts';
import { monthName } from './figures.tsx';

function line(p: { count: string; percent: number | null }): string {
  return p.percent === null ? p.count : `${p.count} (${formatNumber(p.percent)} %)`;
}

export function PublicHealthPage(props: {
  villageCode: string;
  villageName: string;
  figures: PublicFigures;
}): SafeHtml {
  const f = props.figures;
  const title = `${t('health.public.title')} — ${props.villageName}`;
  return (
    <Page title={title} back={{ href: `/desa/${props.villageCode}`, label: props.villageName }}>
      {f.month ? (
        <>
          <p class="lead">{t('health.public.intro', { month: monthName(f.month) })}</p>
          <SummaryList
            rows={[
              [t('health.figures.registered'), f.registered],
              [t('health.figures.measured'), f.measured],
              [t('health.figures.stunting'), line(f.stunting)],
              [t('health.figures.wasting'), line(f.wasting)],
              [t('health.figures.underweightShort'), line(f.underweight)],
            ]}
          />
        </>
      ) : (
        <div class="empty-state">
          <p>{t('health.public.empty')}</p>
        </div>
      )}
    </Page>
  );
}
