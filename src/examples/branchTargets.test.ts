/**
 * The same bytes must name the same target wherever they are shown: the editor's inline
 * disassembly, the site columns and the timeline, for every relative branch of every built-in
 * example (issue 14: the editor decoded at address 0, the timeline's pre-relocation steps at the
 * site).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseFeatureList } from '../core/features';
import type { Site } from '../core/model';
import { simulate } from '../core/patch/simulate';
import type { SiteResult } from '../core/patch/report';
import type { Timeline } from '../core/review';
import { buildTimeline } from '../core/review';
import { parseTextScenario } from '../core/scenario/text';
import { createReviewDeps } from '../disasm/reviewDeps';
import { disassembleLines } from '../ui/editor/inlineDisassembly';
import type { SiteColumn } from '../ui/site/columns';
import { buildColumns } from '../ui/site/columns';
import { EXAMPLES } from './index';
import { createAssembler } from '../disasm/asm';

const deps = createReviewDeps('7.2');
afterAll(() => deps.dispose());
const dis = deps.disassembler!;
const assembler = createAssembler();

/** `call 0x…`, `jmp 0x…`, `jne 0x…`: the printed target of a relative branch, else null. */
const BRANCH = /^(call|jmp|j[a-z]{1,3}) (0x[0-9a-f]+)$/;
const targets = (texts: readonly string[]) =>
  texts.flatMap((t) => t.split('; ')).flatMap((t) => (BRANCH.exec(t) ? [t] : []));

const col = (cols: SiteColumn[], key: string) =>
  targets(cols.find((c) => c.key === key)!.insns.map((i) => i.text));

const inRange = (addr: bigint, start: bigint, len: number) =>
  addr >= start && addr < start + BigInt(len);

interface Views {
  inline: { line: number; addr: bigint; text: string }[];
  site: Site;
  result: SiteResult;
  cols: SiteColumn[];
  timeline: Timeline;
}

/** Every view of every site of every example × run × CPU. */
function* allViews(): Generator<[string, Views]> {
  for (const ex of EXAMPLES)
    for (const run of ex.runs)
      for (const cpu of ex.cpus) {
        const parse = parseTextScenario(ex.text, undefined, run.kernel, { assembler });
        const table = parse.table!;
        const lineText = new Map(
          disassembleLines(ex.text, run.kernel, dis, 'att').map((l) => [l.line, l.text]),
        );
        const inline = (parse.byteLines ?? []).map((l) => ({
          line: l.line,
          addr: l.addr!,
          text: lineText.get(l.line)!,
        }));
        const features = new Set(parseFeatureList(cpu.features.join(','), run.kernel).indices);
        const report = simulate(
          table,
          { kernel: run.kernel, loop: run.engine, features },
          deps.decoder,
        );
        for (const [i, site] of table.sites.entries()) {
          const result = report.sites[i]!;
          const cols = buildColumns(result, site.entries, dis, 'att');
          const timeline = buildTimeline(site, result, run.engine, deps);
          const name = `${ex.id} ${run.kernel} ${run.engine} ${cpu.name} site 0x${site.addr.toString(16)}`;
          yield [name, { inline, site, result, cols, timeline }];
        }
      }
}

describe('relative branch targets agree across the editor, the columns and the timeline', () => {
  const cases = [...allViews()];

  it('covers relative branches in original, replacement and final bytes', () => {
    const count = (key: string) => cases.reduce((n, [, v]) => n + col(v.cols, key).length, 0);
    const replacements = cases.reduce(
      (n, [, v]) => n + v.site.entries.reduce((m, _, k) => m + col(v.cols, `entry-${k}`).length, 0),
      0,
    );
    // Counted over the examples as they are; a new example with branches changes these.
    expect(replacements).toBe(26);
    expect(count('final')).toBe(14);
  });

  it.each(cases)('%s', (_name, v) => {
    const { inline, site, result, cols, timeline } = v;
    const linesIn = (start: bigint, len: number) =>
      targets(inline.filter((l) => inRange(l.addr, start, len)).map((l) => l.text));
    // Editor lines = the columns beside them (a macro site has no byte lines to compare).
    if (!site.expansion) {
      expect(linesIn(site.addr, result.len)).toEqual(col(cols, 'original'));
      site.entries.forEach((e, k) =>
        expect(linesIn(e.repl, e.replacementlen)).toEqual(col(cols, `entry-${k}`)),
      );
    }
    const stepTargets = (kind: string) =>
      timeline.steps
        .filter((s) => s.kind === kind)
        .map((s) => targets((s.afterInsns ?? []).map((i) => i.text)));
    // The last live write is the Final column.
    const writes = stepTargets('write');
    expect(writes[writes.length - 1] ?? targets(cols[0]!.insns.map((i) => i.text))).toEqual(
      col(cols, 'final'),
    );
    if (timeline.loop !== 'single-pass' || result.selected === null) return;
    const winner = col(cols, `entry-${result.selected}`);
    // Before relocation the buffer still lives at the replacement address: same targets.
    expect(stepTargets('build')).toEqual([winner]);
    const dc = result.directCall;
    const built = dc ? stepTargets('direct-call')[0]! : winner;
    expect(stepTargets('pad')[0]!.slice(0, built.length)).toEqual(built);
    if (dc && !dc.becameNops) {
      const call = `call 0x${dc.target.toString(16)}`;
      expect(stepTargets('direct-call')).toEqual([[call]]);
      expect(col(cols, 'final')[0]).toBe(call);
    } else {
      // Relocation keeps every target outside the replacement: the site calls what it called.
      const e = site.entries[result.selected]!;
      const outside = winner.filter(
        (t) => !inRange(BigInt(t.split(' ')[1]!), e.repl, e.replacementlen),
      );
      expect(col(cols, 'final').filter((t) => outside.includes(t))).toEqual(outside);
    }
    expect(stepTargets('relocate')[0]).toEqual(col(cols, 'final'));
  });

  it('decodes the paravirt DIRECT_CALL replacement at its address, as the column does', () => {
    const ex = EXAMPLES.find((e) => e.id === 'paravirt-read-cr2')!;
    const lines = disassembleLines(ex.text, '7.2', dis, 'att');
    const lineNo = ex.text.split('\n').findIndex((l) => l.includes('alt ALWAYS DIRECT_CALL')) + 1;
    expect(lines.find((l) => l.line === lineNo)?.text).toBe('call 0xffffffff81400000');
  });
});
