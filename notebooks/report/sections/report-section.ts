import { type Attrs, type Child, h, Markup } from '../html/markup.js';

/** A titled section of the report; headings are bilingual (Chinese / English) like the seed's reports. */
export function reportSection(id: string, zh: string, en: string, ...children: Child[]): Markup {
  return h('section', { id }, h('h2', {}, h('span', { lang: 'zh' }, zh), ' / ', en), ...children);
}

/** A table header cell with its Chinese label under the English one. */
export function th(en: string, zh?: string, numeric = false): Markup {
  return h(
    'th',
    { class: numeric ? 'num' : null },
    en,
    zh === undefined ? null : [h('br'), h('span', { lang: 'zh', class: 'zh' }, zh)],
  );
}

/** A report table: one header row of `th` cells, then the body's rows. */
export function dataTable(id: string, header: Child[], ...body: Child[]): Markup {
  return h('table', { id, class: 'data' }, h('thead', {}, h('tr', {}, ...header)), h('tbody', {}, ...body));
}

/** A right-aligned number cell. */
export function num(text: string, attrs: Record<string, string | number | null> = {}): Markup {
  return h('td', { class: 'num', ...attrs }, text);
}

/** A chart or map with a visible caption. */
export function figure(caption: string, content: Markup): Markup {
  return h('figure', {}, content, h('figcaption', {}, caption));
}

/** One column of a report table: its bilingual header and what each row puts in its cell. */
export interface Column<T> {
  readonly en: string;
  readonly zh?: string;
  readonly numeric?: boolean;
  /** The cell's text (right-aligned when numeric), or a whole `td` when the cell needs attributes of its own. */
  readonly cell: (row: T, index: number) => string | Markup;
}

/** A report table declared once per column, so a header can never drift from its cells. */
export function columnTable<T>(
  id: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
  rowAttrs: (row: T) => Attrs,
): Markup {
  return dataTable(
    id,
    columns.map((c) => th(c.en, c.zh, c.numeric)),
    rows.map((row, i) => h('tr', rowAttrs(row), ...columns.map((c) => columnCell(c, row, i)))),
  );
}

function columnCell<T>(column: Column<T>, row: T, index: number): Markup {
  const content = column.cell(row, index);
  if (content instanceof Markup) return content;
  return column.numeric === true ? num(content) : h('td', {}, content);
}
