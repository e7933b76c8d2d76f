import fs from 'node:fs';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../platform/context.ts';
import { csvLine, spreadsheetText } from '../../platform/csv.ts';
import { jakartaDate } from '../../platform/time.ts';
import { generateResidents, villagesOf } from './generator.ts';
import { summaryLine } from './importer.ts';
import { EXPORT_COLUMNS, exportRow } from './opensid.ts';
import { importResidentsFile } from './service.ts';

class UsageError extends Error {}

const USAGE = `Pemakaian:
  npx simpul generate residents --count N --out FILE [--villages CODE,…] [--seed S]
  npx simpul import residents FILE --village CODE [--mode valid|all] [--errors FILE]`;

function progressBar(done: number, total: number, rows: number): string {
  const width = 30;
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${rows} baris`;
}

async function generate(ctx: Ctx, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      count: { type: 'string' },
      out: { type: 'string' },
      villages: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count <= 0 || !values.out) throw new UsageError(USAGE);
  const codes = values.villages ? values.villages.split(',').map((c) => c.trim()) : undefined;
  const villages = villagesOf(ctx.config.regencyCode, codes);
  if (villages.length === 0)
    throw new UsageError(`Tidak ada desa ${values.villages ?? ''} di kabupaten ${ctx.config.regencyCode}.`);
  const options = {
    count,
    villages,
    seed: values.seed ? Number(values.seed) : 1,
    today: jakartaDate(ctx.clock.now()),
  };
  let written = 0;
  if (values.out.toLowerCase().endsWith('.xlsx')) {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: values.out,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = workbook.addWorksheet('Data Penduduk');
    sheet.addRow([...EXPORT_COLUMNS]).commit();
    for (const r of generateResidents(options)) {
      sheet.addRow(exportRow(r).map(spreadsheetText)).commit();
      written++;
    }
    sheet.commit();
    await workbook.commit();
  } else {
    const out = fs.createWriteStream(values.out);
    out.write(csvLine(EXPORT_COLUMNS));
    let chunk = '';
    for (const r of generateResidents(options)) {
      chunk += csvLine(exportRow(r));
      written++;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        chunk = '';
      }
    }
    out.write(chunk);
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
  console.log(`generated: ${written} residents in ${villages.length} villages → ${values.out}`);
}

async function runImportCommand(ctx: Ctx, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { village: { type: 'string' }, mode: { type: 'string' }, errors: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || !values.village) throw new UsageError(USAGE);
  if (!fs.existsSync(file)) throw new UsageError(`Berkas ${file} tidak ditemukan.`);
  const mode = values.mode === 'all' ? 'all_or_nothing' : 'valid_rows';
  const errorFile = values.errors ?? `${file}.galat.csv`;
  const tty = process.stderr.isTTY;
  // through the platform's import runner, so the import leaves a row like one started from the page
  const summary = await importResidentsFile(ctx, {
    path: file,
    regionCode: values.village,
    mode,
    errorFile,
    onProgress: ({ rowsDone, bytesRead, bytesTotal }) => {
      if (tty) process.stderr.write(progressBar(bytesRead, bytesTotal, rowsDone));
    },
  });
  if (tty) process.stderr.write('\n');
  if (summary.rejected > 0) console.error(`Baris yang ditolak dan alasannya: ${errorFile}`);
  else fs.rmSync(errorFile, { force: true });
  if (summary.rolledBack)
    console.error('Mode semua-atau-tidak-sama-sekali: tidak ada yang disimpan karena ada baris ditolak.');
  if (summary.warnings > 0)
    console.error(`${summary.warnings} NIK diterbitkan di luar kecamatan desa (peringatan, tetap diimpor).`);
  console.log(summaryLine(summary));
  if (summary.rejected > 0) process.exitCode = 2;
}

/** `generate residents …` and `import residents …`, dispatched here by src/main.ts. */
export async function runResidentsCli(ctx: Ctx, argv: string[]): Promise<void> {
  const [command, subject, ...rest] = argv;
  try {
    if (subject !== 'residents') throw new UsageError(USAGE);
    if (command === 'generate') return await generate(ctx, rest);
    if (command === 'import') return await runImportCommand(ctx, rest);
    throw new UsageError(USAGE);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
