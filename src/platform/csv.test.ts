import { describe, expect, it } from 'vitest';
import { csvField, csvLine, readSpreadsheetText, splitCsvLine, spreadsheetText } from './csv.ts';

describe('the platform CSV writer', () => {
  it('prefixes a quote to every cell a spreadsheet would read as a formula', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r'])
      expect(spreadsheetText(`${lead}HYPERLINK("http://x")`)).toBe(`'${lead}HYPERLINK("http://x")`);
    expect(spreadsheetText('=1+1')).toBe("'=1+1");
    expect(spreadsheetText('BUDI = SANTOSO')).toBe('BUDI = SANTOSO');
    expect(spreadsheetText("'=already")).toBe("'=already");
  });

  it('leaves numbers and ordinary text alone', () => {
    expect(spreadsheetText(-5)).toBe('-5');
    expect(spreadsheetText(12)).toBe('12');
    expect(spreadsheetText('KP. KRAJAN')).toBe('KP. KRAJAN');
    expect(spreadsheetText(null)).toBe('');
  });

  it('quotes per RFC 4180 only fields that hold a quote, a comma or a line break', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('=SUM(A1,A2)')).toBe(`"'=SUM(A1,A2)"`);
    expect(csvField('\r\n')).toBe(`"'\r\n"`);
    expect(csvLine(['a', 1, '@cmd', null])).toBe("a,1,'@cmd,\n");
  });

  it('reads a neutralised cell back to what was written, and nothing else', () => {
    for (const value of ['=1+1', '+62 812', '-', '@home', '\tx'])
      expect(readSpreadsheetText(spreadsheetText(value))).toBe(value);
    expect(readSpreadsheetText("O'BRIEN")).toBe("O'BRIEN");
    expect(readSpreadsheetText("'quoted")).toBe("'quoted");
  });
});

describe('the platform CSV line splitter', () => {
  it('splits plain fields on commas and keeps empty ones', () => {
    expect(splitCsvLine('36.04,Kabupaten Serang,')).toEqual(['36.04', 'Kabupaten Serang', '']);
    expect(splitCsvLine('')).toEqual(['']);
  });

  it('keeps commas inside quoted fields and reads a doubled quote as one quote', () => {
    expect(splitCsvLine('1,"Kawin, tercatat","Kp. ""Baru"""')).toEqual([
      '1',
      'Kawin, tercatat',
      'Kp. "Baru"',
    ]);
  });

  it('splits an export of csvLine back into the fields it was written from', () => {
    const fields = ['NIK', 'SITI, AMINAH', 'kata "kutip"'];
    expect(splitCsvLine(csvLine(fields).trimEnd())).toEqual(fields);
  });
});
