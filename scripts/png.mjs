// Minimal PNG chunk tools for the scripts: CRC-32, chunk framing and parsing, and assembling an
// animated PNG (APNG) from PNG frames of the same size, without re-encoding their image data.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** The chunks of a PNG file as {type, data}. */
export function chunks(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  const out = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    out.push({ type: png.toString('ascii', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

function u32(...values) {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v, 4 * i));
  return b;
}

function frameControl(seq, width, height, delayMs) {
  const delay = Buffer.alloc(4);
  delay.writeUInt16BE(Math.round(delayMs / 10), 0); // delay_num / delay_den = hundredths of a second
  delay.writeUInt16BE(100, 2);
  return chunk('fcTL', Buffer.concat([u32(seq, width, height, 0, 0), delay, Buffer.from([0, 0])]));
}

/** An APNG playing `frames` (PNG buffers of one size and format) in a loop, each for its delay. */
export function apng(frames, delaysMs) {
  const parsed = frames.map(chunks);
  const header = parsed[0].find((c) => c.type === 'IHDR').data;
  const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('acTL', u32(frames.length, 0))];
  let seq = 0;
  parsed.forEach((frame, i) => {
    if (!frame.find((c) => c.type === 'IHDR').data.equals(header))
      throw new Error(`frame ${i} differs in size`);
    parts.push(frameControl(seq++, width, height, delaysMs[i] ?? 1000));
    for (const { data } of frame.filter((c) => c.type === 'IDAT')) {
      parts.push(i === 0 ? chunk('IDAT', data) : chunk('fdAT', Buffer.concat([u32(seq++), data])));
    }
  });
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
