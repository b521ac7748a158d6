import { describe, expect, it } from 'vitest';
import { parseFeatureList } from '../../core/features';
import { simulate } from '../../core/patch/simulate';
import { defaultLoop } from '../../core/model';
import { createDecoder } from '../../disasm/node';
import {
  CAPTURE_KERNELS,
  CAPTURES,
  type CaptureExpectedJson,
  type CaptureScenarioJson,
  capturesPresent,
  readCaptureJson,
  readCaptureText,
  readCaptureXz,
} from '../captures';
import { hex } from './testFixtures';
import { readVmlinux } from './vmlinux';

interface GoldenJson {
  sites: { addr: string; symbol: string }[];
}

const present = capturesPresent();
if (!present) console.warn(`skipping real-kernel ELF tests: ${CAPTURES} is absent`);

const FLAG_NAMES = ['NOT', 'DIRECT_CALL'];

for (const kernel of CAPTURE_KERNELS) {
  describe.skipIf(!present)(`real vmlinux ${kernel}`, () => {
    const res = present ? readVmlinux(readCaptureXz(kernel, 'vmlinux-alt.elf.xz')) : undefined;
    const img = res?.ok ? res.value : undefined;

    it('reads without diagnostics and picks the profile from linux_banner', () => {
      expect(res?.diagnostics).toEqual([]);
      expect(img?.kernelFrom).toBe('banner');
      expect(img?.table.kernel).toBe(kernel.endsWith('7.2.13') ? '7.2' : '6.12');
      expect(img?.release).toBe(
        kernel.endsWith('7.2.13') ? '7.2.13+deb14-cloud-amd64' : '6.12.117+deb13-cloud-amd64',
      );
    });

    it('equals qemu64/scenario.json: same sites, entries, bytes, memory slots, symbols', () => {
      const scen = readCaptureJson<CaptureScenarioJson>(kernel, 'qemu64/scenario.json.xz');
      const t = img!.table;
      expect(t.sites.length).toBe(scen.sites.length);
      const mine = t.sites.map((s) => ({
        addr: `0x${s.addr.toString(16)}`,
        symbol: s.symbol,
        bytes: hex(s.original),
        entries: s.entries.map((e) => ({
          feature: `${e.cpuid >> 5}*32+${e.cpuid & 31}`,
          flags: FLAG_NAMES.filter((_, i) => e.flags & (1 << i)),
          instrlen: e.instrlen,
          repl_addr: `0x${e.repl.toString(16)}`,
          repl: hex(e.replacement),
        })),
      }));
      expect(mine).toEqual(scen.sites);
      expect(
        t.memory.map((m) => ({ addr: `0x${m.addr.toString(16)}`, bytes: hex(m.bytes) })),
      ).toEqual(scen.memory);
      expect(t.symbols.map((s) => ({ name: s.name, addr: `0x${s.addr.toString(16)}` }))).toEqual(
        scen.symbols,
      );
    });

    it("names every site like the boot log's %pS (golden.json)", () => {
      const golden = readCaptureJson<GoldenJson>(kernel, 'qemu64/golden.json.xz');
      const byAddr = new Map(img!.table.sites.map((s) => [`0x${s.addr.toString(16)}`, s.symbol]));
      const wrong = golden.sites
        .filter((g) => byAddr.get(g.addr) !== g.symbol)
        .map((g) => `${g.addr} ${g.symbol} ≠ ${byAddr.get(g.addr)}`);
      expect(wrong).toEqual([]);
      expect(golden.sites.length).toBe(img!.table.sites.length);
    });

    it('patched with the qemu64 features reproduces memory after boot except the 18 sites other patchers touched', () => {
      const t = img!.table;
      const features = parseFeatureList(readCaptureText(kernel, 'qemu64/features.txt'), t.kernel);
      expect(features.errors).toEqual([]);
      const decoder = createDecoder();
      const report = simulate(
        t,
        { kernel: t.kernel, loop: defaultLoop(t.kernel), features: new Set(features.indices) },
        decoder,
      );
      decoder.dispose();
      const expected = readCaptureJson<CaptureExpectedJson>(kernel, 'qemu64/expected.json.xz');
      const differ: string[] = [];
      const touched: string[] = [];
      for (const s of report.sites) {
        const key = `0x${s.addr.toString(16)}`;
        const exp = expected[key]!;
        if (exp.touched_by_other_patchers) touched.push(s.symbol ?? key);
        if (hex(s.final) !== exp.final) differ.push(`${key} ${s.symbol}`);
      }
      expect(Object.keys(expected).length).toBe(report.sites.length);
      expect(touched.length).toBe(18);
      // Exactly the sites the return-thunk patcher rewrote before alternatives differ.
      expect(differ.map((d) => d.split(' ')[1])).toEqual(touched);
      expect(touched.filter((n) => n.includes('indirect_thunk')).length).toBe(16);
    });
  });
}
