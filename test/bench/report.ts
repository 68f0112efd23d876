import type { BookingResult } from './booking.js';
import type { DocumentsResult } from './documents.js';
import type { FirstRenderResult } from './first-render.js';
import type { JoinResult } from './join.js';
import type { MemoryResult } from './memory.js';
import type { PayloadResult } from './payload.js';
import type { SlowLineResult } from './slow-line.js';
import type { Machine } from './support/machine.js';
import type { WaitingResult } from './waiting/waiting.js';

/**
 * The shape of results/latest.json. The flat keys named in issue #8 (`payload.entryGzip`,
 * `join.ratio`, …) are always present — `null` when that benchmark could not run — so tools can
 * read them without knowing the details beside them.
 */
export interface BenchReport {
  machine: Machine;
  mode: 'full' | 'quick';
  startedAt: string;
  durationSeconds: number;
  payload: (Partial<PayloadResult> & {
    entryGzip: number | null;
    entryBrotli: number | null;
    stagesGzip: number | null;
    stagesBrotli: number | null;
    bookingGzip: number | null;
    bookingBrotli: number | null;
    /** First script + config validator: what the launcher waits for. */
    firstViewGzip: number | null;
    callGzip: number | null;
    callBrotli: number | null;
    baselineCallGzip: number | null;
    baselineCallBrotli: number | null;
    /** Call chunk minus baseline, gzip, in KB (1024 bytes). */
    callOverBaselineGzipKB: number | null;
    callOverBaselineBrotliKB: number | null;
  });
  firstRender: (Partial<FirstRenderResult> & { p50Ms: number | null; baselineP50Ms: number | null; ratio: number | null; p90Ms?: number | null; baselineP90Ms?: number | null });
  join: (Partial<JoinResult> & { p50Ms: number | null; p90Ms?: number | null; baselineP50Ms: number | null; baselineP90Ms?: number | null; ratio: number | null; renderedP50Ms: number | null });
  waiting: (Partial<Omit<WaitingResult, 'maxHeld' | 'instances'>> & {
    maxHeld: number | null;
    /** Balie server instances that held the streams together. */
    instances: number | null;
    /** Of the largest step that held. */
    fanoutP50Ms: number | null;
    fanoutP95Ms: number | null;
    fanoutMaxMs: number | null;
    rssPerCitizenKB: number | null;
  });
  booking: (Partial<BookingResult> & { perSecond: number | null; doubleBookings: number | null; note?: string });
  /** Issue #18: a citizen on a ~400 kbit/s, 400 ms line; from "Toelaten" to first audio each way. */
  slowLine: (Partial<SlowLineResult> & { citizenHearsP50Ms: number | null; employeeHearsP50Ms: number | null });
  /** Issue 15: a 3 MB photo from the citizen; upload speed and from choosing it to the employee's card. */
  documents: (Partial<DocumentsResult> & { uploadMBps: number | null; sentToCardMs: number | null });
  memory: (Partial<MemoryResult> & { heapGrowthMB: number | null; baselineHeapGrowthMB: number | null });
  /** Benchmarks that could not run, with why. */
  errors: Record<string, string>;
}
