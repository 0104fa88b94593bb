import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PREFERENCES, deliveryFor, effectivePreferences, wantsDailyDigest } from './notification-preferences.js';

describe('notification preferences', () => {
  it('defaults: in-app for every kind, e-mail for mentions but not for every thread message', () => {
    const p = effectivePreferences(null);
    assert.deepEqual(deliveryFor(p, 'mention', true), { inApp: true, email: true });
    assert.deepEqual(deliveryFor(p, 'thread_message', true), { inApp: true, email: false });
  });
  it('no e-mail without an address, or with the digest off', () => {
    assert.equal(deliveryFor(DEFAULT_PREFERENCES, 'mention', false).email, false);
    const off = effectivePreferences({ channels: {}, emailDigest: 'off' });
    assert.equal(deliveryFor(off, 'deadline_escalated', true).email, false);
  });
  it('stored choices override the defaults kind by kind', () => {
    const p = effectivePreferences({ channels: { mention: { email: false }, thread_message: { inApp: false } }, emailDigest: 'immediate' });
    assert.deepEqual(p.channels.mention, { inApp: true, email: false });
    assert.deepEqual(p.channels.thread_message, { inApp: false, email: false });
    assert.deepEqual(p.channels.request_assigned, DEFAULT_PREFERENCES.channels.request_assigned);
  });
});

describe('the daily digest preference', () => {
  it('is off by default, and needs e-mail on and an address', () => {
    assert.equal(wantsDailyDigest(effectivePreferences(null), true), false);
    const on = effectivePreferences({ channels: {}, emailDigest: 'immediate', dailyDigest: true });
    assert.equal(wantsDailyDigest(on, true), true);
    assert.equal(wantsDailyDigest(on, false), false);
    assert.equal(wantsDailyDigest({ ...on, emailDigest: 'off' }, true), false);
  });
  it('the workflow kinds default to e-mail for what waits on the user, not for news', () => {
    const p = effectivePreferences({ channels: {}, emailDigest: 'immediate' });
    assert.deepEqual(p.channels.request_waiting, { inApp: true, email: true });
    assert.deepEqual(p.channels.request_update, { inApp: true, email: false });
  });
});
