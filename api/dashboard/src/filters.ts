import { byId } from './dom';
import { CATEGORIES, TECHNOLOGIES } from '../../../domain/vocabulary';
import { nameOf, onLanguageChange, t } from './i18n';

/** What the user chose in the filter bar; empty strings mean "no filter". */
export interface Filters {
  /** First month of the period, `YYYY-MM`. */
  fromMonth: string;
  /** Last month of the period (included), `YYYY-MM`. */
  toMonth: string;
  category: string;
  technology: string;
  city: string;
}

/** `[from, to)` as local dates (the API reads a time without an offset in the database's zone). */
export function periodParams(filters: Filters): { from?: string; to?: string } {
  return {
    ...(filters.fromMonth ? { from: `${filters.fromMonth}-01` } : {}),
    ...(filters.toMonth ? { to: `${nextMonth(filters.toMonth)}-01` } : {}),
  };
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + mon;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The filter bar: month range, category, technology, city; `onChange` fires on every edit. */
export class FilterBar {
  private readonly fromInput = byId<HTMLInputElement>('filter-from');
  private readonly toInput = byId<HTMLInputElement>('filter-to');
  private readonly category = byId<HTMLSelectElement>('filter-category');
  private readonly technology = byId<HTMLSelectElement>('filter-technology');
  private readonly city = byId<HTMLSelectElement>('filter-city');
  private cities: string[] = [];

  constructor(onChange: (filters: Filters) => void) {
    this.fillOptions();
    for (const input of [this.fromInput, this.toInput, this.category, this.technology, this.city]) {
      input.addEventListener('change', () => onChange(this.value()));
    }
    onLanguageChange(() => this.fillOptions());
  }

  value(): Filters {
    return {
      fromMonth: this.fromInput.value,
      toMonth: this.toInput.value,
      category: this.category.value,
      technology: this.technology.value,
      city: this.city.value,
    };
  }

  /** Bounds the month pickers to the months that have data and selects the whole range. */
  setMonths(months: string[]): void {
    const sorted = [...months].sort();
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    if (first === undefined || last === undefined) return;
    for (const input of [this.fromInput, this.toInput]) {
      input.min = first;
      input.max = last;
    }
    this.fromInput.value = first;
    this.toInput.value = last;
  }

  setCities(cities: string[]): void {
    this.cities = [...new Set(cities)].sort();
    this.fillOptions();
  }

  private fillOptions(): void {
    fillSelect(this.category, CATEGORIES, nameOf);
    fillSelect(this.technology, TECHNOLOGIES, (v) => v);
    fillSelect(this.city, this.cities, (v) => v);
  }
}

function fillSelect(select: HTMLSelectElement, values: readonly string[], label: (value: string) => string): void {
  const chosen = select.value;
  select.replaceChildren(new Option(t('all'), ''), ...values.map((v) => new Option(label(v), v)));
  select.value = values.includes(chosen) ? chosen : '';
}
