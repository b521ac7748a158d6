import { parseFeature } from '../../core/features';
import { KERNEL_VERSIONS, PATCH_LOOPS, defaultLoop } from '../../core/model';
import type { KernelVersion, PatchLoop } from '../../core/model';
import { buildLink, createDefaultShareState } from '../../permalink';
import { readPublicUrl, type PublicUrlRead } from '../../permalink/publicUrl';
import type { AsmSyntax, ShareState } from '../../permalink';
import { extractElfSites } from './linkElf';

/**
 * `altscope link <input> [--features LIST|@FILE] [--kernel 6.1|6.12|7.2|7.3] [--engine single-pass|multi-pass]
 * [--site ADDR]… [--syntax att|intel] [--base URL]`: prints a permalink that opens the web app on
 * this scenario, through the same codec the app uses, so scripts and reviewers can make links.
 *
 * A vmlinux carries only the sites chosen with --site (linkElf.ts). Other binary inputs (.ko,
 * vmlinuz, boot logs) are refused with a pointer to `altscope scenario`, which extracts sites
 * as a JSON scenario that can be linked; a whole kernel does not fit in a URL.
 */

/**
 * What the command needs from its host, passed in so tests run it in-process. The same shape as
 * the CLI's shared `CliIo` (src/cli/io.ts), kept here so this command stands alone.
 */
export interface LinkIo {
  readFile(path: string): Uint8Array | Promise<Uint8Array>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The environment, for `ALTSCOPE_PUBLIC_URL`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The base URL links point at without `--base` or `ALTSCOPE_PUBLIC_URL`: the dev server. */
export const DEFAULT_LINK_BASE = 'http://127.0.0.1:5173/';

/** Where the published app lives (the variable `vite build` reads too), else the dev server. */
export function defaultLinkBase(env: LinkIo['env']): PublicUrlRead {
  const r = readPublicUrl(env?.['ALTSCOPE_PUBLIC_URL']);
  return r.ok && r.url === '' ? { ok: true, url: DEFAULT_LINK_BASE } : r;
}

export const LINK_USAGE = `usage: altscope link <input> [--features LIST|@FILE] [--kernel 6.1|6.12|7.2|7.3]
                     [--engine single-pass|multi-pass] [--site ADDR]... [--syntax att|intel]
                     [--base URL]
Prints a permalink (BASE#v1=…) that opens the web app on <input>, a text or JSON scenario,
with those features, profile, patch loop and selected site(s). The first --site is the focused
site; further ones are also selected. For a vmlinux, --site (an address, a %pS name or a
function name) is required and only those sites are carried, as a JSON scenario, with the
image's linux_banner (shown when the link is opened).
  --base URL   where the app is published; default $ALTSCOPE_PUBLIC_URL, else ${DEFAULT_LINK_BASE}
`;

interface LinkArgs {
  input: string;
  features: string[];
  featureFiles: string[];
  kernel?: KernelVersion;
  engine?: PatchLoop;
  sites: string[];
  syntax: AsmSyntax;
  base: string;
  /** The vmlinux's `linux_banner`, for links made from an image. */
  banner?: string;
}

class UsageError extends Error {}

const OPTIONS = ['--features', '--kernel', '--engine', '--syntax', '--site', '--base'];

/** Exit status for bad usage or bad input (nothing on stdout), as for every altscope command. */
const EXIT_BAD_INPUT = 2;

/** Runs the command; returns the exit code (0 ok, 2 bad usage or input). Never throws. */
export async function runLink(argv: readonly string[], io: LinkIo): Promise<number> {
  let args: LinkArgs | 'help';
  try {
    args = parseLinkArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`altscope link: ${e.message}\n${LINK_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  if (args === 'help') {
    io.stdout(LINK_USAGE);
    return 0;
  }
  if (args.base === '') {
    const base = defaultLinkBase(io.env);
    if (!base.ok) {
      io.stderr(`altscope link: ${base.message} (or pass --base URL)\n`);
      return EXIT_BAD_INPUT;
    }
    args.base = base.url;
  }
  try {
    const input = await io.readFile(args.input);
    if (isElf(input)) {
      const elf = extractElfSites(args.input, input, args.sites, args.kernel);
      if (!elf.ok) {
        io.stderr(`altscope link: ${elf.message}\n`);
        return EXIT_BAD_INPUT;
      }
      // The link names the chosen sites by address, whatever form --site took.
      args = { ...args, kernel: elf.kernel, sites: elf.siteAddrs };
      if (elf.banner !== undefined) args.banner = elf.banner;
      return await printLink(args, elf.scenario, io);
    }
    const scenario = decodeScenarioFile(args.input, input);
    if (typeof scenario !== 'string') {
      io.stderr(`altscope link: ${scenario.error}\n`);
      return EXIT_BAD_INPUT;
    }
    return await printLink(args, scenario, io);
  } catch (e) {
    // Only file-system errors reach here (missing file, permission).
    io.stderr(`altscope link: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_BAD_INPUT;
  }
}

async function printLink(args: LinkArgs, scenario: string, io: LinkIo): Promise<number> {
  const features = [...args.features];
  for (const file of args.featureFiles) features.push(...readFeatureList(await io.readFile(file)));
  const state = buildShareState(args, scenario, features);
  const unknown = checkFeatureNames(state);
  if (unknown.length > 0) {
    io.stderr(unknown.map((m) => `altscope link: --features: ${m}\n`).join(''));
    return EXIT_BAD_INPUT;
  }
  const link = buildLink(args.base, state);
  if (!link.ok) {
    io.stderr(`altscope link: ${args.input}: ${link.error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  io.stdout(`${link.url}\n`);
  return 0;
}

function buildShareState(args: LinkArgs, scenario: string, features: string[]): ShareState {
  const state = createDefaultShareState();
  state.scenario = scenario;
  state.features = features;
  // The scenario names its kernel; the link says it too, so the app opens on the same profile.
  state.kernel = args.kernel ?? readScenarioKernel(scenario) ?? state.kernel;
  state.engine = args.engine ?? defaultLoop(state.kernel);
  const [site, ...more] = args.sites;
  if (site !== undefined) state.site = site;
  state.sites = more;
  state.view.syntax = args.syntax;
  if (args.banner !== undefined) state.banner = args.banner;
  return state;
}

/**
 * Names stay as typed in the link (the app shows them as the user wrote them), but a name the
 * chosen kernel does not know would open a link that fails, so it is refused here.
 */
function checkFeatureNames(state: ShareState): string[] {
  return state.features.flatMap((name) => {
    const r = parseFeature(name, state.kernel);
    return r.ok ? [] : [`${r.message} (kernel ${state.kernel})`];
  });
}

function parseLinkArgs(argv: readonly string[]): LinkArgs | 'help' {
  const args: LinkArgs = {
    input: '',
    features: [],
    featureFiles: [],
    sites: [],
    syntax: 'att',
    base: '', // not given: defaultLinkBase()
  };
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('--') || arg === '-') {
      inputs.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!OPTIONS.includes(name)) throw new UsageError(`unknown option ${name}`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    if (name === '--features') {
      if (value.startsWith('@')) args.featureFiles.push(value.slice(1));
      else args.features.push(...splitFeatureList(value));
    } else if (name === '--kernel') args.kernel = pickChoice(name, value, KERNEL_VERSIONS);
    else if (name === '--engine') args.engine = pickChoice(name, value, PATCH_LOOPS);
    else if (name === '--syntax')
      args.syntax = pickChoice<AsmSyntax>(name, value, ['att', 'intel']);
    else if (name === '--site') args.sites.push(value);
    else args.base = value;
  }
  if (inputs.length !== 1)
    throw new UsageError(
      inputs.length === 0 ? 'missing <input>' : `one <input> expected, got ${inputs.length}`,
    );
  args.input = inputs[0]!;
  return args;
}

function pickChoice<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be ${choices.join(' or ')}, not '${value}'`);
}

const splitFeatureList = (list: string): string[] => list.split(/[\s,]+/).filter((f) => f !== '');

/** `@FILE`: one feature per line; blank lines and `#` comments skipped. */
function readFeatureList(bytes: Uint8Array): string[] {
  return new TextDecoder()
    .decode(bytes)
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
}

/** The scenario text, or why this file cannot be carried in a link. */
function decodeScenarioFile(path: string, bytes: Uint8Array): string | { error: string } {
  const kind = detectBinaryKind(bytes);
  if (kind) {
    return {
      error:
        `${path}: is ${kind}; a link carries a scenario, not a binary. ` +
        `Extract the sites to share with 'altscope scenario ${path} --sites PATTERN > sites.json', then link that file`,
    };
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { error: `${path}: is not UTF-8 text (expected a text or JSON scenario)` };
  }
}

function isElf(bytes: Uint8Array): boolean {
  return bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

function detectBinaryKind(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, 4);
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46)
    return 'an ELF file';
  if (bytes.indexOf(0) >= 0) return 'a binary file (it contains NUL bytes)';
  return undefined;
}

/** The profile a scenario names: `"kernel":"6.12"` in JSON, or a `kernel 6.12` statement in text. */
function readScenarioKernel(scenario: string): KernelVersion | undefined {
  const found = /^\s*kernel\s+(\S+)/m.exec(scenario) ?? /"kernel"\s*:\s*"([^"]*)"/.exec(scenario);
  const k = found?.[1];
  return (KERNEL_VERSIONS as readonly string[]).includes(k ?? '')
    ? (k as KernelVersion)
    : undefined;
}
