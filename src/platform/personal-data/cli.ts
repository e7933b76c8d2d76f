import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Ctx } from '../context.ts';
import { type Messages, registerMessages, t } from '../i18n/index.ts';
import { platformMessages } from '../messages.ts';
import { erasePerson, erasureSummary, exportPerson, type PersonalDataSource } from './index.ts';

export const PERSON_USAGE = `Pemakaian: npx simpul person export NIK [--out FILE]
           npx simpul person erase NIK`;

/**
 * `simpul person export NIK [--out FILE]` and `simpul person erase NIK`, acting as the system (the
 * operator at the server's console). Returns the lines it printed; the export without --out prints
 * the JSON document itself.
 */
export async function runPersonCli(
  ctx: Ctx,
  sources: ReadonlyArray<PersonalDataSource & { messages?: { id: Messages; en: Messages } }>,
  argv: string[],
  print: (line: string) => void = (line) => console.log(line),
): Promise<string[]> {
  // the CLI builds no app, so the texts the summary uses are registered here
  registerMessages(platformMessages);
  for (const source of sources) if (source.messages) registerMessages(source.messages);
  const printed: string[] = [];
  const say = (line: string) => {
    printed.push(line);
    print(line);
  };
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { out: { type: 'string' } },
    allowPositionals: true,
  });
  const nik = positionals[0];
  if (!nik || (command !== 'export' && command !== 'erase')) throw new Error(PERSON_USAGE);
  if (command === 'export') {
    const document = await exportPerson(ctx, sources, nik);
    const text = JSON.stringify(document, null, 2);
    const sections = Object.keys(document.sections);
    if (values.out) {
      fs.writeFileSync(values.out, `${text}\n`, { mode: 0o600 });
      say(
        sections.length === 0
          ? `Tidak ada data tentang NIK ini; dokumen kosong ditulis ke ${values.out}.`
          : `Data pribadi ditulis ke ${values.out}: ${sections.length} bagian (${sections.join(', ')}).`,
      );
    } else say(text);
    return printed;
  }
  const erasure = await erasePerson(ctx, sources, nik);
  for (const line of erasureSummary(erasure)) say(line);
  const total = (pick: 'erased' | 'anonymised' | 'kept') =>
    erasure.modules.reduce((n, m) => n + m.outcome[pick].reduce((s, l) => s + l.count, 0), 0);
  say(
    `${t('personalData.erased')}: ${total('erased')}, ${t('personalData.anonymised')}: ${total('anonymised')}, ${t('personalData.kept')}: ${total('kept')}`,
  );
  return printed;
}
