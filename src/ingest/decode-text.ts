import chardet from 'chardet';
import iconv from 'iconv-lite';
import { InputError } from '../model/errors.js';

/** Files over this are refused before reading: no news article comes near it, and it protects memory. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/** How far into a file to look for NUL bytes and control characters when telling binary from text. */
const BINARY_SNIFF_BYTES = 8192;
/** Share of control characters (other than tab, CR, LF, FF) above which a file is not text. */
const MAX_CONTROL_CHARACTER_SHARE = 0.1;

export interface DecodedText {
  readonly text: string;
  /** The encoding used, in WHATWG/iconv naming (`utf-8`, `windows-1252`, …). */
  readonly encoding: string;
  /** True when the bytes were not UTF-8 and a legacy encoding was detected. */
  readonly legacy: boolean;
}

/**
 * Bytes to text. UTF-8 (with or without BOM) and UTF-16 with BOM are decoded directly; anything else
 * is decoded from the encoding `charsetHint` names (an HTTP header or HTML meta charset) or, failing
 * that, the one chardet detects, rather than mangled into replacement characters.
 */
export function decodeText(bytes: Uint8Array, input: string, charsetHint?: string): DecodedText {
  if (bytes.length === 0) throw new InputError('empty', input, 'file is empty');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8(bytes.subarray(3), input);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'),
      encoding: 'utf-16le',
      legacy: false,
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'),
      encoding: 'utf-16be',
      legacy: false,
    };
  }
  if (looksBinary(bytes)) throw new InputError('binary', input, 'binary file, not text or HTML');
  const hint = charsetHint?.trim().toLowerCase();
  if (hint && hint !== 'utf-8' && hint !== 'utf8' && iconv.encodingExists(hint)) {
    return { text: iconv.decode(Buffer.from(bytes), hint), encoding: hint, legacy: true };
  }
  try {
    return utf8(bytes, input);
  } catch {
    const detected = chardet.detect(bytes);
    if (!detected || !iconv.encodingExists(detected) || /^utf-?8$/i.test(detected)) {
      throw new InputError(
        'bad-encoding',
        input,
        'not valid UTF-8 and no other text encoding fits',
      );
    }
    return {
      text: iconv.decode(Buffer.from(bytes), detected),
      encoding: detected.toLowerCase(),
      legacy: true,
    };
  }
}

function utf8(bytes: Uint8Array, input: string): DecodedText {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (text.trim() === '') throw new InputError('empty', input, 'file has only whitespace');
  return { text, encoding: 'utf-8', legacy: false };
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\x01-\x08\x0b\x0e-\x1f]/g;

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (head.indexOf(0) >= 0) return true;
  // Control characters other than tab, LF, FF and CR, counted by a native regex over the raw bytes.
  const controls = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
    .toString('latin1')
    .match(CONTROL_CHARACTERS);
  return head.length > 0 && (controls?.length ?? 0) / head.length > MAX_CONTROL_CHARACTER_SHARE;
}
