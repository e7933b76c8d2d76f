const OID = { int8: 20, date: 1082, numeric: 1700 } as const;

/**
 * Both drivers return the same JavaScript types: bigint counts as numbers (our counts fit), dates
 * as 'YYYY-MM-DD' strings (a calendar date has no time zone), numeric as strings.
 */
export const valueParsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: (value) => Number(value),
  [OID.date]: (value) => value,
  [OID.numeric]: (value) => value,
};
