// @ts-expect-error -- plain ESM script without type declarations
import { freePort as kernelFreePort } from '../scripts/livekit.mjs';

/** A TCP port free on 127.0.0.1 at this moment, picked by the kernel; bind it soon after. */
export const freePort: () => Promise<number> = () => kernelFreePort('tcp');
