import { formatDate, t } from '../../../platform/i18n/index.ts';
import { Button, ErrorSummary, Form } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import { rowField, type SessionRow } from '../service.ts';
import { ageText, decimal, posyanduUrl, sessionUrl } from './parts.tsx';

type Values = Record<string, string | undefined>;

function Cell(props: {
  name: string;
  label: string;
  value?: string;
  error?: string;
  size?: number;
  mode?: 'decimal' | 'text';
}): SafeHtml {
  const id = `field-${props.name}`;
  return (
    <td class={props.error ? 'field-error' : undefined}>
      <label for={id} class="visually-hidden">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        value={props.value ?? ''}
        inputmode={props.mode ?? 'decimal'}
        size={props.size ?? 5}
        autocomplete="off"
        class="input input-cell"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `error-${props.name}` : undefined}
      />
      {props.error ? (
        <p class="error-message" id={`error-${props.name}`}>
          {props.error}
        </p>
      ) : (
        ''
      )}
    </td>
  );
}

function previousText(row: SessionRow): string {
  const p = row.previous;
  if (!p) return t('health.firstWeighing');
  return `${formatDate(p.measuredOn)}: ${decimal(p.weightKg, 2)} kg, ${decimal(p.heightCm)} cm`;
}

function Row(props: { row: SessionRow; values: Values; errors: Record<string, string> }): SafeHtml {
  const { row, values, errors } = props;
  const f = (name: Parameters<typeof rowField>[0]) => rowField(name, row.childId);
  const current = row.current;
  const value = (name: Parameters<typeof rowField>[0], stored: number | null | undefined, digits = 1) =>
    values[f(name)] ?? (stored === null || stored === undefined ? '' : decimal(stored, digits));
  const position = values[f('posisi')] ?? current?.position ?? row.defaultPosition;
  const held = errors[f('cek')];
  const who = row.name;
  return (
    <tr class={held ? 'row-held' : undefined}>
      <th scope="row">
        {row.name}
        <br />
        <small>
          {t(`health.sex.${row.sex}`)}, {ageText(row.ageDays)}
        </small>
        {current ? (
          <>
            <br />
            <small>{t('health.alreadySaved')}</small>
          </>
        ) : (
          ''
        )}
      </th>
      <td>
        <small>{previousText(row)}</small>
      </td>
      <Cell
        name={f('berat')}
        label={t('health.cell.weight', { name: who })}
        value={value('berat', current?.weightKg, 2)}
        error={errors[f('berat')]}
      />
      <Cell
        name={f('tinggi')}
        label={t('health.cell.height', { name: who })}
        value={value('tinggi', current?.heightCm)}
        error={errors[f('tinggi')]}
      />
      <td>
        <label for={`field-${f('posisi')}`} class="visually-hidden">
          {t('health.cell.position', { name: who })}
        </label>
        <select id={`field-${f('posisi')}`} name={f('posisi')} class="input">
          <option value="lying" selected={position === 'lying'}>
            {t('health.position.lying')}
          </option>
          <option value="standing" selected={position === 'standing'}>
            {t('health.position.standing')}
          </option>
        </select>
      </td>
      <td>
        {held ? (
          <>
            <p class="error-message" id={`error-${f('cek')}`}>
              {held}
            </p>
            <input
              type="checkbox"
              id={`field-${f('cek')}`}
              name={f('cek')}
              value="ya"
              aria-describedby={`error-${f('cek')}`}
            />
            <label for={`field-${f('cek')}`}>{t('health.confirmValue')}</label>
          </>
        ) : current && current.flags.length > 0 && !current.confirmed ? (
          <>
            <input type="checkbox" id={`field-${f('cek')}`} name={f('cek')} value="ya" />
            <label for={`field-${f('cek')}`}>{t('health.confirmValue')}</label>
          </>
        ) : (
          ''
        )}
      </td>
    </tr>
  );
}

/**
 * The rarer fields of a row (head, arm, vitamin A, immunisation) sit in a second table after the
 * main one, so Tab goes weight → height → position → the next child on the session everybody
 * enters every month; these come after every child's main row.
 */
function ExtraRow(props: { row: SessionRow; values: Values; errors: Record<string, string> }): SafeHtml {
  const { row, values, errors } = props;
  const f = (name: Parameters<typeof rowField>[0]) => rowField(name, row.childId);
  const current = row.current;
  const value = (name: Parameters<typeof rowField>[0], stored: number | null | undefined) =>
    values[f(name)] ?? (stored === null || stored === undefined ? '' : decimal(stored, 1));
  const who = row.name;
  return (
    <tr>
      <th scope="row">{row.name}</th>
      <Cell
        name={f('lk')}
        label={t('health.cell.head', { name: who })}
        value={value('lk', current?.headCm)}
        error={errors[f('lk')]}
        size={4}
      />
      <Cell
        name={f('lila')}
        label={t('health.cell.arm', { name: who })}
        value={value('lila', current?.armCm)}
        error={errors[f('lila')]}
        size={4}
      />
      <td>
        <input
          type="checkbox"
          id={`field-${f('vita')}`}
          name={f('vita')}
          value="ya"
          checked={(values[f('vita')] ?? (current?.vitaminA ? 'ya' : '')) === 'ya'}
        />
        <label for={`field-${f('vita')}`}>
          <span class="visually-hidden">{t('health.cell.vitaminA', { name: who })}</span>
          <span aria-hidden="true">{t('health.col.vitaminA')}</span>
        </label>
      </td>
      <Cell
        name={f('imun')}
        label={t('health.cell.immunisation', { name: who })}
        value={values[f('imun')] ?? current?.immunisations.join(', ') ?? ''}
        size={8}
        mode="text"
      />
    </tr>
  );
}

export function SessionPage(props: {
  posyandu: { id: string; name: string };
  day: string;
  rows: SessionRow[];
  values?: Values;
  errors?: Record<string, string>;
  summary?: string;
}): SafeHtml {
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const title = t('health.sessionTitle', { name: props.posyandu.name, date: formatDate(props.day) });
  return (
    <Page title={title} back={{ href: posyanduUrl(props.posyandu.id), label: props.posyandu.name }} wide>
      <form method="get" action={sessionUrl(props.posyandu.id)} class="inline-form">
        <label for="field-tanggal">{t('health.sessionDate')}</label>{' '}
        <input type="date" id="field-tanggal" name="tanggal" value={props.day} class="input input-medium" />{' '}
        <button type="submit" class="button button-secondary">
          {t('health.change')}
        </button>
      </form>
      {props.summary ? <p class="error-message">{props.summary}</p> : ''}
      <ErrorSummary errors={errors} />
      <p>{t('health.sessionHint')}</p>
      <Form action={sessionUrl(props.posyandu.id, props.day)}>
        <section class="table-wrap" tabindex="0" aria-label={title}>
          <table class="session-table">
            <thead>
              <tr>
                <th scope="col">{t('health.col.child')}</th>
                <th scope="col">{t('health.col.previous')}</th>
                <th scope="col">{t('health.col.weight')}</th>
                <th scope="col">{t('health.col.height')}</th>
                <th scope="col">{t('health.col.position')}</th>
                <th scope="col">{t('health.col.check')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.length === 0 ? (
                <tr>
                  <td colspan="6">{t('health.noChildren')}</td>
                </tr>
              ) : (
                props.rows.map((row) => <Row row={row} values={values} errors={errors} />)
              )}
            </tbody>
          </table>
        </section>
        {props.rows.length === 0 ? (
          ''
        ) : (
          <section class="table-wrap" tabindex="0" aria-labelledby="more-title">
            <h2 id="more-title">{t('health.moreMeasurements')}</h2>
            <p>{t('health.moreMeasurementsHint')}</p>
            <table class="session-table">
              <thead>
                <tr>
                  <th scope="col">{t('health.col.child')}</th>
                  <th scope="col">{t('health.col.head')}</th>
                  <th scope="col">{t('health.col.arm')}</th>
                  <th scope="col">{t('health.col.vitaminA')}</th>
                  <th scope="col">{t('health.col.immunisation')}</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((row) => (
                  <ExtraRow row={row} values={values} errors={errors} />
                ))}
              </tbody>
            </table>
          </section>
        )}
        <Button>{t('health.saveSession')}</Button>
      </Form>
    </Page>
  );
}
