import { useActions } from '../state/hooks';
import { EXAMPLES } from '../examples';

/** Built-in examples; choosing one replaces the scenario (the draft is saved first by autosave). */
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
          if (ex) actions.loadScenario(ex.text, 'example');
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
