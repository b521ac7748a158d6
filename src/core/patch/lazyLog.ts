import type { Addr, Diagnostic } from '../model';
import type {
  DirectCallRewrite,
  EntryVerdict,
  NopRun,
  Relocation,
  SiteResult,
  SiteWrite,
} from './report';

/** One log line, formatted only when `SiteResult.log` is first read. */
export type DeferredLine = () => string;

/**
 * The SiteResult the patch loops build. Its `log` is formatted on first read: most callers (the
 * app's site list, `patch --json`, a feature toggle) never read most sites' logs, and formatting
 * them eagerly (addresses to 16 hex digits, byte dumps) was much of simulate()'s garbage.
 *
 * `log` is an accessor on the prototype, so `{ ...result }` and structured clone do not copy it
 * (nothing in src does either); read `result.log` to get a plain `string[]`.
 */
export class SiteRecord implements SiteResult {
  symbol?: string;
  selected: number | null = null;
  verdicts: EntryVerdict[] = [];
  writes: SiteWrite[] = [];
  relocations: Relocation[] = [];
  nopRuns: NopRun[] = [];
  directCall?: DirectCallRewrite;
  diagnostics: Diagnostic[] = [];
  #pending: DeferredLine[] | undefined = undefined;
  #lines: string[] | undefined = undefined;

  constructor(
    public addr: Addr,
    public len: number,
    public original: Uint8Array,
    public final: Uint8Array,
  ) {}

  get log(): string[] {
    if (!this.#lines) this.#lines = [];
    if (this.#pending) {
      for (const f of this.#pending) this.#lines.push(f());
      this.#pending = undefined;
    }
    return this.#lines;
  }

  set log(lines: string[]) {
    this.#pending = undefined;
    this.#lines = lines;
  }

  /** Append a line, formatted when the log is read (at once if it already was). */
  defer(line: DeferredLine): void {
    if (this.#lines && !this.#pending) this.#lines.push(line());
    else (this.#pending ??= []).push(line);
  }
}

/** Append a line to `res.log`: deferred for a SiteRecord, formatted now for a plain result. */
export function deferLog(res: SiteResult, line: DeferredLine): void {
  if (res instanceof SiteRecord) res.defer(line);
  else res.log.push(line());
}
