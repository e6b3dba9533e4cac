/**
 * The sheets of an .xlsx whose bytes are in memory, one at a time, each a stream of rows: exceljs'
 * streaming parsers (shared strings, styles, workbook, worksheet), fed by our own ZIP reading
 * (zip-guard.ts) instead of exceljs' `WorkbookReader.parse()`. That one, with exceljs 4.4.0 and
 * unzipper 0.10:
 * - copies every sheet that comes before the shared strings — where Excel writes them — to a file
 *   in the temporary folder, the members' data in clear, left there when the reading stops at the
 *   sheet it needs or its worker is ended (`tmp`'s cleanup does not run in a worker thread);
 * - deletes a copy as soon as the reading moves past its sheet: a sheet passed over without being
 *   read races its deletion against its opening, an ENOENT thrown outside any await (CI, Node 22);
 * - ends early at times: unzipper's Parse emits `end` on its own `finish`, before the entries it
 *   has buffered are read; exceljs' `iterateStream` then stops — the workbook part missing, a
 *   TypeError « reading 'sheets' » (reproduced whenever TMPDIR is one folder deeper);
 * - decodes each inflated chunk of 16 kB on its own (`TextDecoder.decode` without `stream`): a
 *   letter such as « é » cut between two chunks comes out as two « � ».
 * Here the parts every sheet needs are read first, whatever their place in the ZIP (relations,
 * workbook, styles, shared strings); a sheet is inflated only when its rows are read, from the
 * bytes already in memory, and decoded with a StringDecoder. Nothing is written to disk.
 *
 * The parsers are exceljs' own, through its WorkbookReader's methods `_parseRels`,
 * `_parseWorkbook`, `_parseStyles`, `_parseSharedStrings` and `_parseWorksheet` (exceljs 4.4.0,
 * lib/stream/xlsx/workbook-reader.js): not public, so pinned by the tests of table.test.ts.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import { damagedXlsx, entryData, type ZipEntry } from './zip-guard';

/** A sheet as exceljs' streaming reader gives it: its name and state, then its rows. */
export interface XlsxSheet extends AsyncIterable<ExcelJS.Row> {
  name?: string;
  state?: string;
}

/** The methods of exceljs' WorkbookReader used here (see the header). */
interface WorkbookParts {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    iterator: AsyncIterable<string>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: unknown }>;
}

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** The text of an entry, inflated and decoded as UTF-8 a chunk at a time, once iterated. */
async function* entryText(bytes: Buffer, entry: ZipEntry): AsyncGenerator<string> {
  const data = entryData(bytes, entry);
  const decoder = new StringDecoder('utf8');
  let chunks: AsyncIterable<Buffer> | Buffer[] = [data];
  if (entry.method === 8) {
    const inflater = zlib.createInflateRaw();
    inflater.end(data);
    chunks = inflater;
  }
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * The sheets of the workbook, in the order of the ZIP (as exceljs gives them). A sheet not read
 * costs nothing; the rows of a sheet must be read before the next sheet is asked for.
 */
export async function* xlsxSheets(
  bytes: Buffer,
  entries: readonly ZipEntry[],
): AsyncGenerator<XlsxSheet> {
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookParts;
  const byName = new Map(entries.map((e) => [e.name, e]));
  const part = (name: string) => {
    const entry = byName.get(name);
    return entry ? Readable.from(entryText(bytes, entry)) : null;
  };
  const workbook = part('xl/workbook.xml');
  const rels = part('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw damagedXlsx();
  await reader._parseRels(rels);
  await reader._parseWorkbook(workbook);
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);
  const sharedStrings = part('xl/sharedStrings.xml');
  if (sharedStrings)
    for await (const event of reader._parseSharedStrings(sharedStrings)) void event;
  for (const entry of entries) {
    const sheetNo = SHEET.exec(entry.name)?.[1];
    if (!sheetNo) continue;
    for (const event of reader._parseWorksheet(entryText(bytes, entry), sheetNo)) {
      if (event.eventType === 'worksheet') yield event.value as XlsxSheet;
    }
  }
}
