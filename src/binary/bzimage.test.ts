import { gzipSync } from 'fflate';
import { compressBlock } from 'lz4js';
import { describe, expect, it } from 'vitest';
import { readBzImage, readSetupHeader } from './bzimage';
import { hex, readFixture } from './elf/testFixtures';
import { byteFlips, truncations } from './mutate';
import { readSystemMap } from './systemMap';

/** A minimal bzImage: 2 setup sectors with the boot-protocol 2.15 header, then the payload. */
function makeBzImage(payload: Uint8Array, payloadOffset = 16): Uint8Array {
  const setupSects = 1;
  const pm = (setupSects + 1) * 512;
  const out = new Uint8Array(pm + payloadOffset + payload.length);
  const v = new DataView(out.buffer);
  out[0x1f1] = setupSects;
  v.setUint32(0x202, 0x53726448, true);
  v.setUint16(0x206, 0x020f, true);
  v.setUint32(0x248, payloadOffset, true);
  v.setUint32(0x24c, payload.length, true);
  out.set(payload, pm + payloadOffset);
  return out;
}

/** The kernel's lz4 format: legacy frame magic, then one [u32 size, block]. */
function lz4Legacy(data: Uint8Array): Uint8Array {
  const dst = new Uint8Array(data.length + 1024);
  const size = compressBlock(data, dst, 0, data.length, new Uint32Array(1 << 16));
  const out = new Uint8Array(8 + size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x184c2102, true);
  v.setUint32(4, size, true);
  out.set(dst.subarray(0, size), 8);
  return out;
}

const elf = readFixture('mini-alt.elf');

const zstFixture = readFixture('mini-alt-stripped.elf.zst');
/** The stripped ELF's size, from the trailer of its zstd payload. */
const STRIPPED_SIZE = new DataView(zstFixture.buffer, zstFixture.byteOffset).getUint32(
  zstFixture.length - 4,
  true,
);

/** What the kernel's build does after xz/lz4/zstd (`*_with_size`): append the size, u32 LE. */
function withSize(payload: Uint8Array, size = elf.length): Uint8Array {
  const out = new Uint8Array(payload.length + 4);
  out.set(payload);
  new DataView(out.buffer).setUint32(payload.length, size, true);
  return out;
}

describe('readBzImage', () => {
  const payloads: [string, Uint8Array][] = [
    ['zstd', readFixture('mini-alt-stripped.elf.zst')],
    ['xz', withSize(readFixture('mini-alt-stripped.elf.xz'), STRIPPED_SIZE)],
    ['gzip', gzipSync(elf)],
    ['lz4', withSize(lz4Legacy(elf))],
  ];
  for (const [kind, payload] of payloads) {
    it(`finds, decompresses (${kind}) and reads the embedded ELF`, async () => {
      const res = await readBzImage(makeBzImage(payload));
      if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
      expect(res.value.compression).toBe(kind);
      expect(res.value.header).toEqual({
        setupSects: 1,
        version: 0x20f,
        payloadOffset: 16,
        payloadLength: payload.length,
      });
      const t = res.value.image.table;
      expect(t.kernel).toBe('7.2');
      expect(t.sites.map((s) => [s.addr.toString(16), hex(s.original)])).toEqual([
        ['401040', '909090'],
        ['401050', '480fae27'],
        ['401060', '9c58909090'],
        ['401070', 'ff1532200000'],
      ]);
    });
  }

  it('names sites by address without symbols, and with a System.map', async () => {
    const bz = makeBzImage(readFixture('mini-alt-stripped.elf.zst'));
    const bare = await readBzImage(bz);
    expect(bare.ok && bare.value.image.table.sites.map((s) => s.symbol)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const map = readSystemMap(new TextDecoder().decode(readFixture('mini-alt.System.map')));
    if (!map.ok) throw new Error('System.map');
    const named = await readBzImage(bz, { names: map.value });
    expect(named.ok && named.value.image.table.sites.map((s) => s.symbol)).toEqual([
      'site_lfence+0x0/0x10',
      'site_xsave+0x0/0x10',
      'site_not+0x0/0x10',
      'site_pv+0x0/0xf90',
    ]);
    expect(
      named.ok && named.value.image.table.symbols.map((s) => `${s.name}@${s.addr.toString(16)}`),
    ).toEqual(['BUG_func@401000', 'nop_func@401010']);
  });

  it('clear errors: not a bzImage, payload outside the file, unknown compression, output cap', async () => {
    const first = async (b: Uint8Array, cap?: number) => {
      const r = await readBzImage(b, cap ? { cap } : {});
      expect(r.ok).toBe(false);
      return [r.diagnostics[0]!.message, r.diagnostics[0]!.location];
    };
    expect(await first(elf)).toEqual([
      'no "HdrS" setup header magic at offset 0x202: not a bzImage',
      { kind: 'offset', offset: 0x202, what: 'header' },
    ]);
    const gz = makeBzImage(gzipSync(elf));
    expect(await first(gz.subarray(0, 1100))).toEqual([
      `payload (offset 1040, length ${gz.length - 1040}) is not inside the file (size 1100)`,
      { kind: 'offset', offset: 0x248, what: 'payload_offset/payload_length' },
    ]);
    expect(await first(makeBzImage(new Uint8Array([1, 2, 3, 4, 5])))).toEqual([
      'unknown compression magic 01 02 03 04 at the payload',
      { kind: 'offset', offset: 1040, what: 'payload' },
    ]);
    expect((await first(gz, 4096))[0]).toBe('gzip: decompressed data exceeds 4096 bytes');
    // One attempt, trusting the appended size: a wrong one is named, a huge one refused unread.
    const lz4 = lz4Legacy(elf);
    expect((await first(makeBzImage(withSize(lz4, 1000))))[0]).toBe(
      `lz4: decompressed ${elf.length} bytes, the size says 1000`,
    );
    expect((await first(makeBzImage(withSize(lz4, 0xffffffff))))[0]).toBe(
      'lz4: decompressed data exceeds 536870912 bytes (4294967295)',
    );
    const zst = zstFixture.subarray(0, zstFixture.length - 4);
    expect((await first(makeBzImage(withSize(zst, STRIPPED_SIZE + 7))))[0]).toBe(
      `zstd: corrupt or truncated data (decoded ${STRIPPED_SIZE} of ${STRIPPED_SIZE + 7} bytes)`,
    );
    const h = readSetupHeader(makeBzImage(new Uint8Array(4)).fill(0, 0x206, 0x208));
    expect(h.ok).toBe(false);
  });

  it('mutants give a result or a diagnostic, never a throw', async () => {
    const bz = makeBzImage(readFixture('mini-alt-stripped.elf.zst'));
    for (const t of truncations(bz, 37)) expect((await readBzImage(t)).ok).toBe(false);
    for (const m of byteFlips(bz, 300, 99)) {
      const r = await readBzImage(m);
      if (!r.ok) expect(r.diagnostics[0]!.code).not.toBe('internal-error');
    }
  });
});

describe('readSystemMap', () => {
  it('reports bad lines with their line number and skips absolute symbols', () => {
    const r = readSystemMap(
      'ffffffff81000000 T _text\nnonsense here\n0000000000000000 A absolute\nffffffff81000010 t foo\n',
    );
    expect(r.ok && r.value.format(0xffffffff81000004n)).toBe('_text+0x4/0x10');
    expect(r.diagnostics.map((d) => [d.message, d.location])).toEqual([
      [
        'expected "<address> <type> <name>", got "nonsense here"',
        { kind: 'text', line: 2, column: 1 },
      ],
    ]);
    expect(readSystemMap('junk\n').ok).toBe(false);
  });

  it('mutated maps give a result or a diagnostic, never a throw', () => {
    const input = readFixture('mini-alt.System.map');
    for (const t of truncations(input, 5)) readSystemMap(new TextDecoder().decode(t));
    for (const m of byteFlips(input, 500, 3)) {
      const r = readSystemMap(new TextDecoder().decode(m));
      if (!r.ok) expect(r.diagnostics[0]!.location).toMatchObject({ kind: 'text' });
    }
  });
});
