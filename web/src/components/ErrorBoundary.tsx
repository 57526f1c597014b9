import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ProblemView } from './ProblemView.js';

interface ErrorBoundaryProps {
  /** Names what failed, e.g. the panel title. */
  readonly label: string;
  readonly children: ReactNode;
}

/**
 * Keeps one failing part of a page (a capability's case panel, say) from blanking the whole page: it shows the
 * error in place of that part, with a retry button.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error: error ?? new Error('unknown error') };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.label} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return (
      <div className="panel-error">
        <ProblemView error={this.state.error} heading={`${this.props.label} could not be shown`} />
        <button
          type="button"
          className="button-secondary"
          onClick={() => this.setState({ error: undefined })}
        >
          Try again
        </button>
      </div>
    );
  }
}
