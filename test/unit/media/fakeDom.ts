// A tiny stand-in for the browser DOM: records what the renderer does, and fails the test if
// anything tries to parse HTML (innerHTML / outerHTML / insertAdjacentHTML).
import type { DocLike, ElementLike } from '../../../media/src/shared/dom';

export class FakeElement implements ElementLike {
  readonly attributes = new Map<string, string>();
  readonly children: FakeElement[] = [];
  private text: string | null = null;

  constructor(
    readonly tag: string,
    readonly ns: string | null,
  ) {}

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }

  appendChild(child: ElementLike): unknown {
    this.children.push(child as FakeElement);
    return child;
  }

  get textContent(): string | null {
    return (this.text ?? '') + this.children.map((c) => c.textContent).join('');
  }

  set textContent(value: string | null) {
    this.text = value;
  }

  set innerHTML(_: string) {
    throw new Error('innerHTML must never be used');
  }

  /** Every element below (and including) this one. */
  all(): FakeElement[] {
    return [this, ...this.children.flatMap((c) => c.all())];
  }
}

export const fakeDocument: DocLike & { created: FakeElement[] } = {
  created: [],
  createElement(tag: string) {
    const el = new FakeElement(tag, null);
    this.created.push(el);
    return el;
  },
  createElementNS(ns: string, tag: string) {
    const el = new FakeElement(tag, ns);
    this.created.push(el);
    return el;
  },
};
