/** A category's extra question; the datatypes are Open311's, so service definitions come straight from it. */
export interface CategoryField {
  code: string;
  label: string;
  labelEn: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  hint?: string;
  unit?: string;
  min?: number;
  max?: number;
  values?: Array<{ key: string; name: string }>;
}

export type Details = Record<string, string | number | string[]>;

/** Reads the category's extra answers from raw input; returns clean values and per-field messages. */
export function checkDetails(
  fields: CategoryField[],
  raw: Record<string, unknown>,
): { details: Details; problems: Record<string, string> } {
  const details: Details = {};
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const key = `detail_${field.code}`;
    const value = raw[field.code];
    const empty =
      value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (field.required) problems[key] = `${field.label} wajib diisi.`;
      continue;
    }
    switch (field.datatype) {
      case 'number': {
        const text = String(value).trim().replace(',', '.');
        const n = Number(text);
        if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(n)) {
          problems[key] = `${field.label} harus berupa angka (pakai koma atau titik untuk desimal).`;
        } else if (field.min !== undefined && n < field.min) {
          problems[key] = `${field.label} minimal ${field.min}${field.unit ? ` ${field.unit}` : ''}.`;
        } else if (field.max !== undefined && n > field.max) {
          problems[key] = `${field.label} maksimal ${field.max}${field.unit ? ` ${field.unit}` : ''}.`;
        } else details[field.code] = n;
        break;
      }
      case 'singlevaluelist': {
        const text = String(Array.isArray(value) ? value[0] : value);
        if (!field.values?.some((v) => v.key === text)) problems[key] = `Pilih ${field.label} dari daftar.`;
        else details[field.code] = text;
        break;
      }
      case 'multivaluelist': {
        const list = (Array.isArray(value) ? value : [value]).map(String);
        if (list.some((item) => !field.values?.some((v) => v.key === item)))
          problems[key] = `Pilih ${field.label} dari daftar.`;
        else details[field.code] = list;
        break;
      }
      case 'datetime': {
        const text = String(value);
        if (Number.isNaN(Date.parse(text))) problems[key] = `${field.label} harus berupa tanggal.`;
        else details[field.code] = text;
        break;
      }
      default: {
        const text = String(value).trim();
        if (text.length > (field.datatype === 'text' ? 2000 : 200))
          problems[key] = `${field.label} terlalu panjang.`;
        else details[field.code] = text;
      }
    }
  }
  return { details, problems };
}
