// The partner ministry's Code of Conduct registry: subscribed companies, their capability
// catalogue (NSN Federal Supply Class and sector), contacts, track record and status history.
import { SubscriberDetail } from './code-of-conduct/SubscriberDetail.js';
import { SubscriberList } from './code-of-conduct/SubscriberList.js';

export function CodeOfConductPage({ id }: { id?: string }) {
  return id ? <SubscriberDetail id={id} /> : <SubscriberList />;
}
