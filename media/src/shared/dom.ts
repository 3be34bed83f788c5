// Turns element descriptions into DOM nodes. The only DOM calls used are createElement(NS),
// setAttribute, textContent and appendChild: no HTML parsing anywhere, so workspace strings
// (pod names, labels, policy names) can only ever become text or attribute values.
import type { El } from './el';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** The part of `Document` the renderer needs (a fake implements it in tests). */
export interface DocLike {
  createElement(tag: string): ElementLike;
  createElementNS(ns: string, tag: string): ElementLike;
}

export interface ElementLike {
  setAttribute(name: string, value: string): void;
  appendChild(child: ElementLike): unknown;
  textContent: string | null;
}

export function toDom<E = ElementLike>(doc: DocLike, el: El): E {
  const node = el.svg ? doc.createElementNS(SVG_NS, el.tag) : doc.createElement(el.tag);
  for (const [name, value] of Object.entries(el.attrs)) node.setAttribute(name, value);
  if (el.text !== undefined) node.textContent = el.text;
  for (const child of el.children) node.appendChild(toDom(doc, child));
  return node as unknown as E;
}
