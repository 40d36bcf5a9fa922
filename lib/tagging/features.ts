// Text → token stream for both languages, without allocating per token (the classifier runs at >100k entries/s).
// Chinese is read as characters (n-grams over them stand in for words), English as lower-cased, lightly stemmed
// words without stopwords, digit runs as one number token. Punctuation breaks n-grams; spaces do not; emoji and
// other symbols are ignored; traditional Chinese characters are read as their simplified forms (zh-variants.ts). Every
// token carries two independent 32-bit hashes so n-grams hash to 64-bit keys.
import { simplifiedChar } from "./zh-variants";

export const KIND_CJK = 1;
export const KIND_WORD = 2;
export const KIND_NUMBER = 3;

/** Reusable token arrays; grows for long inputs. */
export class TokenBuffer {
  count = 0;
  hashA = new Int32Array(256);
  hashB = new Int32Array(256);
  kind = new Uint8Array(256);
  /** Segment id: n-grams never cross a segment boundary (punctuation). */
  segment = new Int32Array(256);
  start = new Int32Array(256);
  end = new Int32Array(256);

  ensure(capacity: number): void {
    if (capacity <= this.hashA.length) return;
    let size = this.hashA.length;
    while (size < capacity) size *= 2;
    const grow = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.hashA = grow(this.hashA, (n) => new Int32Array(n));
    this.hashB = grow(this.hashB, (n) => new Int32Array(n));
    this.kind = grow(this.kind, (n) => new Uint8Array(n));
    this.segment = grow(this.segment, (n) => new Int32Array(n));
    this.start = grow(this.start, (n) => new Int32Array(n));
    this.end = grow(this.end, (n) => new Int32Array(n));
  }
}

const STOPWORDS = new Set(
  ("a an the to of for in on at with and or our we i my me us is are was were be been being it its this that these " +
    "those from by as about into all some so then than their them they he she his her you your will would did do does " +
    "has have had just also very via per today yesterday tomorrow am pm " +
    // Function words that say nothing about role or stage (and must never be shown as a cue).
    "who whom whose which what each every both either neither any such other there here when while if but because " +
    "can could should may might must shall let lets get got etc ie eg vs re whether within " +
    // What is left of contractions ("haven't", "we've", "I'll") and of "w/"; connectives and status words.
    "t s d m ve ll don didn doesn isn wasn aren weren haven hasn hadn won wouldn couldn shouldn w " +
    "not no nor over between during since until again more most mostly why where done").split(" "),
);

const NUMBER_HASH_A = 0x2f6b1a3d;
const NUMBER_HASH_B = 0x51c3e6a7;

function isCjk(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f);
}

function isLatinLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Folds full-width ASCII, the ideographic space and upper case (ASCII and Latin-1) to their plain forms. */
function fold(cp: number): number {
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  else if (cp === 0x3000) return 32;
  if (cp >= 65 && cp <= 90) return cp + 32;
  if (cp >= 0xc0 && cp <= 0xde && cp !== 0xd7) return cp + 32;
  return cp;
}

/** Whitespace-like separators: they end a word but do not break n-grams ("A/B test", "Q&A", "sign-up"). */
function isSoftSeparator(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 45 || c === 47 || c === 38 || c === 43 || c === 95 ||
    c === 0xb7 || c === 0x2014 || c === 0x2013;
}

/** Dropped without effect: emoji, pictographs, variation selectors, joiners, quotes. */
function isIgnorable(c: number): boolean {
  return c >= 0x1f000 || (c >= 0x2600 && c <= 0x27bf) || (c >= 0xfe00 && c <= 0xfe0f) || c === 0x200d ||
    c === 0x200b || c === 34 || c === 0x201c || c === 0x201d || c === 0x300c || c === 0x300d || c === 0x2018 ||
    c === 0x2019 || c === 39 || c === 0x3010 || c === 0x3011 || c === 0x300a || c === 0x300b;
}

const wordChars = new Int32Array(64);

/** Light English stemming on the collected word (character codes in wordChars); returns the stem's length. */
function stemLength(len: number): number {
  const at = wordChars;
  if (len > 4 && at[len - 3] === 105 && at[len - 2] === 101 && at[len - 1] === 115) {
    wordChars[len - 3] = 121; // -ies → -y
    return len - 2;
  }
  if (len > 4 && at[len - 3] === 105 && at[len - 2] === 101 && at[len - 1] === 100) {
    wordChars[len - 3] = 121; // -ied → -y
    return len - 2;
  }
  if (len > 5 && at[len - 3] === 105 && at[len - 2] === 110 && at[len - 1] === 103) len -= 3; // -ing
  else if (len > 4 && at[len - 2] === 101 && at[len - 1] === 100) len -= 2; // -ed
  else if (len > 3 && at[len - 1] === 115 && at[len - 2] !== 115 && at[len - 2] !== 117 && at[len - 2] !== 105) {
    len -= 1; // plural -s (not -ss, -us, -is)
  }
  if (len > 3 && at[len - 1] === at[len - 2] && at[len - 1] !== 108 && at[len - 1] !== 115 && !isVowel(at[len - 1])) {
    len -= 1; // planned → plan, shipping → ship
  }
  if (len > 3 && at[len - 1] === 101) len -= 1; // -e (welcome/welcomed, share/sharing)
  return len;
}

function isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
}

function wordHash(len: number): number {
  let a = 0x811c9dc5 | 0;
  for (let i = 0; i < len; i++) a = Math.imul(a ^ wordChars[i], 0x01000193);
  return a;
}

/** Adds the collected word as a token unless it is a stopword or has no letter. */
function pushWord(buf: TokenBuffer, len: number, segment: number, start: number, end: number): void {
  let hasLetter = false;
  for (let i = 0; i < len; i++) if (isLatinLetter(wordChars[i])) { hasLetter = true; break; }
  if (!hasLetter) return;
  if (len <= 9 && STOP_HASHES.has(wordHash(len))) return;
  const stem = len > 3 ? stemLength(len) : len;
  let a = 0x811c9dc5 | 0;
  let b = 0x2545f491 | 0;
  for (let i = 0; i < stem; i++) {
    const c = wordChars[i];
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 15);
  }
  addToken(buf, a ^ 0x40000000, b, KIND_WORD, segment, start, end);
}

const STOP_HASHES = new Set(
  [...STOPWORDS].map((w) => {
    for (let i = 0; i < w.length; i++) wordChars[i] = w.charCodeAt(i);
    return wordHash(w.length);
  }),
);

function addToken(buf: TokenBuffer, a: number, b: number, kind: number, segment: number, start: number, end: number) {
  const i = buf.count;
  if (i >= buf.hashA.length) buf.ensure(i + 1);
  buf.hashA[i] = a;
  buf.hashB[i] = b;
  buf.kind[i] = kind;
  buf.segment[i] = segment;
  buf.start[i] = start;
  buf.end[i] = end;
  buf.count = i + 1;
}

// Tokenizer state lives at module level so that tokenize() creates no closures per call.
let tokBuf: TokenBuffer = new TokenBuffer();
let segment = 0;
let wordLen = 0;
let wordStart = 0;
let wordEnd = 0;
let inNumber = false;
let numberStart = 0;
let numberEnd = 0;

function flushWord(): void {
  if (wordLen > 0) {
    pushWord(tokBuf, wordLen, segment, wordStart, wordEnd);
    wordLen = 0;
  }
}

function flushNumber(): void {
  if (inNumber) {
    addToken(tokBuf, NUMBER_HASH_A, NUMBER_HASH_B, KIND_NUMBER, segment, numberStart, numberEnd);
    inNumber = false;
  }
}

/** Tokenises `text` into `buf` (reset first). */
export function tokenize(text: string, buf: TokenBuffer): void {
  buf.count = 0;
  tokBuf = buf;
  segment = 0;
  wordLen = 0;
  inNumber = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      cp = text.codePointAt(i) as number;
      width = 2;
    }
    const c = fold(cp);
    if (c >= 48 && c <= 57) {
      if (wordLen > 0) { // digits inside a word: "b2b", "q3", "h5"
        if (wordLen < 40) wordChars[wordLen++] = c;
        wordEnd = i + 1;
        continue;
      }
      if (!inNumber) { inNumber = true; numberStart = i; }
      numberEnd = i + 1;
      continue;
    }
    if (inNumber && (c === 46 || c === 44 || c === 37) && i + 1 < n) {
      const next = text.charCodeAt(i + 1);
      if ((next >= 48 && next <= 57) || c === 37) { numberEnd = i + 1; continue; } // 1.2, 3,200, 76%
    }
    if (isLatinLetter(c)) {
      if (inNumber && wordLen === 0 && (c === 107 || c === 119 || c === 109)) {
        // "3k", "10w", "2m": magnitude suffixes stay part of the number.
        const next = i + 1 < n ? fold(text.charCodeAt(i + 1)) : 32;
        if (!isLatinLetter(next)) { numberEnd = i + 1; continue; }
      }
      flushNumber();
      if (wordLen === 0) wordStart = i;
      if (wordLen < 40) wordChars[wordLen++] = c;
      wordEnd = i + 1;
      continue;
    }
    flushWord();
    flushNumber();
    if (isCjk(cp)) {
      const h = simplifiedChar(cp); // traditional characters read as their simplified forms
      addToken(buf, h, Math.imul(h, 0x9e3779b1) ^ 0x7f4a7c15, KIND_CJK, segment, i, i + width);
    } else if (!isSoftSeparator(c) && !isIgnorable(c)) {
      segment++;
    }
    if (width === 2) i++;
  }
  flushWord();
  flushNumber();
}

/** N-gram keys: the key (a, b) of an n-gram extended by one more token (see featurizer.ts, which inlines these). */
export function extendA(a: number, tokenA: number): number {
  return (Math.imul(a ^ tokenA, 0x01000193) + 0x3c6ef372) | 0;
}
export function extendB(b: number, tokenB: number): number {
  const x = Math.imul(b + tokenB, 0x85ebca6b);
  return x ^ (x >>> 13);
}
export const SEED_A = 0x6a09e667 | 0;
export const SEED_B = 0xbb67ae85 | 0;
