/**
 * Debian 12's 6.1.192 as booted in QEMU (qemu64): 12-byte entries, flat macros, the paravirt pass
 * before the alternatives. The ELF read with the 6.1 profile must give the capture's scenario;
 * patched, every site must equal memory after boot except the 16 return-thunk sites.
 */
import { describe, expect, it } from 'vitest';
import { parseFeatureList } from '../../core/features';
import { defaultLoop } from '../../core/model';
import { simulate } from '../../core/patch/simulate';
import { createDecoder } from '../../disasm/node';
import {
  CAPTURE_61,
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
  sites: {
    addr: string;
    symbol: string;
    other_patchers?: { kind: string; addr: string; len: number; type: number; orig: string }[];
    log: { old_insn?: string };
  }[];
}

const present = capturesPresent();
if (!present) console.warn(`skipping the 6.1 real-kernel tests: ${CAPTURES} is absent`);

describe.skipIf(!present)(`real vmlinux ${CAPTURE_61}`, () => {
  const res = present ? readVmlinux(readCaptureXz(CAPTURE_61, 'vmlinux-alt.elf.xz')) : undefined;
  const img = res?.ok ? res.value : undefined;

  it('reads 12-byte entries and the paravirt sites, the 6.1 profile from linux_banner', () => {
    expect(res?.diagnostics).toEqual([]);
    expect(img?.kernelFrom).toBe('banner');
    expect(img?.release).toBe('6.1.0-57-cloud-amd64');
    expect(img?.table.kernel).toBe('6.1');
    expect(img?.table.sites.length).toBe(3738);
    expect(img?.table.sites.reduce((n, s) => n + s.entries.length, 0)).toBe(4468);
    expect(img?.table.paravirt?.length).toBe(3679);
    expect(img?.table.symbols.map((s) => s.name).sort()).toEqual([
      '_paravirt_nop',
      'paravirt_BUG',
      'pv_ops',
    ]);
  });

  it('equals qemu64/scenario.json: same sites, entries (NOT from cpuid bit 15) and bytes', () => {
    const scen = readCaptureJson<CaptureScenarioJson>(CAPTURE_61, 'qemu64/scenario.json.xz');
    expect(scen.kernel).toBe('6.1');
    const mine = img!.table.sites.map((s) => ({
      addr: `0x${s.addr.toString(16)}`,
      symbol: s.symbol,
      bytes: hex(s.original),
      entries: s.entries.map((e) => ({
        feature: `${e.cpuid >> 5}*32+${e.cpuid & 31}`,
        flags: e.flags & 1 ? ['NOT'] : [],
        instrlen: e.instrlen,
        repl_addr: `0x${e.repl.toString(16)}`,
        repl: hex(e.replacement),
      })),
    }));
    expect(mine).toEqual(scen.sites);
  });

  it("names every site like the boot log's %pS (golden.json)", () => {
    const golden = readCaptureJson<GoldenJson>(CAPTURE_61, 'qemu64/golden.json.xz');
    const byAddr = new Map(img!.table.sites.map((s) => [`0x${s.addr.toString(16)}`, s.symbol]));
    const wrong = golden.sites
      .filter((g) => byAddr.get(g.addr) !== g.symbol)
      .map((g) => `${g.addr} ${g.symbol} ≠ ${byAddr.get(g.addr)}`);
    expect(wrong).toEqual([]);
    expect(golden.sites.length).toBe(3738);
  });

  it('patched with the qemu64 features (paravirt pass first) equals memory after boot except the 16 return-thunk sites', () => {
    const t = img!.table;
    const features = parseFeatureList(readCaptureText(CAPTURE_61, 'qemu64/features.txt'), '6.1');
    expect(features.errors).toEqual([]);
    const decoder = createDecoder();
    const report = simulate(
      t,
      { kernel: '6.1', loop: defaultLoop('6.1'), features: new Set(features.indices) },
      decoder,
    );
    decoder.dispose();
    expect(report.diagnostics).toEqual([]);
    expect(report.passes?.length).toBe(3679);
    const expected = readCaptureJson<CaptureExpectedJson>(CAPTURE_61, 'qemu64/expected.json.xz');
    const golden = readCaptureJson<GoldenJson>(CAPTURE_61, 'qemu64/golden.json.xz');
    const paravirtSites = new Set(
      golden.sites
        .filter((g) => g.other_patchers?.some((o) => o.kind === 'paravirt'))
        .map((g) => g.addr),
    );
    expect(paravirtSites.size).toBe(2261);
    const differ: string[] = [];
    let touched = 0;
    for (const s of report.sites) {
      const key = `0x${s.addr.toString(16)}`;
      if (expected[key]!.touched_by_other_patchers) touched++;
      if (hex(s.final) !== expected[key]!.final) differ.push(s.symbol ?? key);
    }
    expect(touched).toBe(2277);
    expect(differ.length).toBe(16);
    expect(differ.every((n) => n.startsWith('__x86_indirect_thunk_'))).toBe(true);
  });

  it("the paravirt pass writes what the log's old_insn shows at all 2,261 sites it shares with alternatives", () => {
    const t = img!.table;
    const decoder = createDecoder();
    const report = simulate(t, { kernel: '6.1', loop: 'multi-pass', features: new Set() }, decoder);
    decoder.dispose();
    const after = new Map(report.passes!.map((r) => [`0x${r.addr.toString(16)}`, hex(r.after)]));
    const golden = readCaptureJson<GoldenJson>(CAPTURE_61, 'qemu64/golden.json.xz');
    const wrong: string[] = [];
    let n = 0;
    for (const g of golden.sites) {
      if (!g.other_patchers?.some((o) => o.kind === 'paravirt') || !g.log.old_insn) continue;
      n++;
      if (!g.log.old_insn.startsWith(after.get(g.addr) ?? '?')) wrong.push(`${g.addr} ${g.symbol}`);
    }
    expect(n).toBeGreaterThan(2000);
    expect(wrong).toEqual([]);
  });
});
