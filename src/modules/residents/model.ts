/** The resident record and its columns: written once, used by the registry, importer, forms and generator. */

/** A resident as the generator, the importer and the forms see it (codes as numbers). */
export interface ResidentRecord {
  villageCode: string;
  nik: string;
  familyNumber: string;
  name: string;
  birthPlace: string;
  birthDate: string;
  sex: 1 | 2;
  religionCode: number | null;
  educationCode: number | null;
  educationCurrentCode: number | null;
  occupationCode: number | null;
  maritalStatusCode: number | null;
  familyRelationCode: number | null;
  bloodTypeCode: number | null;
  citizenshipCode: number | null;
  fatherName: string | null;
  motherName: string | null;
  dusun: string;
  rw: string;
  rt: string;
  address: string | null;
}

/**
 * Every field of a record, its column in `residents` and the column's type, in table order. The
 * order is part of the stored data: the row hash (`recordHash`) and the COPY lines follow it.
 */
export const RESIDENT_FIELDS = [
  { field: 'villageCode', column: 'village_code', type: 'text' },
  { field: 'nik', column: 'nik', type: 'text' },
  { field: 'familyNumber', column: 'family_number', type: 'text' },
  { field: 'name', column: 'name', type: 'text' },
  { field: 'birthPlace', column: 'birth_place', type: 'text' },
  { field: 'birthDate', column: 'birth_date', type: 'date' },
  { field: 'sex', column: 'sex', type: 'smallint' },
  { field: 'religionCode', column: 'religion_code', type: 'smallint' },
  { field: 'educationCode', column: 'education_code', type: 'smallint' },
  { field: 'educationCurrentCode', column: 'education_current_code', type: 'smallint' },
  { field: 'occupationCode', column: 'occupation_code', type: 'smallint' },
  { field: 'maritalStatusCode', column: 'marital_status_code', type: 'smallint' },
  { field: 'familyRelationCode', column: 'family_relation_code', type: 'smallint' },
  { field: 'bloodTypeCode', column: 'blood_type_code', type: 'smallint' },
  { field: 'citizenshipCode', column: 'citizenship_code', type: 'smallint' },
  { field: 'fatherName', column: 'father_name', type: 'text' },
  { field: 'motherName', column: 'mother_name', type: 'text' },
  { field: 'dusun', column: 'dusun', type: 'text' },
  { field: 'rw', column: 'rw', type: 'text' },
  { field: 'rt', column: 'rt', type: 'text' },
  { field: 'address', column: 'address', type: 'text' },
] as const satisfies ReadonlyArray<{
  field: keyof ResidentRecord;
  column: string;
  type: 'text' | 'date' | 'smallint';
}>;

type ResidentColumn = (typeof RESIDENT_FIELDS)[number]['column'];

/** The record's columns in table order. */
export const RESIDENT_COLUMNS: ReadonlyArray<ResidentColumn> = RESIDENT_FIELDS.map((f) => f.column);
