import { formatDate, t } from '../i18n/index.ts';
import type { ImportRecord } from '../imports/index.ts';
import { Button, ErrorSummary, FileField, Form, Table } from './components.tsx';
import type { SafeHtml } from './jsx-runtime.ts';

/** The upload form of a module's sheet import page, its refusal summarised above it. */
export function SheetUploadForm(props: {
  action: string;
  label: string;
  send: string;
  error?: string;
}): SafeHtml {
  return (
    <>
      <ErrorSummary errors={props.error ? { file: props.error } : {}} />
      <Form action={props.action} multipart>
        <FileField name="file" label={props.label} accept=".csv,.xlsx" error={props.error} />
        <Button>{props.send}</Button>
      </Form>
    </>
  );
}

/**
 * A module's latest imports: when, which file, how far, what it did (`result` of a finished one,
 * the reason of a failed one) and a link to the rejected rows.
 */
export function ImportsTable(props: {
  imports: ImportRecord[];
  caption?: string;
  empty: string;
  headers: { date: string; file: string; state: string; result: string; errors: string };
  result: (record: ImportRecord) => string;
  errorFile: { label: string; href: (id: string) => string };
}): SafeHtml {
  const { headers, errorFile } = props;
  return (
    <Table
      caption={props.caption}
      rows={props.imports}
      empty={props.empty}
      columns={[
        { header: headers.date, cell: (r) => formatDate(r.created_at) },
        { header: headers.file, cell: (r) => r.file_name },
        { header: headers.state, cell: (r) => t(`jobs.importState.${r.state}`) },
        {
          header: headers.result,
          cell: (r) => (r.state === 'selesai' ? props.result(r) : (r.message ?? '')),
        },
        {
          header: headers.errors,
          cell: (r) => ((r.rejected ?? 0) > 0 ? <a href={errorFile.href(r.id)}>{errorFile.label}</a> : ''),
        },
      ]}
    />
  );
}
