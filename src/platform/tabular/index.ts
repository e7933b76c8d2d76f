export {
  CsvSplitter,
  cellText,
  csvSource,
  fileKind,
  headerKey,
  openSource,
  type RecordRow,
  type RowSource,
  readRecords,
  type SourceRow,
  xlsxSource,
} from './read.ts';
export { type Cell, csvFileWriter, type TableWriter, writeTable, xlsxWriter } from './write.ts';
