import { t } from '../../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  Form,
  Panel,
  SummaryList,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, site } from '../../../platform/ui/layout.tsx';
import type { Kecamatan, Village, VillageOffice } from '../service.ts';

export function HomePage(props: { kecamatan: Kecamatan[]; villages: Village[]; search: string }): SafeHtml {
  const byKecamatan = new Map<string, Village[]>();
  for (const v of props.villages)
    byKecamatan.set(v.kecamatanCode, [...(byKecamatan.get(v.kecamatanCode) ?? []), v]);
  return (
    <Layout title={t('regions.homeTitle', { regency: site.regencyName })}>
      <h1>{t('regions.homeTitle', { regency: site.regencyName })}</h1>
      <p>{t('regions.homeIntro')}</p>
      <Panel title={t('regions.quickLinks')}>
        <ul>
          <li>
            <a href="/layanan">{t('regions.linkLetters')}</a>
          </li>
          <li>
            <a href="/pengaduan">{t('regions.linkComplaint')}</a>
          </li>
          <li>
            <a href="/verifikasi">{t('regions.linkVerify')}</a>
          </li>
        </ul>
      </Panel>
      <h2>
        {t('regions.kecamatanList', {
          kecamatan: props.kecamatan.length,
          villages: props.kecamatan.reduce((n, k) => n + k.villageCount, 0),
        })}
      </h2>
      <Form action="/" method="get" class="filters">
        <TextField name="cari" type="search" label={t('regions.findVillage')} value={props.search} />
        <Button variant="secondary">{t('regions.findVillage')}</Button>
      </Form>
      {props.kecamatan
        .filter((k) => byKecamatan.has(k.code))
        .map((k) => (
          <details open={props.search ? true : undefined}>
            <summary>
              {k.name}{' '}
              <small>({t('regions.villageCount', { n: byKecamatan.get(k.code)?.length ?? 0 })})</small>
            </summary>
            <ul class="cards">
              {(byKecamatan.get(k.code) ?? []).map((v) => (
                <li>
                  <a href={`/desa/${v.code}`}>{v.name}</a>
                </li>
              ))}
            </ul>
          </details>
        ))}
    </Layout>
  );
}

export function VillagePage(props: { village: Village; neighbours: Village[] }): SafeHtml {
  const { village } = props;
  return (
    <Layout title={t('regions.villageTitle', { name: village.name })}>
      <h1>{t('regions.villageTitle', { name: village.name })}</h1>
      <SummaryList
        rows={[
          [t('regions.kecamatan'), village.kecamatanName],
          [
            t('regions.code'),
            <>
              {village.code} <small class="hint">{t('regions.codeOfficial')}</small>
            </>,
          ],
          [t('regions.address'), village.address ?? t('regions.notSet')],
          [t('regions.phone'), village.phone ?? t('regions.notSet')],
          [t('regions.officeHours'), village.officeHours ?? t('regions.notSet')],
          [t('regions.email'), village.email ?? t('regions.notSet')],
        ]}
      />
      <Panel title={t('regions.quickLinks')}>
        <ul>
          <li>
            <a href={`/layanan?desa=${village.code}`}>{t('regions.linkLetters')}</a>
          </li>
          <li>
            <a href={`/pengaduan?desa=${village.code}`}>{t('regions.linkComplaint')}</a>
          </li>
        </ul>
      </Panel>
      <h2>{t('regions.otherVillages', { name: village.kecamatanName })}</h2>
      <ul class="cards">
        {props.neighbours
          .filter((v) => v.code !== village.code)
          .map((v) => (
            <li>
              <a href={`/desa/${v.code}`}>{v.name}</a>
            </li>
          ))}
      </ul>
    </Layout>
  );
}

/** A village address nobody has: a 404 that helps, with the villages whose names come close and a search box. */
export function VillageNotFoundPage(props: {
  asked: string;
  term: string;
  suggestions: Village[];
}): SafeHtml {
  return (
    <Layout title={t('regions.notFoundTitle')}>
      <h1>{t('regions.notFoundTitle')}</h1>
      <p>{t('regions.notFoundIntro', { asked: props.asked })}</p>
      {props.suggestions.length > 0 ? (
        <>
          <h2>{t('regions.notFoundSuggestions')}</h2>
          <ul class="cards">
            {props.suggestions.map((v) => (
              <li>
                <a href={`/desa/${v.code}`}>{v.name}</a>{' '}
                <small>{t('regions.inKecamatan', { name: v.kecamatanName })}</small>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <Form action="/" method="get" class="filters">
        <TextField name="cari" type="search" label={t('regions.findVillage')} value={props.term} />
        <Button>{t('regions.findVillage')}</Button>
      </Form>
      <p>
        <a href="/">{t('regions.allVillages')}</a>
      </p>
    </Layout>
  );
}

export function VillageOfficePage(props: {
  village: Village;
  values: VillageOffice;
  errors?: FieldErrors;
}): SafeHtml {
  const labels = {
    address: t('regions.address'),
    phone: t('regions.phone'),
    email: t('regions.email'),
    officeHours: t('regions.officeHours'),
  };
  return (
    <Layout title={t('regions.officeTitle', { name: props.village.name })}>
      <h1>{t('regions.officeTitle', { name: props.village.name })}</h1>
      <p>{t('regions.officeIntro')}</p>
      <ErrorSummary errors={props.errors} labels={labels} />
      <Form action={`/kelola/desa/${props.village.code}`}>
        <TextArea
          name="address"
          label={labels.address}
          value={props.values.address}
          error={props.errors?.address}
          rows={2}
          required
        />
        <TextField
          name="phone"
          type="tel"
          label={labels.phone}
          value={props.values.phone}
          error={props.errors?.phone}
          inputmode="tel"
          width="medium"
        />
        <TextField
          name="email"
          type="email"
          label={labels.email}
          value={props.values.email}
          error={props.errors?.email}
        />
        <TextField
          name="officeHours"
          label={labels.officeHours}
          hint={t('regions.officeHoursHint')}
          value={props.values.officeHours}
          error={props.errors?.officeHours}
        />
        <Button>{t('ui.save')}</Button>
      </Form>
    </Layout>
  );
}
