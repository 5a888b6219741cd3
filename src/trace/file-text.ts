// The text of an exported trace file: UTF-8 with or without a byte order mark, UTF-16 LE or
// BE with one, and UTF-16 without one (the admin center's CSV downloads are UTF-16 LE and
// some tools drop the mark), told apart by where the zero bytes of ASCII text fall.
import { promises as fs } from 'node:fs';
import { ImportError } from '../store/errors';
import { decodeText } from '../store/import/text';
import { TraceFileError } from './errors';

export async function readTraceText(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new TraceFileError(`cannot read the file: ${(error as Error).message}`, file);
  }
  return decodeTraceBytes(bytes, file);
}

export function decodeTraceBytes(bytes: Uint8Array, file: string): string {
  const bomless = bomlessUtf16(bytes);
  if (bomless === 'le') return new TextDecoder('utf-16le').decode(bytes);
  if (bomless === 'be') return new TextDecoder('utf-16be').decode(bytes);
  try {
    return decodeText(bytes, file);
  } catch (error) {
    if (error instanceof ImportError) {
      const prefix = `${file}${error.line === undefined ? '' : `:${error.line}`}${error.column === undefined ? '' : `:${error.column}`}: `;
      const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
      throw new TraceFileError(message, file, error.line, error.column);
    }
    throw error;
  }
}

function bomlessUtf16(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes.length < 4) return undefined;
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || (b0 === 0xef && b1 === 0xbb)) return undefined;
  const sample = Math.min(bytes.length & ~1, 512);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  // ASCII text has a zero in every other byte; a few non-Latin letters (U+2000 is 00 20) do not upset that.
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05) return 'le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05) return 'be';
  return undefined;
}
