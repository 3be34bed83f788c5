// Draws the extension icon (media/icon.png, 128×128): a lens over two pods linked allowed/denied,
// rasterised here with signed distances and 4×4 supersampling, encoded as PNG with node's zlib.
// Usage: node scripts/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chunk, SIGNATURE } from './png.mjs';

const SIZE = 128;
const SAMPLES = 4;
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return Math.hypot(dx, dy) <= r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const [vx, vy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (ax + t * vx), y - (ay + t * vy)) <= w / 2;
};

// Painted in order; the last shape containing a point gives its colour.
const SHAPES = [
  [roundedRect(0, 0, 128, 128, 26), hex('#1b2b44')],
  [circle(54, 54, 34), hex('#25416b')],
  [segment(36, 42, 72, 42, 4), hex('#66bb6a')],
  [segment(72, 42, 54, 70, 4), hex('#ef5350')],
  [segment(58, 52, 68, 60, 3.5), hex('#ef5350')],
  [segment(68, 52, 58, 60, 3.5), hex('#ef5350')],
  [roundedRect(27, 34, 45, 50, 4), hex('#4fc3f7')],
  [roundedRect(63, 34, 81, 50, 4), hex('#4fc3f7')],
  [roundedRect(45, 64, 63, 80, 4), hex('#4fc3f7')],
  [circle(54, 42, 5), hex('#ffd54f')],
  [ring(54, 54, 34, 8), hex('#e8eef7')],
  [segment(80, 80, 108, 108, 13), hex('#e8eef7')],
];

function pixel(px, py) {
  const sum = [0, 0, 0, 0];
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) {
      const [x, y] = [px + (i + 0.5) / SAMPLES, py + (j + 0.5) / SAMPLES];
      const hit = SHAPES.findLast(([inside]) => inside(x, y));
      if (!hit) continue;
      hit[1].forEach((c, k) => (sum[k] += c));
      sum[3] += 255;
    }
  }
  const n = SAMPLES * SAMPLES;
  const alpha = sum[3] / n;
  // Un-premultiply the colour so anti-aliased edges keep their hue.
  return alpha === 0
    ? [0, 0, 0, 0]
    : [...sum.slice(0, 3).map((c) => Math.round(c / (sum[3] / 255))), Math.round(alpha)];
}

function png(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++)
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) rgba.set(pixel(x, y), (y * SIZE + x) * 4);
const out = path.join(import.meta.dirname, '..', 'media', 'icon.png');
fs.writeFileSync(out, png(SIZE, SIZE, rgba));
console.log(`wrote ${path.relative(process.cwd(), out)}`);
