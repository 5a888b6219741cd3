// Strings the generator makes for every message, built from character codes into one flat
// string each: a rope of small pieces costs its consumer a flattening pass later. Each
// builder has its own fixed-size code buffer (changing an array's length is slow).

const HEX_LOWER = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const HEX_UPPER = [...'0123456789ABCDEF'].map((c) => c.charCodeAt(0));
const ISO_CODES = new Array<number>(24).fill(0);
const GUID_CODES = new Array<number>(36).fill(0);
const ID_CODES = new Array<number>(17).fill(0);

/** ISO 8601 UTC with milliseconds, as Date.toISOString writes it, several times faster. */
export class IsoFormatter {
  private day = NaN;
  private readonly date = new Array<number>(11).fill(0);

  format(time: number): string {
    const day = Math.floor(time / 86_400_000);
    if (day !== this.day) {
      this.day = day;
      const text = new Date(day * 86_400_000).toISOString();
      for (let i = 0; i < 11; i++) this.date[i] = text.charCodeAt(i);
    }
    const c = ISO_CODES;
    for (let i = 0; i < 11; i++) c[i] = this.date[i];
    let ms = time - day * 86_400_000;
    const hour = Math.floor(ms / 3_600_000);
    ms -= hour * 3_600_000;
    const minute = Math.floor(ms / 60_000);
    ms -= minute * 60_000;
    const second = Math.floor(ms / 1000);
    ms -= second * 1000;
    c[11] = 48 + Math.floor(hour / 10); c[12] = 48 + (hour % 10); c[13] = 58;
    c[14] = 48 + Math.floor(minute / 10); c[15] = 48 + (minute % 10); c[16] = 58;
    c[17] = 48 + Math.floor(second / 10); c[18] = 48 + (second % 10); c[19] = 46;
    c[20] = 48 + Math.floor(ms / 100); c[21] = 48 + (Math.floor(ms / 10) % 10); c[22] = 48 + (ms % 10); c[23] = 90;
    return String.fromCharCode.apply(null, c);
  }
}

/** A version 4 GUID, lower case, from four random 32-bit words. */
export function guidText(a: number, b: number, c: number, d: number): string {
  const out = GUID_CODES;
  const h = HEX_LOWER;
  for (let i = 0; i < 8; i++) out[i] = h[(a >>> (28 - 4 * i)) & 15];
  out[8] = 45;
  for (let i = 0; i < 4; i++) out[9 + i] = h[(b >>> (28 - 4 * i)) & 15];
  out[13] = 45;
  out[14] = 52; // version 4
  for (let i = 0; i < 3; i++) out[15 + i] = h[(b >>> (8 - 4 * i)) & 15];
  out[18] = 45;
  out[19] = h[8 | ((c >>> 28) & 3)]; // variant 10xx
  for (let i = 0; i < 3; i++) out[20 + i] = h[(c >>> (24 - 4 * i)) & 15];
  out[23] = 45;
  for (let i = 0; i < 4; i++) out[24 + i] = h[(c >>> (12 - 4 * i)) & 15];
  for (let i = 0; i < 8; i++) out[28 + i] = h[(d >>> (28 - 4 * i)) & 15];
  return String.fromCharCode.apply(null, out);
}

/** `<` and 16 upper-case hex digits of two random words, then `suffix` (`@host>`). */
export function messageIdText(a: number, b: number, suffix: string): string {
  const out = ID_CODES;
  const h = HEX_UPPER;
  out[0] = 60;
  for (let i = 0; i < 8; i++) out[1 + i] = h[(a >>> (28 - 4 * i)) & 15];
  for (let i = 0; i < 8; i++) out[9 + i] = h[(b >>> (28 - 4 * i)) & 15];
  return String.fromCharCode.apply(null, out) + suffix;
}
