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
  puskesmas: string | null;
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

/** Which villages a sheet covers: a region (village, kecamatan) or a puskesmas area's villages. */
export type ExportFilter = { region: string } | { villages: string[] };

function villagesOf(filter: ExportFilter) {
  if ('region' in filter)
    return sql`(m.village_code = ${filter.region} OR m.village_code LIKE ${`${filter.region}.%`})`;
  // an area without villages holds no measurement
  return filter.villages.length === 0 ? sql`false` : sql`m.village_code IN (${sql.join(filter.villages)})`;
}

/** Every measurement of the month in the area, with the child, mother, posyandu and puskesmas beside it. */
export async function exportRows(db: Db, filter: ExportFilter, month: string): Promise<ExportRow[]> {
  const { rows } = await sql<ExportRow>`
    SELECT c.nik, c.family_number, c.name, c.sex, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date,
      mo.name AS mother_name, mo.nik AS mother_nik,
      m.village_code,
      p.name AS posyandu, p.dusun, pk.name AS puskesmas,
      to_char(m.measured_on, 'YYYY-MM-DD') AS measured_on, m.age_days,
      m.weight_kg, m.height_cm, m.position, m.arm_cm, m.head_cm, m.haz, m.waz, m.whz,
      m.height_for_age, m.weight_for_age, m.weight_for_height, m.weight_gain,
      m.vitamin_a, m.exclusive_breastfeeding, m.immunisations, m.flags, m.confirmed_implausible
    FROM health_measurements m
    JOIN health_children c ON c.id = m.child_id
    JOIN health_posyandu p ON p.id = m.posyandu_id
    LEFT JOIN health_mothers mo ON mo.id = c.mother_id
    LEFT JOIN health_puskesmas_villages pv ON pv.village_code = m.village_code
    LEFT JOIN health_puskesmas pk ON pk.code = pv.puskesmas_code
    WHERE m.measured_month = ${month}::date AND ${villagesOf(filter)}
    ORDER BY m.village_code, p.name, c.name, m.measured_on, c.id`.execute(db);
  return rows;
}
