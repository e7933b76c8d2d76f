import { type Kysely, sql } from 'kysely';

const ON_DELETE = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' } as const;

/**
 * For migrations: points the foreign keys of these `[table, column]`s that reference `from` at
 * `to(id)` instead, under the same name and with the same ON DELETE rule. Found by column in
 * pg_constraint, so the constraint's name need not be known.
 */
export async function retargetForeignKeys(
  db: Kysely<unknown>,
  from: string,
  to: string,
  columns: Array<[table: string, column: string]>,
): Promise<void> {
  for (const [table, column] of columns) {
    const found = await sql<{ name: string; rule: keyof typeof ON_DELETE }>`
      SELECT c.conname AS name, c.confdeltype AS rule FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.conrelid = ${table}::regclass AND c.confrelid = ${from}::regclass
        AND a.attname = ${column}`.execute(db);
    for (const { name, rule } of found.rows) {
      await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.ref(name)}`.execute(db);
      await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.ref(name)}
        FOREIGN KEY (${sql.ref(column)}) REFERENCES ${sql.table(to)}(id)
        ON DELETE ${sql.raw(ON_DELETE[rule] ?? 'NO ACTION')}`.execute(db);
    }
  }
}
