import { requestContext } from '../http/request-context.ts';
import { t } from '../i18n/index.ts';
import { type Child, raw, type SafeHtml } from './jsx-runtime.ts';

export type FieldErrors = Record<string, string | undefined>;

/**
 * A form field's name with what was typed into it and what was wrong with it, both read by that name;
 * spread into a field: `<TextField {...fieldFor(values, errors, 'title')} label={…} />`.
 */
export function fieldFor<V extends object, K extends keyof V & string>(
  values: V | undefined,
  errors: FieldErrors | undefined,
  name: K,
): { name: K; value: V[K] | undefined; error: string | undefined } {
  return { name, value: values?.[name], error: errors?.[name] };
}

/**
 * GOV.UK-style summary at the top of a form: each problem links to its field, or every problem to
 * `linkTo` when one field holds them all (a JSON text area whose problems are keyed by path).
 */
export function ErrorSummary(props: {
  errors?: FieldErrors;
  labels?: Record<string, string>;
  linkTo?: string;
}): SafeHtml {
  const entries = Object.entries(props.errors ?? {}).filter(([, message]) => message);
  if (entries.length === 0) return raw('');
  return (
    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('ui.errorSummary')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#field-${props.linkTo ?? field}`}>
              {props.labels?.[field] ? `${props.labels[field]}: ` : ''}
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
}

function FieldWrapper(props: FieldProps & { children: Child }): SafeHtml {
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={`field-${props.name}`}>
        {props.label}
        {props.required ? (
          <span class="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : (
          ''
        )}
      </label>
      {props.hint ? (
        <p class="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      ) : (
        ''
      )}
      {props.error ? (
        <p class="error-message" id={`error-${props.name}`}>
          <span class="visually-hidden">{t('ui.error')}: </span>
          {props.error}
        </p>
      ) : (
        ''
      )}
      {props.children}
    </div>
  );
}

function describedBy(props: FieldProps): string | undefined {
  const ids = [props.hint ? `hint-${props.name}` : '', props.error ? `error-${props.name}` : ''].filter(
    Boolean,
  );
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextField(
  props: FieldProps & {
    value?: string | number | null;
    type?: 'text' | 'email' | 'password' | 'number' | 'tel' | 'date' | 'search' | 'url';
    autocomplete?: string;
    inputmode?: 'numeric' | 'text' | 'tel' | 'email' | 'decimal';
    pattern?: string;
    maxlength?: number;
    width?: 'short' | 'medium';
  },
): SafeHtml {
  return (
    <FieldWrapper {...props}>
      <input
        id={`field-${props.name}`}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        pattern={props.pattern}
        maxlength={props.maxlength}
        required={props.required}
        class={props.width ? `input input-${props.width}` : 'input'}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldWrapper>
  );
}

/** A password, never filled in again: `current-password` to sign in, `new-password` to choose one. */
export function PasswordField(
  props: FieldProps & { autocomplete: 'current-password' | 'new-password' },
): SafeHtml {
  return <TextField {...props} type="password" />;
}

export function DateField(props: FieldProps & { value?: string | null }): SafeHtml {
  return <TextField {...props} type="date" width="medium" />;
}

export function TextArea(
  props: FieldProps & { value?: string | null; rows?: number; maxlength?: number },
): SafeHtml {
  return (
    <FieldWrapper {...props}>
      <textarea
        id={`field-${props.name}`}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        required={props.required}
        class="input"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldWrapper>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  props: FieldProps & { options: Option[]; value?: string | null; placeholder?: string },
): SafeHtml {
  return (
    <FieldWrapper {...props}>
      <select
        id={`field-${props.name}`}
        name={props.name}
        required={props.required}
        class="input"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : ''}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldWrapper>
  );
}

export function CheckboxField(props: FieldProps & { checked?: boolean; value?: string }): SafeHtml {
  return (
    <div class={props.error ? 'field field-error checkbox' : 'field checkbox'}>
      {props.error ? (
        <p class="error-message" id={`error-${props.name}`}>
          {props.error}
        </p>
      ) : (
        ''
      )}
      <input
        id={`field-${props.name}`}
        type="checkbox"
        name={props.name}
        value={props.value ?? '1'}
        checked={props.checked}
        aria-describedby={describedBy(props)}
      />
      <label for={`field-${props.name}`}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

export function FileField(props: FieldProps & { accept?: string; multiple?: boolean }): SafeHtml {
  return (
    <FieldWrapper {...props}>
      <input
        id={`field-${props.name}`}
        type="file"
        name={props.name}
        accept={props.accept}
        multiple={props.multiple}
        class="input"
        aria-describedby={describedBy(props)}
      />
    </FieldWrapper>
  );
}

/**
 * A form that posts and redirects; carries the CSRF token as its first field, never in the URL.
 * For multipart uploads being first matters: the check reads only the body's first part.
 */
export function Form(props: {
  action: string;
  method?: 'post' | 'get';
  multipart?: boolean;
  children: Child;
  class?: string;
}): SafeHtml {
  const method = props.method ?? 'post';
  const token = requestContext().csrfToken;
  return (
    <form
      action={props.action}
      method={method}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      class={props.class}
      novalidate
    >
      {method === 'post' ? <input type="hidden" name="_csrf" value={token} /> : ''}
      {props.children}
    </form>
  );
}

/**
 * A page's further task under its own heading: the form's problems listed first, then the form
 * (`intro` between the heading and them).
 */
export function FormSection(props: {
  title: string;
  action: string;
  errors?: FieldErrors;
  intro?: Child;
  children: Child;
}): SafeHtml {
  return (
    <>
      <h2>{props.title}</h2>
      {props.intro ?? ''}
      <ErrorSummary errors={props.errors} />
      <Form action={props.action}>{props.children}</Form>
    </>
  );
}

export function Button(props: {
  children: Child;
  variant?: 'primary' | 'secondary' | 'warning';
  name?: string;
  value?: string;
}): SafeHtml {
  return (
    <button
      type="submit"
      class={`button button-${props.variant ?? 'primary'}`}
      name={props.name}
      value={props.value}
    >
      {props.children}
    </button>
  );
}

export function ButtonLink(props: {
  href: string;
  children: Child;
  variant?: 'primary' | 'secondary';
}): SafeHtml {
  return (
    <a href={props.href} class={`button button-${props.variant ?? 'secondary'}`}>
      {props.children}
    </a>
  );
}

export interface Column<Row> {
  header: string;
  cell: (row: Row) => Child;
  numeric?: boolean;
}

/** Tables of more columns than this become one card per row on a phone (each cell with its column's name). */
const STACK_OVER_COLUMNS = 3;

export function Table<Row>(props: {
  caption?: string;
  columns: Column<Row>[];
  rows: Row[];
  empty?: string;
  /** names the scrolling region when there is no caption */
  label?: string;
}): SafeHtml {
  if (props.rows.length === 0) return <EmptyState message={props.empty ?? t('ui.empty')} />;
  const stacked = props.columns.length > STACK_OVER_COLUMNS;
  // a wrapper that may scroll sideways must be reachable by keyboard, and say what it holds (a named region)
  return (
    <section
      class={stacked ? 'table-wrap stack' : 'table-wrap'}
      tabindex="0"
      aria-label={props.caption ?? props.label ?? t('ui.table')}
    >
      <table>
        {props.caption ? <caption>{props.caption}</caption> : ''}
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.columns.map((c) => (
                <td class={c.numeric ? 'num' : undefined} data-label={c.header}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Which page of a list is shown, of how many rows in all. */
export interface ListPage {
  page: number;
  pageSize: number;
  total: number;
}

/** Previous/next links that keep the current filters. */
export function Pagination(props: {
  list: ListPage;
  baseUrl: string;
  query?: Record<string, string | undefined>;
}): SafeHtml {
  const { page, pageSize, total } = props.list;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return raw('');
  const link = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(props.query ?? {})) if (v) params.set(k, v);
    params.set('page', String(page));
    return `${props.baseUrl}?${params.toString()}`;
  };
  return (
    <nav class="pagination" aria-label={t('ui.pagination')}>
      {page > 1 ? (
        <a href={link(page - 1)} rel="prev">
          ← {t('ui.previous')}
        </a>
      ) : (
        ''
      )}
      <span>{t('ui.pageOf', { page, pages })}</span>
      {page < pages ? (
        <a href={link(page + 1)} rel="next">
          {t('ui.next')} →
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}

/** GOV.UK's back link: the page one level up, above the heading. */
export function BackLink(props: { href: string; children: Child }): SafeHtml {
  return (
    <p>
      <a href={props.href}>← {props.children}</a>
    </p>
  );
}

export function EmptyState(props: { message: string; children?: Child }): SafeHtml {
  return (
    <div class="empty-state">
      <p>{props.message}</p>
      {props.children ?? ''}
    </div>
  );
}

export function Panel(props: { title?: string; children: Child }): SafeHtml {
  return (
    <section class="panel">
      {props.title ? <h2>{props.title}</h2> : ''}
      {props.children}
    </section>
  );
}

export function StatusTag(props: {
  tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info';
  children: Child;
}): SafeHtml {
  return <strong class={`tag tag-${props.tone ?? 'neutral'}`}>{props.children}</strong>;
}

export function SummaryList(props: { rows: Array<[string, Child]> }): SafeHtml {
  return (
    <dl class="summary-list">
      {props.rows.map(([key, value]) => (
        <div class="summary-row">
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Flash(props: { message: string | null }): SafeHtml {
  if (!props.message) return raw('');
  return (
    <div class="flash" role="status">
      {props.message}
    </div>
  );
}
