// The logistics-ledger use cases, one a file in ./logistics/. This index stays while the routes
// in src/http import from here; new code imports the use case it needs.
export { createLogisticsOrder, type NewLogisticsOrder } from './logistics/create-logistics-order.js';
export { getLogisticsOrder } from './logistics/get-logistics-order.js';
export { logisticsBalances } from './logistics/logistics-balances.js';
export { listLogisticsOrders, type OrderQuery } from './logistics/list-logistics-orders.js';
export { loadOrder, requireOfficer } from './logistics/logistics-order-access.js';
export { presentOrder, presentSettlement } from './logistics/present-logistics.js';
export { settleLogisticsOrder } from './logistics/settle-logistics-order.js';
