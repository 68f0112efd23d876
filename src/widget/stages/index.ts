// The stages chunk: loaded when the citizen clicks "Videobellen", not with the launcher.
import './prejoin/balie-prejoin.js';
import './waiting-room/balie-waiting-room.js';
import './feedback/balie-feedback.js';

export { queuePlugin } from './queue-plugin.js';
