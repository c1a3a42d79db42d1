import { NotAvailable } from './api-client';
import { onLanguageChange } from './i18n';
import { showStatus } from './panel-status';

export type PanelState = 'loading' | 'ok' | 'not-available' | 'error';

/**
 * One dashboard panel: loads its data, draws it, and redraws it when the language changes.
 * An answer overtaken by a newer refresh is dropped, so quick filter changes never show stale data.
 */
export class Panel<T> {
  private seq = 0;
  private data: T | undefined;
  private problem: unknown;
  state: PanelState = 'loading';

  constructor(
    private readonly body: HTMLElement,
    private readonly load: () => Promise<T>,
    private readonly draw: (body: HTMLElement, data: T) => void,
  ) {
    onLanguageChange(() => this.redraw());
  }

  async refresh(): Promise<void> {
    const seq = ++this.seq;
    if (this.data === undefined) showStatus(this.body, 'loading');
    try {
      const data = await this.load();
      if (seq !== this.seq) return;
      [this.data, this.problem, this.state] = [data, undefined, 'ok'];
    } catch (error) {
      if (seq !== this.seq) return;
      [this.data, this.problem, this.state] = [
        undefined,
        error,
        error instanceof NotAvailable ? 'not-available' : 'error',
      ];
    }
    this.redraw();
  }

  private redraw(): void {
    if (this.data !== undefined) this.draw(this.body, this.data);
    else if (this.problem !== undefined) showStatus(this.body, this.problem);
  }
}
