import { useActions, useAppState } from '../state/hooks';
import { EXAMPLES, exampleOpening } from '../examples';

/**
 * Built-in examples; choosing one replaces the scenario (the draft is saved first by autosave)
 * and sets the features, loop and review tab that show its point.
 */
export function ExamplesMenu() {
  const actions = useActions();
  return (
    <label className="inline">
      Example{' '}
      <select
        aria-label="Open an example"
        value=""
        onChange={(e) => {
          const ex = EXAMPLES.find((x) => x.id === e.target.value);
          if (ex) actions.openExample(ex.text, exampleOpening(ex));
        }}
      >
        <option value="" disabled>
          open…
        </option>
        {EXAMPLES.map((x) => (
          <option key={x.id} value={x.id}>
            {x.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The open example's title and description, while its text is unchanged (derived, not stored). */
export function ExampleIntro() {
  const text = useAppState((s) => s.text);
  const example = EXAMPLES.find((x) => x.text === text);
  if (!example) return null;
  return (
    <details className="example-intro" open data-testid="example-intro">
      <summary>
        Example: <strong>{example.title}</strong>
      </summary>
      <p>{example.description}</p>
    </details>
  );
}
