export * from './db.js';
export * from './migrate.js';
export * from './tickets.js';
export * from './employee-sessions.js';
export * from './feedback.js';
export * from './postgres.js';
export * from './webhook-events.js';
export * from './unavailable.js';
