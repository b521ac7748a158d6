/**
 * Loading a whole kernel (vmlinux, .ko, boot log) into the app. The loaded table takes the
 * place of the scenario's table in the store, while the scenario text and its edits stay as
 * they are: a bad file, a crashed or cancelled reader, or going back to the scenario never
 * touch `text`. Whether the kernel is shown is derived (`s.table === s.kernelLoad.table`), so
 * editing the scenario text — which reparses it into `table` — simply shows the scenario again.
 */
import { lookupOfSet } from '../core/symbols';
import type { Diagnostic } from '../core/model';
import type { BootHandoff } from '../worker/bootProtocol';
import type { ReadEnd, ReadHandle } from '../worker/client';
import type { ReadProgress } from '../worker/protocol';
import type { FileOutcome } from '../worker/readKernelFile';
import type { AppActions } from './actions';
import type { AppDeps } from './deps';
import { NO_FEATURE_CHANGES } from './features';
import type { KernelLoadState } from './kernelLoadSlice';
import type { AppState, AppStore } from './store';
import { parseInto } from './store';

export type { KernelLoadSlice, KernelLoadState } from './kernelLoadSlice';

/** True while the loaded kernel (not the scenario text) is what the app shows. */
export const selectKernelShown = (s: AppState): boolean =>
  s.kernelLoad.table !== null && s.table === s.kernelLoad.table;

/** Starts reading a file; the worker in the browser, a fake in tests. */
export type StartRead = (file: File, onProgress: (p: ReadProgress) => void) => ReadHandle;

/** The first error diagnostic as a sentence, with its byte offset or line when it has one. */
export function describeFailure(fileName: string, diagnostics: readonly Diagnostic[]): string {
  const d = diagnostics.find((x) => x.severity === 'error') ?? diagnostics[0];
  if (!d) return `${fileName} could not be read`;
  const loc = d.location;
  const where =
    loc?.kind === 'offset'
      ? ` (at byte offset ${loc.offset}${loc.what ? `, ${loc.what}` : ''})`
      : loc?.kind === 'text'
        ? ` (line ${loc.line}:${loc.column})`
        : '';
  return `${fileName} could not be read: ${d.message}${where}`;
}

/** Actions for opening files; one read at a time (a new file cancels the previous read). */
export function createKernelLoadActions(
  store: AppStore,
  actions: AppActions,
  deps: AppDeps,
  startRead: StartRead,
  /**
   * Told of every file read into a table, with the kernel's boot when it is a linked kernel
   * (the worker that read it keeps the image; the callee owns it from then on).
   */
  onTable?: (boot: BootHandoff | undefined) => void,
) {
  let current: ReadHandle | null = null;
  let currentToken: object | null = null;
  const patch = (p: Partial<KernelLoadState>) =>
    store.setState((s) => ({ kernelLoad: { ...s.kernelLoad, ...p } }));

  const apply = (fileName: string, end: ReadEnd) => {
    if (end.status === 'cancelled') {
      patch({ phase: store.getState().kernelLoad.table ? 'loaded' : 'idle', stage: null });
      return;
    }
    if (end.status === 'crashed') {
      const error = `${fileName}: the file reader crashed (${end.message}); your scenario is unchanged`;
      patch({ phase: 'failed', stage: null, error, diagnostics: [] });
      return;
    }
    showOutcome(fileName, end.outcome);
  };

  const showOutcome = (fileName: string, outcome: FileOutcome) => {
    if (!outcome.ok) {
      const error = describeFailure(fileName, outcome.diagnostics);
      patch({ phase: 'failed', stage: null, error, diagnostics: outcome.diagnostics });
      return;
    }
    if (!('table' in outcome)) {
      // A scenario file replaces the text, as opening a scenario always has.
      patch({ phase: 'idle', stage: null, error: null, diagnostics: [] });
      actions.loadScenario(outcome.text, 'file');
      return;
    }
    store.setState((s) => ({
      table: outcome.table,
      features: NO_FEATURE_CHANGES,
      kernelChoice: null,
      loopChoice: null,
      site: null,
      shared: [],
      search: '',
      statusFilter: 'all',
      featureFilter: null,
      kernelLoad: {
        ...s.kernelLoad,
        phase: 'loaded',
        stage: null,
        progress: 1,
        error: null,
        diagnostics: outcome.diagnostics,
        table: outcome.table,
        release: outcome.release ?? null,
        banner: outcome.banner,
        symbols: outcome.symbols ? lookupOfSet(outcome.symbols) : null,
      },
    }));
  };

  return {
    /** Read `file` (any kind); progress, outcome and errors land in `kernelLoad`. */
    openFile(file: File): Promise<void> {
      current?.cancel();
      patch({ phase: 'loading', fileName: file.name, stage: 'reading', progress: 0, error: null });
      // A token, not the handle: progress may arrive before startRead returns.
      const token = {};
      currentToken = token;
      const handle = startRead(file, (p) => {
        if (currentToken === token) patch({ stage: p.stage, progress: p.fraction });
      });
      current = handle;
      return handle.done.then((end) => {
        const boot = end.status === 'done' ? end.boot : undefined;
        const drop = () => boot?.ok && boot.worker.terminate();
        // Superseded by a newer file: its kept kernel goes with it.
        if (currentToken !== token) return void drop();
        current = null;
        currentToken = null;
        apply(file.name, end);
        if (onTable && end.status === 'done' && end.outcome.ok && 'table' in end.outcome)
          onTable(boot);
        else drop();
      });
    },
    /** Stop the read in progress; whatever was shown stays shown. */
    cancel() {
      current?.cancel();
    },
    /** Show the scenario text's own table again (the kernel stays loaded to switch back). */
    showScenario() {
      const s = store.getState();
      store.setState({
        ...parseInto(deps, s.text, null, s.kernelChoice),
        features: NO_FEATURE_CHANGES,
        site: null,
        shared: [],
      });
    },
    /** Show the loaded kernel again. */
    showKernel() {
      const table = store.getState().kernelLoad.table;
      if (table) store.setState({ table, features: NO_FEATURE_CHANGES, site: null, shared: [] });
    },
    dismissError() {
      patch({ phase: store.getState().kernelLoad.table ? 'loaded' : 'idle', error: null });
    },
  };
}

export type KernelLoadActions = ReturnType<typeof createKernelLoadActions>;
