import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import './schema.ts';

export interface ExportRow {
  nik: string | null;
  family_number: string | null;
  name: string;
  sex: number;
  birth_date: string;
  mother_name: string | null;
  mother_nik: string | null;
  village_code: string;
  posyandu: string;
  dusun: string;
  measured_on: string;
  age_days: number;
  weight_kg: string | null;
  height_cm: string | null;
  position: string | null;
  arm_cm: string | null;
  head_cm: string | null;
  haz: string | null;
  waz: string | null;
  whz: string | null;
  height_for_age: string | null;
  weight_for_age: string | null;
  weight_for_height: string | null;
  weight_gain: string | null;
  vitamin_a: boolean;
  exclusive_breastfeeding: boolean | null;
  immunisations: string[];
  flags: string[];
  confirmed_implausible: boolean;
}

/** Every measurement of the month in the region, with the child, mother and posyandu beside it. */
export async function exportRows(db: Db, region: string, month: string): Promise<ExportRow[]> {
  const { rows } = await sql<ExportRow>`
    SELECT c.nik, c.family_number, c.name, c.sex, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date,
      mo.name AS mother_name, mo.nik AS mother_nik,
      m.village_code,
      p.name AS posyandu, p.dusun,
      to_char(m.measured_on, 'YYYY-MM-DD') AS measured_on, m.age_days,
      m.weight_kg, m.height_cm, m.position, m.arm_cm, m.head_cm, m.haz, m.waz, m.whz,
      m.height_for_age, m.weight_for_age, m.weight_for_height, m.weight_gain,
      m.vitamin_a, m.exclusive_breastfeeding, m.immunisations, m.flags, m.confirmed_implausible
    FROM health_measurements m
    JOIN health_children c ON c.id = m.child_id
    JOIN health_posyandu p ON p.id = m.posyandu_id
    LEFT JOIN health_mothers mo ON mo.id = c.mother_id
    WHERE m.measured_month = ${month}::date
      AND (m.village_code = ${region} OR m.village_code LIKE ${`${region}.%`})
    ORDER BY m.village_code, p.name, c.name, m.measured_on, c.id`.execute(db);
  return rows;
}
