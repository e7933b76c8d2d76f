import { formatNumber, t } from '../i18n/index.ts';
import { Button, Form, Pagination, SelectField, TextField } from '../ui/components.tsx';
import type { SafeHtml } from '../ui/jsx-runtime.ts';
import { Page } from '../ui/layout.tsx';
import type { SearchResult } from './service.ts';

export function SearchPage(props: {
  action: string;
  heading: string;
  intro: string;
  /** the term as typed ('' before a search) */
  term: string;
  result: SearchResult | null;
  kinds?: Array<{ kind: string; label: string }>;
  kind?: string;
  tooShort?: boolean;
}): SafeHtml {
  const { result } = props;
  // the public page speaks to residents: no "within your scope", no tag saying every hit is public
  const publicPage = !props.kinds;
  return (
    <Page title={props.heading}>
      <p>{props.intro}</p>
      <Form action={props.action} method="get" class="filters">
        <TextField
          name="q"
          label={t('search.term')}
          value={props.term}
          width="medium"
          type="search"
          error={props.tooShort ? t('search.tooShort') : undefined}
        />
        {props.kinds && props.kinds.length > 1 ? (
          <SelectField
            name="jenis"
            label={t('search.kind')}
            options={props.kinds.map((k) => ({ value: k.kind, label: t(k.label) }))}
            value={props.kind}
            placeholder={t('ui.all')}
          />
        ) : (
          ''
        )}
        <Button>{t('search.submit')}</Button>
      </Form>
      {result?.term ? (
        <section aria-live="polite">
          <p>
            {result.hits.length === 0
              ? t(publicPage ? 'search.nonePublic' : 'search.none', { term: result.term })
              : result.more
                ? t('search.countMore', { n: formatNumber(result.total), term: result.term })
                : t('search.count', { n: formatNumber(result.total), term: result.term })}
          </p>
          <ol class="search-results" start={(result.page - 1) * result.pageSize + 1}>
            {result.hits.map((hit) => (
              <li>
                <a href={hit.url}>{hit.title}</a>{' '}
                {publicPage ? '' : <span class="tag">{t(`search.${hit.visibility}`)}</span>}
                <br />
                <small>{hit.body}</small>
              </li>
            ))}
          </ol>
          <Pagination list={result} baseUrl={props.action} query={{ q: result.term, jenis: props.kind }} />
        </section>
      ) : (
        ''
      )}
    </Page>
  );
}
