/**
 * HTML built as values, so that every piece of text is escaped unless it was built here:
 * strings passed as children or attribute values are always escaped, only `Markup` is not.
 */
export class Markup {
  constructor(readonly html: string) {}

  toString(): string {
    return this.html;
  }
}

export type Child = Markup | string | number | null | undefined | false | readonly Child[];
export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** An element; `false`, null and undefined attributes are left out, `true` ones written bare. */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): Markup {
  const open = `<${tag}${attributes(attrs)}>`;
  return new Markup(VOID_ELEMENTS.has(tag) ? open : `${open}${render(children)}</${tag}>`);
}

/** Markup written by this code (CSS, a fixed doctype), never data. */
export function trusted(html: string): Markup {
  return new Markup(html);
}

/** Children as HTML: numbers in their shortest round-trip form, text escaped. */
export function render(child: Child): string {
  if (child === null || child === undefined || child === false) return '';
  if (child instanceof Markup) return child.html;
  if (typeof child === 'number') return numberText(child);
  if (typeof child === 'string') return escapeHtml(child);
  return child.map(render).join('');
}

function attributes(attrs: Attrs): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    out +=
      value === true ? ` ${name}` : ` ${name}="${escapeHtml(typeof value === 'number' ? numberText(value) : value)}"`;
  }
  return out;
}

function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

const VOID_ELEMENTS = new Set(['br', 'hr', 'img', 'input', 'link', 'meta', 'col']);
