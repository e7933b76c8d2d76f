import { t } from '../../../platform/i18n/index.ts';
import { SelectField, StatusTag } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import type { RequestState } from '../schema.ts';

const TONE: Record<RequestState, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  diproses: 'info',
  diperpanjang: 'warn',
  diterima_seluruhnya: 'good',
  diterima_sebagian: 'good',
  ditolak: 'bad',
};

export function RequestStateTag(props: { state: RequestState; overdue: boolean }): SafeHtml {
  return (
    <span>
      <StatusTag tone={TONE[props.state]}>{t(`informasi.state.${props.state}`)}</StatusTag>
      {props.overdue ? (
        <>
          {' '}
          <StatusTag tone="bad">{t('informasi.overdue')}</StatusTag>
        </>
      ) : (
        ''
      )}
    </span>
  );
}

export function CategoryTag(props: { category: string }): SafeHtml {
  return (
    <StatusTag tone={props.category === 'dikecualikan' ? 'bad' : 'neutral'}>
      {t(`informasi.category.${props.category}`)}
    </StatusTag>
  );
}

export function options(keys: readonly string[], prefix: string) {
  return keys.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
}

/** A select among `keys`, each labelled by its text under `prefix`, that starts on "choose": nothing is picked for the person. */
export function ChoiceField(props: {
  name: string;
  label: string;
  keys: readonly string[];
  prefix: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
}): SafeHtml {
  return (
    <SelectField
      name={props.name}
      label={props.label}
      hint={props.hint}
      options={options(props.keys, props.prefix)}
      placeholder={t('informasi.request.choose')}
      value={props.value}
      error={props.error}
      required={props.required}
    />
  );
}
