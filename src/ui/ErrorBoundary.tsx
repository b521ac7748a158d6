import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { AppContext } from '../state/hooks';
import type { AppContextValue } from '../state/hooks';

interface Props {
  /** What broke, for the message: "the site list", "altscope". */
  area: string;
  /** A change of this value (the scenario text) tries the area again: the user's fix may cure it. */
  resetKey?: unknown;
  /** The outermost boundary: no editor is left on screen, so the message shows the text. */
  whole?: boolean;
  /** Extra class for the message (its place in the layout grid). */
  className?: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: unknown;
}

/**
 * A render error shows a message in place of its area instead of blanking the page: the draft
 * (saved locally) stays, and "Reset the view" drops only view choices (profile, features,
 * selection, filters), never the user's text. A class: React catches render errors only there.
 */
export class ErrorBoundary extends Component<Props, State> {
  /** Mounted boundaries: a reset of the view retries every failed area, not only this one. */
  private static mounted = new Set<ErrorBoundary>();
  static override contextType = AppContext;
  declare context: AppContextValue | null;
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (Object.is(props.resetKey, state.key)) return null;
    return { key: props.resetKey, error: null };
  }

  override componentDidMount() {
    ErrorBoundary.mounted.add(this);
  }

  override componentWillUnmount() {
    ErrorBoundary.mounted.delete(this);
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // Kept for a bug report; the page itself stays usable.
    console.warn(`altscope: ${this.props.area} failed to render`, error, info.componentStack);
  }

  private resetView = () => {
    this.context?.actions.resetView();
    for (const b of ErrorBoundary.mounted) b.setState({ error: null });
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const text = this.props.whole ? this.context?.store.getState().text : undefined;
    return (
      <div
        className={`panel render-error ${this.props.className ?? ''}`}
        role="alert"
        data-testid="render-error"
      >
        <h2>Something in {this.props.area} went wrong</h2>
        <p>
          {error.message}. Your scenario text is kept (it is saved in this browser); resetting the
          view keeps it and goes back to the scenario&apos;s own profile and features.
        </p>
        <button type="button" onClick={this.resetView}>
          Reset the view
        </button>{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
        {text !== undefined && (
          <label className="render-error-text">
            Your scenario text
            <textarea readOnly rows={8} value={text} />
          </label>
        )}
      </div>
    );
  }
}
