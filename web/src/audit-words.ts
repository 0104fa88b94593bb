// Words for audit events: what happened, on what, in sentences people read (no raw action names).
import { humanise } from './format.js';

export const OBJECT_TYPES: Array<[string, string]> = [
  ['request', 'Request'],
  ['user', 'User'],
  ['program', 'Program'],
  ['working_group', 'Working group'],
  ['logistics_order', 'Logistics order'],
  ['liaison_posting', 'Liaison posting'],
  ['point_of_contact', 'Point of contact'],
  ['thread', 'Thread'],
  ['supplier_order', 'Order on a supplier’s book'],
  ['spa_request', 'SPA request'],
  ['supply_network', 'Supply network'],
  ['network_analysis', 'Network analysis'],
  ['organisation', 'Organisation'],
  ['coc_subscription', 'Code of Conduct entry'],
  ['calendar', 'Calendar'],
  ['audit_log', 'Audit log'],
];

export const ACTION_FAMILIES: Array<[string, string]> = [
  ['request.', 'Requests (every step)'],
  ['session.', 'Sign-ins'],
  ['user.', 'User accounts'],
  ['program.', 'Programs'],
  ['working_group.', 'Working groups'],
  ['action_item.', 'Action items'],
  ['logistics_order.', 'Logistics ledger'],
  ['liaison.', 'Liaison postings'],
  ['contact.', 'Points of contact'],
  ['thread.', 'Threads'],
  ['rated_order.', 'Order desk'],
  ['spa_request.', 'Priority assistance (SPA)'],
  ['coc.', 'Code of Conduct registry'],
  ['network.', 'Supply networks'],
  ['calendar.', 'Calendars'],
  ['deadline.', 'Deadlines'],
  ['audit.', 'Audit verifications'],
];

const ACTIONS: Record<string, string> = {
  'session.login': 'Signed in',
  'session.logout': 'Signed out',
  'session.login_failed': 'Failed sign-in',
  'session.login_throttled': 'Sign-in refused: too many failures',
  'user.create': 'User created',
  'user.update': 'User changed',
  'user.create_refused': 'User creation refused',
  'user.update_refused': 'User change refused',
  'request.submit': 'Request submitted',
  'request.submitted_to_peer': "Request sent to the deciding nation's desk",
  'request.read': 'Request read by the other nation',
  'request.attachment_read': 'Attachment read by the other nation',
  'request.attach': 'Attachment added',
  'request.comment': 'Comment written',
  'deadline.escalate': 'Overdue deadline escalated',
  'action_item.escalate': 'Overdue action item escalated',
  'audit.verify': 'Audit chain verified',
};

const FAMILY_NOUN: Record<string, string> = {
  request: 'Request',
  program: 'Program',
  working_group: 'Working group',
  action_item: 'Action item',
  logistics_order: 'Logistics order',
  liaison: 'Liaison posting',
  contact: 'Point of contact',
  thread: 'Thread',
  network: 'Network',
  calendar: 'Calendar',
  user: 'User',
  session: 'Sign-in',
};

/** "request.acknowledge" → "Request: acknowledge". */
export function actionLabel(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  const dot = action.indexOf('.');
  if (dot < 0) return humanise(action);
  const family = action.slice(0, dot);
  return `${FAMILY_NOUN[family] ?? humanise(family)}: ${humanise(action.slice(dot + 1).replace(/\./g, ' ')).toLowerCase()}`;
}

export function objectTypeLabel(type: string): string {
  return OBJECT_TYPES.find(([t]) => t === type)?.[1] ?? humanise(type);
}

/** "clientAddress" → "Client address"; "amountMinor" → "Amount minor". */
export function fieldLabel(key: string): string {
  return humanise(key);
}
