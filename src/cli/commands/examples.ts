/**
 * `altscope examples [ID|default]`: list the built-in examples, or print one as a scenario file,
 * so a command-line user has the same starting points as the web app.
 */
import { defaultScenario, EXAMPLES, findExample } from '../../examples';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, EXIT_OK } from '../io';

export const EXAMPLES_USAGE = `usage: altscope examples [ID|default]
Without an ID: lists the built-in examples. With one: prints that example as a text scenario
(\`default\` is the app's default scenario), ready for \`altscope patch\`:
  altscope examples ordering-bug > bug.alt && altscope patch bug.alt --features XENPV --engine multi-pass
`;

export async function runExamples(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes('--help')) {
    io.stdout(EXAMPLES_USAGE);
    return EXIT_OK;
  }
  if (argv.length > 1 || argv.some((a) => a.startsWith('-'))) {
    io.stderr(`altscope examples: expected at most one example ID\n\n${EXAMPLES_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const id = argv[0];
  if (id === undefined) {
    const width = Math.max(...EXAMPLES.map((e) => e.id.length));
    io.stdout(
      EXAMPLES.map((e) => `${e.id.padEnd(width)}  ${e.title}`).join('\n') +
        `\n${'default'.padEnd(width)}  the app's default scenario: (a), (b) and (c) in one table\n`,
    );
    return EXIT_OK;
  }
  const text = id === 'default' ? defaultScenario : findExample(id)?.text;
  if (text === undefined) {
    io.stderr(
      `altscope examples: no example "${id}"; known: ${EXAMPLES.map((e) => e.id).join(', ')}, default\n`,
    );
    return EXIT_BAD_INPUT;
  }
  io.stdout(text.endsWith('\n') ? text : text + '\n');
  return EXIT_OK;
}
