/**
 * Memory caps against small inputs that claim huge sizes (issue 13): a reader must answer
 * (a result or a located diagnostic) without allocating what the input claims. The payloads are
 * the 0.5 KB fixtures with their size fields rewritten; `arrayBuffers` counts every typed-array
 * allocation, touched or not, so a decoder that trusted a 4 GiB claim would show here.
 */
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBzImage } from './bzimage';
import { readFixture } from './elf/testFixtures';
import { readVmlinux } from './elf/vmlinux';

/** A minimal bzImage (boot protocol 2.15 header in 2 setup sectors) around `payload`. */
function makeBzImage(payload: Uint8Array): Uint8Array {
  const pm = 2 * 512;
  const out = new Uint8Array(pm + payload.length);
  const v = new DataView(out.buffer);
  out[0x1f1] = 1;
  v.setUint32(0x202, 0x53726448, true);
  v.setUint16(0x206, 0x020f, true);
  v.setUint32(0x248, 0, true);
  v.setUint32(0x24c, payload.length, true);
  out.set(payload, pm);
  return out;
}

/** `data` followed by the u32 uncompressed size the kernel's build appends, here a lie. */
const claimingSize = (data: Uint8Array, size: number): Uint8Array => {
  const out = new Uint8Array(data.length + 4);
  out.set(data);
  new DataView(out.buffer).setUint32(data.length, size, true);
  return out;
};

/**
 * The zstd fixture re-framed to declare a 1 TiB Frame_Content_Size (8-byte field, single
 * segment, so also a 1 TiB window): magic, descriptor, FCS, then the original blocks.
 */
function zstdClaimingTiB(): Uint8Array {
  const zst = readFixture('mini-alt-stripped.elf.zst');
  const fhd = zst[4]!;
  expect(fhd >> 6).toBe(1); // the fixture's FCS is a 2-byte field, right after the descriptor
  expect((fhd >> 5) & 1).toBe(1);
  const out = new Uint8Array(zst.length + 6);
  out.set(zst.subarray(0, 4));
  out[4] = (fhd & 0x3f) | 0xc0;
  new DataView(out.buffer).setBigUint64(5, 1n << 40n, true);
  out.set(zst.subarray(7), 13);
  return out;
}

/** Run `read`, returning its diagnostics' messages and the typed-array bytes it left allocated at most. */
async function measured(read: () => Promise<{ ok: boolean; diagnostics: { message: string }[] }>) {
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }, 1);
  try {
    const r = await read();
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    return { r, grewMiB: (peak - before) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

describe('inputs claiming huge sizes get an answer, not the allocation', () => {
  const elf = readFixture('mini-alt.elf');
  const payloads: [string, Uint8Array][] = [
    [
      'zstd, trailing size 4 GiB',
      claimingSize(readFixture('mini-alt-stripped.elf.zst'), 2 ** 32 - 1),
    ],
    ['xz, trailing size 4 GiB', claimingSize(readFixture('mini-alt-stripped.elf.xz'), 2 ** 32 - 1)],
    ['gzip, ISIZE 4 GiB', claimingSize(gzipSync(elf).subarray(0, -4), 2 ** 32 - 1)],
    ['zstd, frame content size 1 TiB', zstdClaimingTiB()],
  ];
  for (const [name, payload] of payloads) {
    it(`bzImage with ${name}`, async () => {
      const { r, grewMiB } = await measured(() => readBzImage(makeBzImage(payload)));
      if (!r.ok) expect(r.diagnostics.length).toBeGreaterThan(0);
      expect(grewMiB).toBeLessThan(64);
    });
  }

  it('the decompression output cap stops a payload that inflates past it, with a message', async () => {
    const bomb = gzipSync(new Uint8Array(8 << 20));
    const { r, grewMiB } = await measured(() => readBzImage(makeBzImage(bomb), { cap: 1 << 20 }));
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toBe('gzip: decompressed data exceeds 1048576 bytes');
    // Garbage the decoder made on the way is counted until a GC: a bound, not the 1 MiB cap.
    expect(grewMiB).toBeLessThan(64);
  });

  it('an ELF whose symbol table and sections claim more than the file holds', () => {
    const bad = elf.slice();
    const v = new DataView(bad.buffer);
    const shoff = Number(v.getBigUint64(40, true));
    const shnum = v.getUint16(60, true);
    // Every section claims 1 TiB at its offset: none fits in a 9.6 KB file.
    for (let i = 1; i < shnum; i++) v.setBigUint64(shoff + i * 64 + 32, 1n << 40n, true);
    const before = process.memoryUsage().arrayBuffers;
    const r = readVmlinux(bad);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toMatch(/past the end of the file|not inside the file/);
    expect((process.memoryUsage().arrayBuffers - before) / 2 ** 20).toBeLessThan(8);
  });
});
