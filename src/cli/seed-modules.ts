// The seeds the CLI's store commands use, in one module the CLI imports only when a command needs them.
export { resolveDemoPassword } from '../services/reference/demo-password.js';
export { seedDemoOrderBook } from '../services/reference/seed-demo-orders.js';
export { DEMO_USERNAMES, seedDemoData } from '../services/reference/seed-demo-data.js';
export { seedPartnershipDemoData } from '../services/reference/seed-partnership-demo.js';
export { seedReferenceData } from '../services/reference/seed-reference-data.js';
