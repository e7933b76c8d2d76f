import { formatNumber, t } from '../../../platform/i18n/index.ts';
import {
  Button,
  EmptyState,
  Form,
  Pagination,
  SelectField,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import { kbliName } from '../kbli.ts';
import { PAGE_SIZE, type ShowcaseItem } from '../service.ts';
import { sectorOptions, type Values } from './parts.tsx';

function Card(props: { item: ShowcaseItem; villageName?: string }): SafeHtml {
  const e = props.item;
  const permits = (['nib', 'halal', 'pirt', 'bpom'] as const).filter((p) => e.permits[p]);
  return (
    <article class="panel" id={`usaha-${e.id}`}>
      <h2>{e.name}</h2>
      {e.hasPhoto ? (
        <img
          src={`/desa/${e.villageCode}/umkm/${e.id}/foto`}
          alt={t('umkm.showcase.photoOf', { name: e.name })}
          loading="lazy"
          style="max-width:100%;height:auto"
        />
      ) : (
        ''
      )}
      <p>{e.products}</p>
      <p class="hint">
        {kbliName(e.sector)}
        {props.villageName ? ` · ${props.villageName}` : ''}
        {e.dusun ? ` · ${t('umkm.showcase.dusun', { dusun: e.dusun })}` : ''}
      </p>
      {e.address ? <p>{e.address}</p> : ''}
      {e.scale && e.turnoverBand ? (
        <p>
          {t(`umkm.scale.${e.scale}`)} · {t(`umkm.turnover.${e.turnoverBand}`)}
        </p>
      ) : (
        ''
      )}
      {permits.length > 0 ? <p>{permits.map((p) => t(`umkm.permit.${p}`)).join(' · ')}</p> : ''}
      {e.whatsapp ? (
        <p>
          <a href={e.whatsapp} class="button button-secondary" rel="noopener">
            {t('umkm.showcase.whatsapp')}
          </a>
        </p>
      ) : (
        ''
      )}
    </article>
  );
}

export function VillageShowcasePage(props: {
  villageCode: string;
  villageName: string;
  rows: ShowcaseItem[];
  total: number;
  page: number;
}): SafeHtml {
  const title = `${t('umkm.showcase.title')} — ${props.villageName}`;
  return (
    <Page title={title} back={{ href: `/desa/${props.villageCode}`, label: props.villageName }}>
      <p>
        <a href="/umkm">{t('umkm.showcase.regencyWide')}</a>
      </p>
      {props.rows.length === 0 ? <EmptyState message={t('umkm.showcase.empty')} /> : ''}
      {props.rows.map((item) => (
        <Card item={item} />
      ))}
      <Pagination list={{ ...props, pageSize: PAGE_SIZE }} baseUrl={`/desa/${props.villageCode}/umkm`} />
    </Page>
  );
}

export function PortalShowcasePage(props: {
  rows: ShowcaseItem[];
  total: number;
  page: number;
  query: Values;
  villageNames: Map<string, string>;
}): SafeHtml {
  return (
    <Page title={t('umkm.showcase.portalTitle')}>
      <Form action="/umkm" method="get" class="filters">
        <TextField name="q" label={t('umkm.showcase.search')} value={props.query.q} />
        <SelectField
          name="sektor"
          label={t('umkm.form.sector')}
          options={sectorOptions()}
          value={props.query.sektor}
          placeholder={t('umkm.filter.all')}
        />
        <Button variant="secondary">{t('umkm.showcase.find')}</Button>
      </Form>
      <p>{t('umkm.showcase.count', { count: formatNumber(props.total) })}</p>
      {props.rows.length === 0 ? <EmptyState message={t('umkm.showcase.none')} /> : ''}
      {props.rows.map((item) => (
        <Card item={item} villageName={props.villageNames.get(item.villageCode)} />
      ))}
      <Pagination list={{ ...props, pageSize: PAGE_SIZE }} baseUrl="/umkm" query={props.query} />
    </Page>
  );
}
