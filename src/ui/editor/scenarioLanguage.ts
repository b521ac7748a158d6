/**
 * The scenario text format (src/core/scenario/text.ts) as a Monaco language: Monarch
 * highlighting, feature-name completion and hovers from the kernel's feature catalogue, and the
 * disassembly of each byte line as an inlay hint at its end.
 */
import { formatFeatureIndex, getCatalogue } from '../../core/features';
import type { CpuFeature } from '../../core/features';
import type { KernelVersion } from '../../core/model';
import type { AsmSyntax, Disassembler } from '../../core/ports';
import { disassembleLines } from './inlineDisassembly';
import { STATEMENTS } from '../../core/scenario/text';
import { isMacroLine, MACRO_DOCS } from './macroDocs';
import { monaco } from './monacoSetup';

export const LANGUAGE_ID = 'altscope-scenario';

const FLAGS: Record<string, string> = {
  NOT: '`ALT_FLAG_NOT`: the entry applies when the feature is **absent**.',
  DIRECT_CALL:
    '`ALT_FLAG_DIRECT_CALL`: the original `call *pv_ops+x(%rip)` becomes a direct call to the pointer the slot holds (NULL → `BUG_func`; `nop_func` → NOPs).',
  instrlen:
    '`instrlen`: the original length this entry was emitted with (nesting pads the outer site).',
  at: '`at ADDR`: the replacement address in `.altinstr_replacement`.',
  flags: '`flags N`: raw `ALT_FLAG_*` bits.',
};

/** What the language needs from the app, read at the moment Monaco asks. */
export interface LanguageContext {
  kernel(): KernelVersion;
  disassembler(): Disassembler | null;
  syntax(): AsmSyntax;
}

const hintsChanged = new monaco.Emitter<void>();
/** Ask Monaco to recompute the inline disassembly (decoder loaded, syntax switched). */
export const refreshInlineDisassembly = () => hintsChanged.fire();

let registered = false;

export function registerScenarioLanguage(ctx: LanguageContext) {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: LANGUAGE_ID });
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: '#' },
    wordPattern: /(-?\d*\.\d\w*)|([^\s,#()"]+)/g,
  });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, {
    statements: STATEMENTS,
    flags: ['NOT', 'DIRECT_CALL', 'instrlen', 'at', 'flags'],
    macros: [...Object.keys(MACRO_DOCS), 'alternative', 'alternative_2', 'alternative_3'],
    tokenizer: {
      root: [
        [/"([^"\\]|\\.)*"/, 'string.asm'],
        [/(#|\/\/).*$/, 'comment'],
        [/^\s*[0-9a-fA-F]+:/, 'number.hex'],
        [/\b\d+\*32\+\d+\b/, 'number'],
        [/\b0x[0-9a-fA-F]+\b/, 'number.hex'],
        [/\b[0-9a-fA-F]{2}\b/, 'string'],
        [
          /[A-Za-z_][\w.+/]*/,
          {
            cases: {
              '@statements': 'keyword',
              '@macros': 'keyword',
              '@flags': 'type',
              '@default': 'identifier',
            },
          },
        ],
      ],
    },
  });
  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      );
      const inMacro = isMacroLine(model.getLineContent(position.lineNumber));
      const features = getCatalogue(ctx.kernel()).features.map((f) => ({
        label: f.bug ? `X86_BUG_${f.name}` : f.name,
        kind: monaco.languages.CompletionItemKind.Constant,
        detail: `${formatFeatureIndex(f.index)}${f.cpuinfo ? ` · cpuinfo "${f.cpuinfo}"` : ''}`,
        documentation: f.comment,
        insertText: f.bug || inMacro ? f.macro : f.name,
        filterText: `${f.name} ${f.macro} ${f.cpuinfo ?? ''}`,
        range,
      }));
      const keywords = [...STATEMENTS, ...Object.keys(FLAGS)].map((k) => ({
        label: k,
        kind: monaco.languages.CompletionItemKind.Keyword,
        insertText: k,
        range,
      }));
      const macros = Object.entries(MACRO_DOCS).map(([name, m]) => ({
        label: name,
        kind: monaco.languages.CompletionItemKind.Snippet,
        detail: m.signature,
        documentation: { value: m.doc },
        insertText: m.snippet,
        insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
        range,
      }));
      return { suggestions: [...keywords, ...macros, ...features] };
    },
  });
  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word) return null;
      const range = new monaco.Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      );
      const flag = FLAGS[word.word];
      if (flag) return { range, contents: [{ value: flag }] };
      const macro = MACRO_DOCS[word.word.toUpperCase()];
      if (macro)
        return { range, contents: [{ value: `**${macro.signature}**` }, { value: macro.doc }] };
      const f = lookupFeature(word.word, ctx.kernel());
      if (!f) return null;
      return {
        range,
        contents: [
          { value: `**${f.macro}** \`${formatFeatureIndex(f.index)}\` (index ${f.index})` },
          {
            value: `${f.comment || 'no comment in cpufeatures.h'}${f.cpuinfo ? ` — /proc/cpuinfo: \`${f.cpuinfo}\`` : ''}`,
          },
        ],
      };
    },
  });
  monaco.languages.registerInlayHintsProvider(LANGUAGE_ID, {
    onDidChangeInlayHints: hintsChanged.event,
    provideInlayHints(model) {
      const disassembler = ctx.disassembler();
      if (!disassembler) return { hints: [], dispose() {} };
      const lines = disassembleLines(model.getValue(), ctx.kernel(), disassembler, ctx.syntax());
      const hints = lines.map((l) => ({
        position: { lineNumber: l.line, column: model.getLineMaxColumn(l.line) },
        label: `  ⟶ ${l.text}`,
        paddingLeft: true,
      }));
      return { hints, dispose() {} };
    },
  });
}

function lookupFeature(word: string, kernel: KernelVersion): CpuFeature | undefined {
  const cat = getCatalogue(kernel);
  const upper = word.toUpperCase();
  return (
    cat.byMacro.get(upper) ?? cat.byName.get(upper) ?? cat.byCpuinfoFlag.get(word.toLowerCase())
  );
}
