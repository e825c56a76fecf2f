/**
 * Reading CSV as RFC 4180 writes it: fields split by a delimiter, quoted fields may hold the
 * delimiter, line breaks and doubled quotes (""), records end with CRLF or LF. Each record keeps
 * the line it starts on, so whoever reads it can point at the line a person sees in their editor.
 */

export interface CsvRecord {
  /** The 1-based line the record starts on. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvRead {
  records: CsvRecord[];
  problems: CsvProblem[];
}

/**
 * Spreadsheets in many locales save with ";" and some tools with tabs: the header row says which,
 * by whichever of the three it holds most of outside quotes (a comma when none).
 */
export function guessDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as Array<[keyof typeof counts, number]>).reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] === 0 ? "," : best[0];
}

/**
 * Splits CSV text into records. A record with a quoting problem is reported on its line and left
 * out; reading goes on at the next line, so one stray quote does not hide every later problem.
 * A quote that is never closed swallows the rest of the file, and is reported where it opened.
 */
export function readCsv(text: string, delimiter: string = guessDelimiter(text)): CsvRead {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const source = text.replace(/^\uFEFF/, "");
  let pos = 0;
  let line = 1;

  const atLineEnd = (i: number) => i >= source.length || source[i] === "\n" || source[i] === "\r";
  /** Moves past the line break at `i` (CRLF, LF or a lone CR), counting it. */
  const skipBreak = (i: number) => {
    if (source[i] === "\r" && source[i + 1] === "\n") return i + 2;
    return i + 1;
  };
  /** After a problem: on to the start of the next line. */
  const skipLine = (i: number) => {
    while (!atLineEnd(i)) i++;
    return i;
  };

  while (pos < source.length) {
    const startLine = line;
    const fields: string[] = [];
    let problem: string | null = null;
    for (;;) {
      if (source[pos] === '"') {
        const openedOn = line;
        let value = "";
        let i = pos + 1;
        let closed = false;
        while (i < source.length) {
          const ch = source[i]!;
          if (ch === '"') {
            if (source[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          if (ch === "\r" || ch === "\n") {
            const next = skipBreak(i);
            value += source.slice(i, next) === "\r\n" ? "\r\n" : ch;
            line++;
            i = next;
            continue;
          }
          value += ch;
          i++;
        }
        if (!closed) {
          problems.push({ line: openedOn, message: "A quoted field opened on this line is never closed (a \" is missing)." });
          return { records, problems };
        }
        pos = i;
        if (!atLineEnd(pos) && source[pos] !== delimiter) {
          problem = `Unexpected text after a closing quote: a quote inside a quoted field is written as "".`;
          pos = skipLine(pos);
          break;
        }
        fields.push(value);
      } else {
        let i = pos;
        while (!atLineEnd(i) && source[i] !== delimiter) i++;
        const value = source.slice(pos, i);
        if (value.includes('"')) {
          problem = `A quote in an unquoted field: put the whole field in quotes and double the quote inside ("").`;
          pos = skipLine(i);
          break;
        }
        fields.push(value);
        pos = i;
      }
      if (source[pos] === delimiter) {
        pos++;
        continue;
      }
      break;
    }
    if (problem) problems.push({ line: startLine, message: problem });
    else records.push({ line: startLine, fields });
    if (pos < source.length) {
      pos = skipBreak(pos);
      line++;
    }
  }
  return { records, problems };
}
