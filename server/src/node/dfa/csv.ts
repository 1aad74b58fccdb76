/**
 * A small RFC 4180 CSV reader and writer for prompt suites. Written here
 * rather than taken from a package because the suite format needs exactly
 * three things a naive `split(',')` gets wrong: quoted fields (prompts hold
 * commas: "In binary, ends with 1"), doubled quotes inside them, and CRLF or
 * line breaks inside quoted fields, while still reporting where each record
 * starts so that results can point back at the source line.
 */

/** One record: its fields and the 1-based line it starts on. */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
  /** Set when the record cannot be trusted (an unterminated quote, a stray quote inside an unquoted field). */
  readonly problem?: string;
}

/**
 * Splits CSV text into records. Never throws: a malformed record is returned
 * with `problem` set so that one bad row does not abort a whole suite (the
 * seed's batch runner aborted on any schema error). A UTF-8 BOM is skipped;
 * a final line break does not create an empty record; blank lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let problem: string | undefined;
    let field = '';
    let atRecordEnd = false;
    while (!atRecordEnd) {
      if (text[i] === '"') {
        // Quoted field: runs to the next quote that is not doubled.
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) problem ??= `unterminated quoted field (opened on line ${startLine})`;
        // Anything between the closing quote and the next separator is malformed but kept.
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          problem ??= 'text after a closing quote';
          field += text[i++];
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') problem ??= 'a quote inside an unquoted field';
          field += text[i++];
        }
      }
      fields.push(field);
      field = '';
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      atRecordEnd = true;
    }
    // Record separator: CRLF, LF or a lone CR.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    const blank = fields.length === 1 && fields[0] === '' && problem === undefined;
    if (!blank) records.push(problem === undefined ? { fields, line: startLine } : { fields, line: startLine, problem });
  }
  return records;
}

/** Quotes a field when it must be (separator, quote, line break, or edge spaces that readers trim). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (CRLF-free; quoted fields keep their own line breaks). */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map((v) => csvField(v === null || v === undefined ? '' : String(v))).join(',') + '\n';
}
