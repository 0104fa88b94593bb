import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMentions } from './mentions.js';

describe('@username mentions', () => {
  it('finds demo usernames with dots, once each, lower-cased', () => {
    assert.deepEqual(parseMentions('@us.sosa please check with @In.Supplier and @us.sosa again'), ['us.sosa', 'in.supplier']);
  });
  it('drops the punctuation that ends a sentence', () => {
    assert.deepEqual(parseMentions('Thanks @us.dod. Over to @in.sosa, then @us.commerce!'), ['us.dod', 'in.sosa', 'us.commerce']);
  });
  it('does not take e-mail addresses or words glued to an @ for mentions', () => {
    assert.deepEqual(parseMentions('write to dana@mod.example or ops@@us.sosa'), []);
  });
  it('accepts a mention at the start, after brackets and on a new line', () => {
    assert.deepEqual(parseMentions('@in.sosa\n(@us.sosa)\n-@us.dod'), ['in.sosa', 'us.sosa']);
  });
  it('ignores names too short for a username', () => {
    assert.deepEqual(parseMentions('@ab @a. @'), []);
  });
});
