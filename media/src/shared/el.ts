// Element descriptions: the views build plain trees of these (pure, testable without a browser) and
// dom.ts turns them into nodes with createElement/setAttribute/textContent only. Text is always
// text; attribute names are checked here so no description can carry an event handler, an inline
// style or a URL.

export interface El {
  tag: string;
  /** Created in the SVG namespace. */
  svg: boolean;
  attrs: Readonly<Record<string, string>>;
  /** Text content; mutually exclusive with children in practice (text is set first). */
  text?: string;
  children: readonly El[];
}

export type Attrs = Record<string, string | number | boolean | null | undefined>;
export type Child = El | null | undefined | false;

const TAG = /^[a-z][a-z0-9]*$/i;
const ATTR = /^[a-z][a-z0-9-]*$/i;
/** Attributes that run code, load resources or restyle: never set from a description. */
const FORBIDDEN_ATTRS = new Set([
  'style',
  'href',
  'src',
  'srcdoc',
  'action',
  'formaction',
  'xlink',
  'srcset',
]);

export function isSafeAttributeName(name: string): boolean {
  const lower = name.toLowerCase();
  return ATTR.test(name) && !lower.startsWith('on') && !FORBIDDEN_ATTRS.has(lower);
}

function normaliseAttrs(attrs: Attrs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (!isSafeAttributeName(name)) throw new Error(`unsafe attribute name: ${name}`);
    if (value === null || value === undefined || value === false) continue;
    out[name] = value === true ? '' : String(value);
  }
  return out;
}

function make(svg: boolean, tag: string, attrs: Attrs, content: readonly Child[] | string): El {
  if (!TAG.test(tag) || tag.toLowerCase() === 'script' || tag.toLowerCase() === 'foreignobject') {
    throw new Error(`unsafe tag: ${tag}`);
  }
  const children = typeof content === 'string' ? [] : content.filter((c): c is El => !!c);
  const el: El = { tag, svg, attrs: normaliseAttrs(attrs), children };
  return typeof content === 'string' ? { ...el, text: content } : el;
}

/** An HTML element: `h('li', {class: 'step'}, 'text')` or with children. */
export function h(tag: string, attrs: Attrs = {}, content: readonly Child[] | string = []): El {
  return make(false, tag, attrs, content);
}

/** An SVG element. */
export function s(tag: string, attrs: Attrs = {}, content: readonly Child[] | string = []): El {
  return make(true, tag, attrs, content);
}

/** The text a description would display (what `textContent` of its node reads). */
export function textOf(el: El): string {
  return (el.text ?? '') + el.children.map(textOf).join('');
}

/** Every element of a tree, depth first (for tests and lookups). */
export function* walk(el: El): Generator<El> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

export function findById(el: El, id: string): El | undefined {
  for (const e of walk(el)) if (e.attrs.id === id) return e;
  return undefined;
}

/** Joins class names, dropping falsy ones: `cls('step', current && 'current')`. */
export function cls(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
