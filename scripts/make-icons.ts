// Draws the app icons (public/icon-*.png): an indigo square with three white bars of a "mix", kept inside the
// maskable safe zone. Run once after changing the design: npx tsx scripts/make-icons.ts (the PNGs are committed).
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

const INDIGO: [number, number, number] = [79, 70, 229];
const WHITE: [number, number, number] = [255, 255, 255];
const AMBER: [number, number, number] = [251, 191, 36];
/** Bars as fractions of the icon: left edge, width, top (the bottom is shared), colour. */
const BARS: [number, number, number, [number, number, number]][] = [
  [0.27, 0.12, 0.52, WHITE],
  [0.44, 0.12, 0.34, AMBER],
  [0.61, 0.12, 0.44, WHITE],
];
const BOTTOM = 0.72;

function draw(size: number): Buffer {
  return png(size, (x, y) => {
    const fx = (x + 0.5) / size;
    const fy = (y + 0.5) / size;
    for (const [left, width, top, colour] of BARS) {
      if (fx >= left && fx < left + width && fy >= top && fy < BOTTOM) return colour;
    }
    return INDIGO;
  });
}

for (const [name, size] of [["icon-192.png", 192], ["icon-512.png", 512], ["apple-touch-icon.png", 180]] as const) {
  writeFileSync(`public/${name}`, draw(size));
}
