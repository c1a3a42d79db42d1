import chardet from 'chardet';
import { CellpulseError } from '../domain/errors.js';
import { readHead } from './file-bytes.js';

/** The text encodings an ingest reads (SPEC §1 "Operator files"); `--encoding` takes these names. */
export const ENCODINGS = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type TextEncoding = (typeof ENCODINGS)[number];

/** How much of the file the detection looks at: enough text to judge, little enough to be instant. */
const SAMPLE_BYTES = 256 * 1024;
/** chardet's confidence (0–100) at which its GB18030 verdict on a non-UTF-8 file is taken. */
const MIN_GB_CONFIDENCE = 50;

const BOMS: [TextEncoding, number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

/** What the detection found: the encoding and how many bytes of byte-order mark to skip. */
export interface DetectedEncoding {
  encoding: TextEncoding;
  bomBytes: number;
}

/**
 * The encoding of a text file: a byte-order mark decides; else valid UTF-8 is UTF-8 (plain ASCII
 * too); else GB18030/GBK when the bytes decode cleanly as GB18030 and chardet's statistics agree.
 * A file that is valid both as UTF-8 and as GB18030 but reads as Chinese only in GB18030 is
 * ambiguous, as is one with too little text for chardet: both are refused.
 * @throws CellpulseError refused_file when the encoding cannot be told, naming the likely ones and `--encoding`.
 */
export async function detectEncoding(path: string, name = path): Promise<DetectedEncoding> {
  const head = await readHead(path, SAMPLE_BYTES);
  const bom = BOMS.find(([, bytes]) => bytes.every((b, i) => head[i] === b));
  if (bom) return { encoding: bom[0], bomBytes: bom[1].length };
  if (head.every((b) => b < 0x80 && b !== 0)) return { encoding: 'utf-8', bomBytes: 0 };
  if (head.includes(0)) {
    throw unknownEncoding(name, 'it holds NUL bytes, as UTF-16 without a byte-order mark does', [
      'utf-16le',
      'utf-16be',
    ]);
  }
  const asUtf8 = decodes(head, 'utf-8');
  const asGb = decodes(head, 'gb18030');
  if (asUtf8 !== undefined) {
    if (asGb !== undefined && !hasCjk(asUtf8) && hasCjk(asGb)) {
      throw unknownEncoding(name, 'it is valid UTF-8 but reads as Chinese only as GB18030/GBK', ['gb18030', 'utf-8']);
    }
    return { encoding: 'utf-8', bomBytes: 0 };
  }
  const guesses = chardet.analyse(head);
  const gb = guesses.find((g) => g.name === 'GB18030');
  const gbFirst = guesses[0]?.name === 'GB18030' && (gb?.confidence ?? 0) >= MIN_GB_CONFIDENCE;
  if (asGb !== undefined && hasCjk(asGb) && gbFirst) {
    return { encoding: 'gb18030', bomBytes: 0 };
  }
  const likely = guesses.slice(0, 3).map((g) => g.name);
  const why =
    asGb === undefined
      ? `it is neither valid UTF-8 nor GB18030 (it looks like ${likely.join(', ')})`
      : 'it is not UTF-8, and it holds too little non-ASCII text to be sure it is GB18030/GBK' +
        ` (it might be ${[...new Set(['GB18030', ...likely])].join(', ')})`;
  throw unknownEncoding(name, why, ['gb18030', 'utf-8', 'utf-16le', 'utf-16be']);
}

/** The text of `bytes` in `encoding`; undefined when they are not valid in it (a character cut at the end is fine). */
function decodes(bytes: Uint8Array, encoding: TextEncoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return undefined;
  }
}

function hasCjk(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text);
}

function unknownEncoding(name: string, why: string, likely: readonly TextEncoding[]): CellpulseError {
  return new CellpulseError(
    'refused_file',
    `${name}: cannot tell the file's text encoding: ${why}. The likely encodings are ${likely.join(', ')}: ` +
      `say which with --encoding ${likely[0]} (over HTTP: ?encoding=${likely[0]}), or save the file as UTF-8`,
  );
}
