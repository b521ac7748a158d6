import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeature } from '../../core/features';
import { createDefaultShareState, decodePermalink } from '../../permalink';
import type { ShareState } from '../../permalink';
import { DEFAULT_LINK_BASE, LINK_USAGE, runLink } from './link';
import type { LinkIo } from './link';

const XSAVE = `kernel 7.2
site 0xffffffff81283cd3 save_fpregs_to_fpstate+0x43/0xa0
  orig 49 0f ae 64 24 40
  alt XSAVEOPT 49 0f ae 74 24 40
`;
const JSON_612 = '{"format":"altscope-scenario","version":1,"kernel":"6.12","sites":[]}';

const parseFeatureMessage = (name: string): string => {
  const r = parseFeature(name, '7.2');
  if (r.ok) throw new Error(`${name} is a known feature`);
  return r.message;
};

async function run(
  argv: string[],
  files: Record<string, string | Uint8Array> = {},
  env: LinkIo['env'] = {},
) {
  let stdout = '';
  let stderr = '';
  const io: LinkIo = {
    readFile(path) {
      const f = files[path];
      if (f === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env,
  };
  const code = await runLink(argv, io);
  return { code, stdout, stderr };
}

/** Decodes the printed link back, to prove the command and the app share the codec. */
function stateOf(stdout: string, base = DEFAULT_LINK_BASE): ShareState {
  expect(stdout.startsWith(`${base}#v1=`)).toBe(true);
  const res = decodePermalink(stdout.trim().slice(base.length));
  if (!res.ok) throw new Error(res.error.message);
  return res.state;
}

describe('altscope link', () => {
  it('links a text scenario with defaults for everything else', async () => {
    const r = await run(['x.alt'], { 'x.alt': XSAVE });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(stateOf(r.stdout)).toEqual({ ...createDefaultShareState(), scenario: XSAVE });
  });

  it('carries features as typed, kernel, engine, sites and syntax', async () => {
    const r = await run(
      [
        'x.alt',
        '--features',
        'XSAVEC, x86_feature_xsaves 10*32+1',
        '--features=@cpu.txt',
        '--kernel',
        '6.12',
        '--engine=single-pass',
        '--site',
        '0xffffffff81283cd3',
        '--site',
        '.text+0x40',
        '--syntax',
        'intel',
        '--base',
        'https://example.org/altscope/#old',
      ],
      { 'x.alt': XSAVE, 'cpu.txt': '# from a test box\nXSAVEOPT\n\n  xenpv  # paravirt\n' },
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(stateOf(r.stdout, 'https://example.org/altscope/')).toEqual({
      scenario: XSAVE,
      features: ['XSAVEC', 'x86_feature_xsaves', '10*32+1', 'XSAVEOPT', 'xenpv'],
      kernel: '6.12',
      engine: 'single-pass',
      site: '0xffffffff81283cd3',
      sites: ['.text+0x40'],
      view: { syntax: 'intel', teachingMode: false, compareLoops: false },
    });
  });

  it("takes the profile and its loop from the scenario's kernel when --kernel is absent", async () => {
    const json = await run(['s.json'], { 's.json': JSON_612 });
    expect(stateOf(json.stdout)).toMatchObject({
      kernel: '6.12',
      engine: 'multi-pass',
      scenario: JSON_612,
    });
    const text = await run(['s.alt'], { 's.alt': '# old box\nkernel 6.12\n' });
    expect(stateOf(text.stdout)).toMatchObject({ kernel: '6.12', engine: 'multi-pass' });
  });

  it('links only the chosen sites of a vmlinux, named by address, %pS or function', async () => {
    const elf = new Uint8Array(
      readFileSync(new URL('../../../fixtures/binary/mini-alt.elf', import.meta.url)),
    );
    const r = await run(
      ['vmlinux', '--site', 'site_xsave', '--site', '0x401060', '--site', 'site_xsave+0x0/0x10'],
      {
        vmlinux: elf,
      },
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const state = stateOf(r.stdout);
    expect(state).toMatchObject({
      kernel: '7.2',
      engine: 'single-pass',
      site: '0x401050',
      sites: ['0x401060'],
    });
    const doc = JSON.parse(state.scenario!) as {
      format: string;
      sites: { addr: string; symbol: string }[];
    };
    expect(doc.format).toBe('altscope-scenario');
    expect(doc.sites.map((s) => [s.addr, s.symbol])).toEqual([
      ['0x401050', 'site_xsave+0x0/0x10'],
      ['0x401060', 'site_not+0x0/0x10'],
    ]);
    // The build the sites came from travels with them.
    expect(state.banner).toBe('Linux version 7.2.0-altscope-fixture (gcc) #1 SMP');
  });

  it('points at ALTSCOPE_PUBLIC_URL when set, and --base overrides it', async () => {
    const env = { ALTSCOPE_PUBLIC_URL: 'https://altscope.example.org/app/' };
    const r = await run(['x.alt'], { 'x.alt': XSAVE }, env);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(stateOf(r.stdout, 'https://altscope.example.org/app/').scenario).toBe(XSAVE);
    const b = await run(['x.alt', '--base', 'https://mirror.example/'], { 'x.alt': XSAVE }, env);
    expect(stateOf(b.stdout, 'https://mirror.example/').scenario).toBe(XSAVE);
    // Empty means unset: the dev server.
    const d = await run(['x.alt'], { 'x.alt': XSAVE }, { ALTSCOPE_PUBLIC_URL: ' ' });
    expect(stateOf(d.stdout).scenario).toBe(XSAVE);
    expect(stateOf(d.stdout).banner).toBeUndefined();
    expect(
      await run(['x.alt'], { 'x.alt': XSAVE }, { ALTSCOPE_PUBLIC_URL: 'example.org' }),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'altscope link: ALTSCOPE_PUBLIC_URL is not an absolute URL: "example.org" (or pass --base URL)\n',
    });
  });

  it('asks which sites of a vmlinux to link, and names a site it cannot find', async () => {
    const elf = new Uint8Array(
      readFileSync(new URL('../../../fixtures/binary/mini-alt.elf', import.meta.url)),
    );
    expect(await run(['vmlinux'], { vmlinux: elf })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'altscope link: vmlinux: a kernel image has 4 sites, too many for a link; choose the ones to share with --site ADDR|SYMBOL\n',
    });
    expect((await run(['vmlinux', '--site', 'nosuch'], { vmlinux: elf })).stderr).toBe(
      'altscope link: vmlinux: no alternatives site matches --site nosuch\n',
    );
  });

  it('reports a damaged ELF with the reader message', async () => {
    const r = await run(['vmlinux', '--site', '0x10'], {
      vmlinux: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
    });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'altscope link: vmlinux: ELF header at offset 0 (64 bytes) is past the end of the file (size 8)\n',
    });
  });

  it('refuses other binary and non-UTF-8 files', async () => {
    const nul = await run(['log.bin'], { 'log.bin': new Uint8Array([0x41, 0, 0x42]) });
    expect(nul.stderr).toBe(
      "altscope link: log.bin: is a binary file (it contains NUL bytes); a link carries a scenario, not a binary. Extract the sites to share with 'altscope scenario log.bin --sites PATTERN > sites.json', then link that file\n",
    );
    const latin1 = await run(['s.alt'], { 's.alt': new Uint8Array([0x6b, 0xe9, 0x0a]) });
    expect(latin1).toEqual({
      code: 2,
      stdout: '',
      stderr: 'altscope link: s.alt: is not UTF-8 text (expected a text or JSON scenario)\n',
    });
  });

  it('refuses a scenario too large for a link', async () => {
    const r = await run(['big.alt'], { 'big.alt': '#'.repeat(1 << 20) });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'altscope link: big.alt: the shared state is 1048591 bytes of JSON; a permalink holds at most 1048576\n',
    });
  });

  it('refuses feature names the chosen kernel does not know, naming each', async () => {
    expect(
      await run(['x.alt', '--features', 'XSAVEC,NOSUCH', '--features', '99*32+0'], {
        'x.alt': XSAVE,
      }),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'altscope link: --features: unknown feature "NOSUCH" (kernel 7.2)\n',
        `altscope link: --features: ${parseFeatureMessage('99*32+0')} (kernel 7.2)\n`,
      ].join(''),
    });
  });

  it('reports a missing file', async () => {
    expect(await run(['nope.alt'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "altscope link: ENOENT: no such file or directory, open 'nope.alt'\n",
    });
  });

  it.each([
    [[], 'missing <input>'],
    [['a', 'b'], 'one <input> expected, got 2'],
    [['a', '--kernel', '6.6'], "--kernel must be 6.1 or 6.12 or 7.2 or 7.3, not '6.6'"],
    [['a', '--engine', 'both'], "--engine must be single-pass or multi-pass, not 'both'"],
    [['a', '--syntax', 'masm'], "--syntax must be att or intel, not 'masm'"],
    [['a', '--site'], '--site needs a value'],
    [['a', '--json'], 'unknown option --json'],
  ])('rejects usage %j', async (argv, message) => {
    expect(await run(argv, { a: XSAVE })).toEqual({
      code: 2,
      stdout: '',
      stderr: `altscope link: ${message}\n${LINK_USAGE}`,
    });
  });

  it('prints its usage on --help', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, stdout: LINK_USAGE, stderr: '' });
  });
});
