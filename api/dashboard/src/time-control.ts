import { byId, el } from './dom';
import { t } from './i18n';

/** A replay window, as local times of the database zone without an offset (the API reads them so). */
export interface TimeWindow {
  from: string;
  to: string;
}

export type TimeStep = 'hour' | 'day';
const STEP_MS: Record<TimeStep, number> = { hour: 3_600_000, day: 86_400_000 };
const PLAY_MS = 1200;

/** `YYYY-MM-DDTHH:mm` of a wall-clock time held as UTC milliseconds (no zone arithmetic in the browser). */
function wallClock(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

/** The windows of `step` between two local dates `YYYY-MM-DD` (to exclusive). */
export function timeWindows(from: string, to: string, step: TimeStep): TimeWindow[] {
  const start = Date.parse(`${from}T00:00Z`);
  const end = Date.parse(`${to}T00:00Z`);
  const windows: TimeWindow[] = [];
  for (let ms = start; ms < end; ms += STEP_MS[step]) {
    windows.push({ from: wallClock(ms), to: wallClock(ms + STEP_MS[step]) });
  }
  return windows;
}

/**
 * The map's time control: a slider over the hours or days of the chosen period and a play button
 * that steps through them; position 0 is the whole period. Tells the page the window to draw.
 */
export class TimeControl {
  private windows: TimeWindow[] = [];
  private period: { from: string; to: string } | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly slider = el('input', { id: 'time-slider', type: 'range', min: '0', max: '0', value: '0' });
  private readonly label = el('span', { id: 'time-label', class: 'muted' });
  private readonly play = el('button', { id: 'time-play', type: 'button' }, '▶');
  private readonly step = el('select', { id: 'time-step' }, ...['day', 'hour'].map((value) => el('option', { value })));

  constructor(private readonly onChange: (window: TimeWindow | null) => void) {
    byId('time-control').replaceChildren(this.play, this.slider, this.label, this.step);
    this.slider.addEventListener('input', () => this.changed());
    this.step.addEventListener('change', () => this.setPeriod(this.period));
    this.play.addEventListener('click', () => (this.timer === undefined ? this.start() : this.stop()));
    this.drawTexts();
  }

  /** The period the slider spans (local dates, `to` exclusive); back to the whole period. */
  setPeriod(period: { from: string; to: string } | null): void {
    this.stop();
    this.period = period;
    this.windows = period === null ? [] : timeWindows(period.from, period.to, this.step.value as TimeStep);
    this.slider.max = String(this.windows.length);
    this.slider.value = '0';
    this.slider.disabled = this.windows.length === 0;
    this.drawTexts();
  }

  /** The window drawn now, or null for the whole period. */
  value(): TimeWindow | null {
    return this.windows[Number(this.slider.value) - 1] ?? null;
  }

  /** Moves the slider (the tests, and play) and tells the page. */
  show(position: number): void {
    this.slider.value = String(Math.max(0, Math.min(this.windows.length, position)));
    this.changed();
  }

  drawTexts(): void {
    const window = this.value();
    const range = window === null ? '' : `${window.from.replace('T', ' ')} – ${window.to.slice(11)}`;
    this.label.textContent = window === null ? t('time_all') : range;
    this.play.title = t(this.timer === undefined ? 'time_play' : 'time_pause');
    this.play.textContent = this.timer === undefined ? '▶' : '⏸';
    for (const option of this.step.options) option.textContent = t(option.value === 'day' ? 'time_days' : 'time_hours');
  }

  private changed(): void {
    this.drawTexts();
    this.onChange(this.value());
  }

  private start(): void {
    if (this.windows.length === 0) return;
    this.timer = setInterval(() => {
      const next = Number(this.slider.value) + 1;
      if (next > this.windows.length) this.stop();
      else this.show(next);
    }, PLAY_MS);
    if (this.slider.value === '0') this.show(1);
    this.drawTexts();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.drawTexts();
  }
}
