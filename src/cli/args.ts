/**
 * A small argv parser shared by commands: `--name value`, `--name=value`, boolean flags,
 * positionals. Unknown options are errors, so a typo never silently changes a result.
 */

export interface ParsedArgs {
  positionals: string[];
  /** Every value given for each option, in order (options may repeat). */
  values: Map<string, string[]>;
  flags: Set<string>;
}

export interface ArgSpec {
  /** Options taking a value, without `--`. */
  valued: readonly string[];
  /** Options without a value, without `--`. */
  boolean: readonly string[];
}

export type ArgsResult = { ok: true; args: ParsedArgs } | { ok: false; message: string };

export function parseArgs(argv: readonly string[], spec: ArgSpec): ArgsResult {
  const args: ParsedArgs = { positionals: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') {
      args.flags.add('help');
      continue;
    }
    if (!a.startsWith('--') || a === '--') {
      args.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (spec.boolean.includes(name)) {
      if (eq >= 0) return { ok: false, message: `option --${name} takes no value` };
      args.flags.add(name);
    } else if (spec.valued.includes(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) return { ok: false, message: `option --${name} needs a value` };
      args.values.set(name, [...(args.values.get(name) ?? []), value]);
    } else {
      return { ok: false, message: `unknown option '${a}'` };
    }
  }
  return { ok: true, args };
}

/** The last value given for an option (later ones override earlier ones). */
export function lastValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.values.get(name);
  return v?.[v.length - 1];
}
