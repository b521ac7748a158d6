import { describe, expect, it } from 'vitest';
import { formatReportText } from '../core/review/reportText';
import { runCli } from '../cli/testing';
import { createDisassembler } from '../disasm/node';
import { selectSitesToCopy } from './copySites';
import { createReportSelector } from './report';
import {
  filterSites,
  selectDisassembler,
  selectEffectiveFeatures,
  selectKernel,
  selectLoop,
} from './selectors';
import { createTestApp, decoder } from './testDeps.testutil';

const XSAVEC = 10 * 32 + 1;

function appWithReport() {
  const app = createTestApp();
  app.store.setState({ disassembler: createDisassembler() });
  const reports = createReportSelector(app.deps.simulate);
  const report = () => {
    const s = app.store.getState();
    return reports.select({
      table: s.table!,
      kernel: selectKernel(s),
      loop: selectLoop(s),
      features: selectEffectiveFeatures(s),
      decoder,
    });
  };
  const listed = () => {
    const s = app.store.getState();
    return filterSites(report(), s, { kernel: selectKernel(s), disassembler: null, syntax: 'att' });
  };
  /** The clipboard text, built as the app builds it. */
  const copied = () => {
    const s = app.store.getState();
    const choice = selectSitesToCopy(report(), listed(), s.shared);
    const text = formatReportText(report(), choice.positions, s.table!, selectDisassembler(s)!, {
      syntax: s.syntax,
    });
    return { choice, text };
  };
  return { app, report, listed, copied };
}

describe('the sites "Copy sites as text" copies', () => {
  it('copies the marked sites in table order, else the listed ones', () => {
    const { app, copied } = appWithReport();
    // The default scenario: save_fpregs_to_fpstate, read_cr2, xen_direct_call_outer.
    expect(copied().choice).toEqual({ positions: [0, 1, 2], from: 'list' });
    app.actions.setSearch('outer');
    expect(copied().choice).toEqual({ positions: [2], from: 'list' });
    // Marked sites win over the list (even those the search hides), in table order.
    app.actions.toggleSharedSite('0xffffffff81001010');
    app.actions.toggleSharedSite('0xffffffff81283cd3');
    expect(copied().choice).toEqual({ positions: [0, 2], from: 'link' });
    // Marks naming no site of this table (an old link's) leave the list in charge.
    app.actions.clearSharedSites();
    app.actions.toggleSharedSite('0xffffffff89999999');
    expect(copied().choice).toEqual({ positions: [2], from: 'list' });
  });

  it('is byte for byte what `altscope patch <input> --sites …` prints for the same sites', async () => {
    const { app, copied } = appWithReport();
    app.actions.setFeature(XSAVEC, true);
    app.actions.toggleSharedSite('0xffffffff81001010');
    app.actions.toggleSharedSite('0xffffffff81001000');
    const { text } = copied();
    const cli = await runCli(
      { 'scenario.txt': app.store.getState().text },
      'patch',
      'scenario.txt',
      // ALWAYS is on in the app (locked), so its header names it: the same command says so.
      '--features',
      'ALWAYS,XSAVEC',
      '--sites',
      'read_cr2,0xffffffff81001010',
    );
    expect(cli.status).toBe(0);
    expect(text).toBe(cli.stdout);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'kernel 7.2, single-pass; features: ALWAYS XSAVEC',
      '',
      'site 0xffffffff81001000 read_cr2  len 6',
      '  old      ff 15 3a f0 9f 01              call *0x19ff03a(%rip)  # ffffffff82a00040',
    ]);
    // The whole list (no marks), in Intel syntax, matches the CLI's whole report too.
    app.actions.clearSharedSites();
    app.actions.setSyntax('intel');
    const all = await runCli(
      { 'scenario.txt': app.store.getState().text },
      'patch',
      'scenario.txt',
      '--features',
      'ALWAYS,XSAVEC',
      '--syntax',
      'intel',
    );
    expect(copied().text).toBe(all.stdout);
  });
});
