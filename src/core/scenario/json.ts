/**
 * The JSON interchange form of a scenario (issue 2 §3): what the CLI reads and tools write.
 *
 * Defaults: `instrlen` = the site's `bytes` length; `flags` = none; replacement addresses, when
 * `repl_addr` is absent, follow the previous replacement (starting at 0xffffffff82800000, as
 * `.altinstr_replacement` is laid out) — the text format uses the same rule.
 * Errors are diagnostics naming the JSON path and its line:column; nothing throws.
 */
import type {
  Addr,
  AltEntry,
  AltTable,
  Diagnostic,
  FeatureIndex,
  KernelVersion,
  MemoryRange,
  KernelSymbol,
  Site,
} from '../model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT, KERNEL_VERSIONS, toAddr } from '../model';
import { resolveScenarioFeature } from './feature';
import type { JsonPath } from './jsonLocate';
import { formatJsonPath, locateJsonPath, positionAt } from './jsonLocate';
import { readParavirtSites } from './jsonParavirt';
import { toScenarioJson } from './jsonWrite';
import type { ScenarioParse } from './text';

export { toScenarioJson };

export const SCENARIO_FORMAT = 'altscope-scenario';
export const SCENARIO_VERSION = 1;
const DEFAULT_REPLACEMENT_BASE = 0xffffffff82800000n;
/** Enough to find the problem; a file with more is not worth listing in full. */
const MAX_DIAGNOSTICS = 100;

type Obj = Record<string, unknown>;
/** `path` + `key`: built only when a diagnostic needs it (a kernel's scenario has 6,000 sites). */
const at = (path: JsonPath, key: string | undefined): JsonPath =>
  key === undefined ? path : [...path, key];

/** Hex digit values by ASCII code; 255 for anything else. */
const HEX_DIGIT = new Uint8Array(128).fill(255);
for (let d = 0; d < 16; d++) {
  HEX_DIGIT['0123456789abcdef'.charCodeAt(d)] = d;
  HEX_DIGIT['0123456789ABCDEF'.charCodeAt(d)] = d;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Reader {
  readonly problems: { path: JsonPath; message: string; severity: 'error' | 'warning' }[] = [];
  error(path: JsonPath, message: string): void {
    if (this.problems.length < MAX_DIAGNOSTICS)
      this.problems.push({ path, message, severity: 'error' });
  }
  warn(path: JsonPath, message: string): void {
    if (this.problems.length < MAX_DIAGNOSTICS)
      this.problems.push({ path, message, severity: 'warning' });
  }
  /** `key`, when given, is appended to `path` only if there is a problem to report. */
  addr(v: unknown, path: JsonPath, key?: string): Addr | undefined {
    if (typeof v === 'string') {
      const t = v.trim();
      if (/^(0x)?[0-9a-f]{1,16}$/i.test(t))
        return toAddr(BigInt(t[1] === 'x' || t[1] === 'X' ? t : `0x${t}`));
    }
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return toAddr(v);
    this.error(
      at(path, key),
      `expected an address like "0xffffffff81000000", got ${JSON.stringify(v)}`,
    );
    return undefined;
  }
  hex(v: unknown, path: JsonPath, key?: string): Uint8Array | undefined {
    if (typeof v !== 'string') {
      this.error(at(path, key), `expected hex bytes like "0f 1f 00", got ${JSON.stringify(v)}`);
      return undefined;
    }
    // Scenarios written by tools have no spaces: read those digit pairs straight from the table.
    if (v.length % 2 === 0) {
      const out = new Uint8Array(v.length / 2);
      let i = 0;
      for (; i < out.length; i++) {
        const hi = HEX_DIGIT[v.charCodeAt(2 * i) & 0x7f] as number;
        const lo = HEX_DIGIT[v.charCodeAt(2 * i + 1) & 0x7f] as number;
        if ((hi | lo) > 15 || v.charCodeAt(2 * i) > 0x7f || v.charCodeAt(2 * i + 1) > 0x7f) break;
        out[i] = (hi << 4) | lo;
      }
      if (i === out.length) return out;
    }
    const s = v.replace(/\s+/g, '');
    const bad = /[^0-9a-f]/i.exec(s);
    if (bad || s.length % 2) {
      this.error(
        at(path, key),
        bad ? `'${bad[0]}' is not a hex digit` : `odd number of hex digits (${s.length})`,
      );
      return undefined;
    }
    const out = new Uint8Array(s.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  array(v: unknown, path: JsonPath, what: string): unknown[] {
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    this.error(path, `expected an array of ${what}`);
    return [];
  }
}

function readFlags(r: Reader, v: unknown, parent: JsonPath, key: string): number {
  if (v === undefined) return 0;
  const path = at(parent, key);
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff) return v;
  if (!Array.isArray(v)) {
    r.error(path, 'expected flags as ["NOT", "DIRECT_CALL"] or a number 0..0xffff');
    return 0;
  }
  let flags = 0;
  v.forEach((f, i) => {
    const name = typeof f === 'string' ? f.toUpperCase().replace(/^ALT_FLAG_/, '') : '';
    if (name === 'NOT') flags |= ALT_FLAG_NOT;
    else if (name === 'DIRECT_CALL') flags |= ALT_FLAG_DIRECT_CALL;
    else r.error([...path, i], `unknown flag ${JSON.stringify(f)} (expected NOT or DIRECT_CALL)`);
  });
  return flags;
}

function readFeature(
  r: Reader,
  v: unknown,
  parent: JsonPath,
  key: string | undefined,
  kernel: KernelVersion,
): FeatureIndex | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') {
    r.error(at(parent, key), 'expected a feature name or number ("XSAVEOPT", "10*32+0", 320)');
    return undefined;
  }
  const res = resolveScenarioFeature(String(v).trim(), kernel);
  if (!res.ok) r.error(at(parent, key), res.message);
  return res.ok ? res.index : undefined;
}

function readSite(
  r: Reader,
  v: unknown,
  i: number,
  kernel: KernelVersion,
  next: { repl: bigint; index: number },
): Site | undefined {
  const path = ['sites', i];
  if (!isObj(v)) return void r.error(path, 'expected a site object {"addr", "bytes", "entries"}');
  const addr = r.addr(v.addr, path, 'addr');
  const original = r.hex(v.bytes, path, 'bytes');
  const rawEntries = r.array(v.entries, [...path, 'entries'], 'entries');
  if (rawEntries.length === 0) r.error([...path, 'entries'], 'a site needs at least one entry');
  if (addr === undefined || !original) return undefined;
  const entries: AltEntry[] = [];
  let maxLen = 0;
  rawEntries.forEach((e, k) => {
    const ep = [...path, 'entries', k];
    if (!isObj(e)) return void r.error(ep, 'expected an entry object {"feature", "repl"}');
    const cpuid = readFeature(r, e.feature, ep, 'feature', kernel);
    const flags = readFlags(r, e.flags, ep, 'flags');
    const replacement = r.hex(e.repl ?? '', ep, 'repl');
    let instrlen = original.length;
    if (e.instrlen !== undefined) {
      if (
        typeof e.instrlen === 'number' &&
        Number.isInteger(e.instrlen) &&
        e.instrlen >= 0 &&
        e.instrlen <= 255
      )
        instrlen = e.instrlen;
      else r.error([...ep, 'instrlen'], 'expected instrlen as a number 0..255 (a u8 field)');
    }
    if (instrlen > original.length) {
      r.error(
        [...ep, 'instrlen'],
        `instrlen ${instrlen} is longer than the site's bytes (${original.length})`,
      );
    }
    maxLen = Math.max(maxLen, instrlen);
    const repl =
      e.repl_addr === undefined ? toAddr(next.repl) : r.addr(e.repl_addr, ep, 'repl_addr');
    if (replacement && replacement.length > 255)
      r.error(
        [...ep, 'repl'],
        `replacement is ${replacement.length} bytes; replacementlen is a u8 (max 255)`,
      );
    if (cpuid === undefined || !replacement || repl === undefined) return;
    next.repl = repl + BigInt(replacement.length);
    entries.push({
      instr: addr,
      repl,
      cpuid,
      flags,
      instrlen,
      replacementlen: replacement.length,
      replacement,
      tableIndex: next.index++,
    });
  });
  if (entries.length && maxLen < original.length) {
    r.error(
      [...path, 'bytes'],
      `the site has ${original.length} bytes but its longest instrlen is ${maxLen}`,
    );
  }
  if (entries.length !== rawEntries.length || entries.length === 0) return undefined;
  const site: Site = { addr, original, entries };
  if (typeof v.symbol === 'string') site.symbol = v.symbol;
  else if (v.symbol !== undefined)
    r.error([...path, 'symbol'], 'expected the symbol as a string like "func+0x43/0xa0"');
  return site;
}

/**
 * Parse a JSON scenario. `file` is only copied into diagnostic locations; `kernel`, when given,
 * replaces the document's profile for resolving feature names (see parseTextScenario).
 */
export function parseJsonScenario(
  text: string,
  file?: string,
  kernelOverride?: KernelVersion,
): ScenarioParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // A path no document has: the scanner walks everything and stops at the syntax error.
    const where = locateJsonPath(text, ['\u0000']);
    const pos = positionAt(text, where.offset);
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'json-syntax',
          message: `invalid JSON: ${where.syntaxError ?? 'syntax error'}`,
          location: { kind: 'text', line: pos.line, column: pos.column, ...(file ? { file } : {}) },
        },
      ],
    };
  }
  const r = new Reader();
  const table = readDocument(r, doc, kernelOverride);
  const diagnostics: Diagnostic[] = r.problems.map((p) => {
    const pos = positionAt(text, locateJsonPath(text, p.path).offset);
    return {
      severity: p.severity,
      code: p.severity === 'error' ? 'scenario-json' : 'scenario-json-warning',
      message: `${formatJsonPath(p.path)}: ${p.message}`,
      location: { kind: 'text', line: pos.line, column: pos.column, ...(file ? { file } : {}) },
    };
  });
  return diagnostics.some((d) => d.severity === 'error') || !table
    ? { diagnostics }
    : { table, diagnostics };
}

function readDocument(
  r: Reader,
  doc: unknown,
  kernelOverride: KernelVersion | undefined,
): AltTable | undefined {
  if (!isObj(doc))
    return void r.error([], 'expected a JSON object {"format": "altscope-scenario", …}');
  if (doc.format !== SCENARIO_FORMAT)
    r.error(['format'], `expected "format": "${SCENARIO_FORMAT}"`);
  if (doc.version !== SCENARIO_VERSION) {
    r.error(
      ['version'],
      typeof doc.version === 'number' && doc.version > SCENARIO_VERSION
        ? `version ${doc.version} is newer than this altscope understands (${SCENARIO_VERSION})`
        : `expected "version": ${SCENARIO_VERSION}`,
    );
  }
  const declared = (KERNEL_VERSIONS as readonly unknown[]).includes(doc.kernel)
    ? (doc.kernel as KernelVersion)
    : undefined;
  const kernel = declared && (kernelOverride ?? declared);
  if (!kernel)
    return void r.error(
      ['kernel'],
      `expected "kernel": one of ${KERNEL_VERSIONS.map((k) => `"${k}"`).join(', ')}`,
    );
  const features: FeatureIndex[] = [];
  r.array(doc.features, ['features'], 'features').forEach((f, i) => {
    const idx = readFeature(r, f, ['features', i], undefined, kernel);
    if (idx !== undefined) features.push(idx);
  });
  const symbols: KernelSymbol[] = [];
  r.array(doc.symbols, ['symbols'], 'symbols').forEach((s, i) => {
    if (!isObj(s) || typeof s.name !== 'string')
      return void r.error(['symbols', i], 'expected {"name": "…", "addr": "0x…"}');
    const addr = r.addr(s.addr, ['symbols', i], 'addr');
    if (addr !== undefined) symbols.push({ name: s.name, addr });
  });
  const memory: MemoryRange[] = [];
  r.array(doc.memory, ['memory'], 'memory ranges').forEach((m, i) => {
    if (!isObj(m)) return void r.error(['memory', i], 'expected {"addr": "0x…", "bytes": "hex"}');
    const addr = r.addr(m.addr, ['memory', i], 'addr');
    const bytes = r.hex(m.bytes, ['memory', i], 'bytes');
    if (addr !== undefined && bytes) memory.push({ addr, bytes });
  });
  const next = { repl: DEFAULT_REPLACEMENT_BASE, index: 0 };
  const sites: Site[] = [];
  r.array(doc.sites, ['sites'], 'sites').forEach((s, i) => {
    const site = readSite(r, s, i, kernel, next);
    if (site) sites.push(site);
  });
  const paravirt = readParavirtSites(r, doc.paravirt);
  return { kernel, sites, memory, symbols, features, ...(paravirt.length ? { paravirt } : {}) };
}
