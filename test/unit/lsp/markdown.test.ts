import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as md from '../../../server/src/lsp/markdown';

void test('markdown.text escapes what Markdown or HTML would interpret; code spans hold anything', () => {
  assert.equal(md.text('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert(1)\\>');
  assert.equal(
    md.text('*a* _b_ [l](u) `c` &amp; | ~x~ !'),
    '\\*a\\* \\_b\\_ \\[l\\](u) \\`c\\` \\&amp; \\| \\~x\\~ \\!',
  );
  assert.equal(md.text('# title'), '\\# title');
  assert.equal(md.text('1. item'), '1\\. item');
  assert.equal(md.text('see http://x and www.y.z'), 'see http\\:\\/\\/x and www\\.y.z');
  assert.equal(md.text('two\nlines'), 'two lines');
  assert.equal(md.code('a`b'), '``a`b``');
  assert.equal(md.code('`x'), '`` `x ``');
  assert.equal(md.sentence('policy `a*b` ok'), 'policy `a*b` ok');
  assert.equal(md.sentence('odd ` tick'), 'odd \\` tick');
});
