export * from './schema.js';
export * from './config.js';
export * from './errors.js';
export * from './ticket.js';
export * from './call.js';
export * from './queue.js';
export * from "./sse.js";
export * from './feedback.js';
