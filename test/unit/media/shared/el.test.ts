import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SVG_NS, toDom } from '../../../../media/src/shared/dom';
import { cls, findById, h, isSafeAttributeName, s, textOf } from '../../../../media/src/shared/el';
import type { FakeElement } from '../fakeDom';
import { fakeDocument } from '../fakeDom';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  "'; DROP TABLE x; --",
];

void describe('element descriptions', () => {
  void it('keep text as text, whatever it contains', () => {
    for (const bad of HOSTILE) {
      const el = h('li', { class: 'step', 'data-policy': bad }, [h('span', {}, bad)]);
      assert.equal(textOf(el), bad);
      assert.equal(el.attrs['data-policy'], bad);
      assert.equal(el.children[0]?.tag, 'span');
    }
  });

  void it('refuse event handlers, inline styles and URL attributes', () => {
    for (const name of [
      'onclick',
      'ONERROR',
      'onload',
      'style',
      'href',
      'src',
      'srcdoc',
      'formaction',
      'xlink:href',
      'a b',
      '',
    ]) {
      assert.equal(isSafeAttributeName(name), false, name);
      assert.throws(() => h('a', { [name]: 'x' }), /unsafe attribute name/);
    }
    for (const name of ['class', 'data-id', 'aria-label', 'viewBox', 'text-anchor', 'x'])
      assert.equal(isSafeAttributeName(name), true, name);
  });

  void it('refuse script and foreignObject tags and odd tag names', () => {
    assert.throws(() => h('script'), /unsafe tag/);
    assert.throws(() => s('foreignObject'), /unsafe tag/);
    assert.throws(() => h('img onerror=x'), /unsafe tag/);
  });

  void it('normalise attribute values and drop falsy children', () => {
    const el = h('button', { disabled: true, hidden: false, 'data-index': 3, title: null }, [
      null,
      false,
      h('b', {}, 'x'),
    ]);
    assert.deepEqual(el.attrs, { disabled: '', 'data-index': '3' });
    assert.equal(el.children.length, 1);
    assert.equal(cls('a', false, null, 'b', undefined), 'a b');
    assert.equal(findById(h('div', {}, [h('p', { id: 'x' }, 'y')]), 'x')?.text, 'y');
  });
});

void describe('toDom', () => {
  void it('builds nodes with setAttribute and textContent only (hostile strings stay inert)', () => {
    for (const bad of HOSTILE) {
      const root = toDom<FakeElement>(
        fakeDocument,
        h('div', { title: bad }, [h('span', { class: 'name' }, bad), s('text', {}, bad)]),
      );
      assert.equal(root.attributes.get('title'), bad);
      assert.equal(root.children[0]?.textContent, bad);
      assert.equal(root.children[0]?.children.length, 0);
      assert.equal(root.all().length, 3, 'no element created from the text');
      assert.equal(root.children[1]?.ns, SVG_NS);
      assert.equal(root.textContent, bad + bad);
    }
  });
});
