// A small JSX runtime that renders to HTML strings on the server. Text and attribute values are
// escaped unless wrapped in raw(), so a view cannot inject markup by accident.

export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Child = SafeHtml | string | number | boolean | null | undefined | Child[];

type Props = Record<string, unknown> & { children?: Child };
type Component<P> = (props: P) => SafeHtml;

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Markup we built ourselves (an SVG chart from numbers, a pre-rendered fragment). */
export function raw(html: string): SafeHtml {
  return new SafeHtml(html);
}

function renderChild(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (child instanceof SafeHtml) return child.html;
  if (Array.isArray(child)) return child.map(renderChild).join('');
  return escapeHtml(String(child));
}

function attributeName(name: string): string {
  if (name === 'className') return 'class';
  if (name === 'htmlFor') return 'for';
  return name;
}

function renderAttributes(props: Props): string {
  let out = '';
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || value === undefined || value === null || value === false) continue;
    if (value === true) out += ` ${attributeName(name)}`;
    else out += ` ${attributeName(name)}="${escapeHtml(String(value))}"`;
  }
  return out;
}

export function jsx(type: string | Component<Props>, props: Props): SafeHtml {
  if (typeof type === 'function') return type(props);
  const attributes = renderAttributes(props);
  if (VOID_ELEMENTS.has(type)) return new SafeHtml(`<${type}${attributes}>`);
  return new SafeHtml(`<${type}${attributes}>${renderChild(props.children)}</${type}>`);
}

export const jsxs = jsx;
export const jsxDEV = jsx;

export function Fragment(props: { children?: Child }): SafeHtml {
  return new SafeHtml(renderChild(props.children));
}

export function renderToString(node: Child): string {
  return renderChild(node);
}

type AttributeValue = string | number | boolean | null | undefined;

export namespace JSX {
  export type Element = SafeHtml;
  export interface ElementChildrenAttribute {
    children: unknown;
  }
  export interface IntrinsicElements {
    [element: string]: { children?: Child; [attribute: string]: AttributeValue | Child };
  }
}
