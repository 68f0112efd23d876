import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { pollUntil, probeRemoteMedia } from '../e2e/support/call-probe.js';
import { citizenEntersWaitingRoom, employeeSignsIn } from '../e2e/support/journey.js';
import { announcements, recordAnnouncements } from '../e2e/support/live-regions.js';
import type { BrowserBench } from './support/browser-stack.js';
import { median, round } from './support/stats.js';

/** Issue 15's "3 MB photo": a noisy JPEG (noise does not compress) of about this size. */
const PHOTO_TARGET_BYTES = 3 * 1024 * 1024;
const CARD_TIMEOUT_MS = 60_000;

/** One photo sent by the citizen, timed in the pages by what each person is told. */
interface DocumentSample {
  bytes: number;
  /** From the file chosen ("… wordt verstuurd…") until all bytes were sent ("… wordt gecontroleerd…"). */
  uploadMs: number;
  /** The server's check (type, re-encoding, storing): "wordt gecontroleerd…" until "is verstuurd.". */
  checkMs: number;
  /** From "is verstuurd." on the citizen's side until the card is shown on the employee's. */
  deliverMs: number;
  /** From the file chosen until the card is shown on the employee's side: what the two people notice. */
  sentToCardMs: number;
}

export interface DocumentsResult {
  runs: number;
  photoBytes: number;
  /** Megabytes (2^20 bytes) per second, p50 over the runs. */
  uploadMBps: number | null;
  uploadP50Ms: number | null;
  checkP50Ms: number | null;
  deliverP50Ms: number | null;
  sentToCardMs: number | null;
  samples: DocumentSample[];
}

/** A photo of about 3 MB carrying EXIF with a GPS position, as a phone makes one. */
async function threeMegabytePhoto(): Promise<Buffer> {
  // A 3-megapixel photo: noise at quality 95 is about 3.1 MB.
  const width = 2048;
  const height = 1536;
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 15;
  for (let i = 0; i < pixels.length; i++) pixels[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  for (let quality = 95; ; quality -= 5) {
    const photo = await sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '4/1 18/1 5678/100' } })
      .toBuffer();
    if (photo.length <= PHOTO_TARGET_BYTES * 1.1 || quality <= 50) return photo;
  }
}

/** When (page clock, ms since epoch) `page`'s documents region first said `text`. */
async function saidAt(page: Page, text: string): Promise<number> {
  const said = await pollUntil(
    () => announcements(page),
    (records) => records.some((r) => r.region.includes('balie-documents') && r.text === text),
    `"${text}"`,
    CARD_TIMEOUT_MS,
  );
  return said.find((r) => r.region.includes('balie-documents') && r.text === text)!.at;
}

async function sendOne(citizen: Page, employee: Page, photo: Buffer, name: string): Promise<DocumentSample> {
  const [chooser] = await Promise.all([citizen.waitForEvent('filechooser'), citizen.getByRole('button', { name: 'Bestand sturen' }).click()]);
  await chooser.setFiles({ name, mimeType: 'image/jpeg', buffer: photo });
  // Both pages run on this machine: their Date.now() is one clock.
  const shownAt = await saidAt(employee, `Nieuw bestand: ${name}.`);
  const sendingAt = await saidAt(citizen, `${name} wordt verstuurd…`);
  const checkingAt = await saidAt(citizen, `${name} wordt gecontroleerd…`);
  const sentAt = await saidAt(citizen, `${name} is verstuurd.`);
  return {
    bytes: photo.length,
    uploadMs: checkingAt - sendingAt,
    checkMs: sentAt - checkingAt,
    deliverMs: shownAt - sentAt,
    sentToCardMs: shownAt - sendingAt,
  };
}

/**
 * Issue 15: a citizen in a call sends a 3 MB photo through "Bestand sturen" (to the balie server
 * on loopback, never over LiveKit); the employee's page shows its card when the server's event
 * stream nudges it. Timed from what each page tells its person (the documents' live region, whose
 * "Nieuw bestand" is said in the same render as the card). Figures, not a goal.
 */
export async function measureDocuments(bench: BrowserBench, runs: number): Promise<DocumentsResult> {
  const { stack, chromium } = bench;
  const contexts: BrowserContext[] = [];
  try {
    const newPage = async () => {
      const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      // The file chooser is intercepted from the start, not only once the first send asks for it.
      page.on('filechooser', () => undefined);
      await recordAnnouncements(page);
      return page;
    };
    const citizen = await newPage();
    const employee = await newPage();
    await citizenEntersWaitingRoom(citizen, stack);
    await employeeSignsIn(employee, stack);
    await employee.getByRole('button', { name: /Toelaten/ }).first().click();
    for (const page of [citizen, employee]) await pollUntil(() => probeRemoteMedia(page), (p) => p.framesDecoded > 0, 'remote camera', 30_000);
    const photo = await threeMegabytePhoto();
    const samples: DocumentSample[] = [];
    for (let run = 1; run <= runs; run += 1) samples.push(await sendOne(citizen, employee, photo, `foto-${run}.jpg`));
    const uploadP50Ms = median(samples.map((s) => s.uploadMs));
    return {
      runs,
      photoBytes: photo.length,
      uploadMBps: uploadP50Ms ? round(photo.length / 1024 / 1024 / (uploadP50Ms / 1000), 1) : null,
      uploadP50Ms: round(uploadP50Ms),
      checkP50Ms: round(median(samples.map((s) => s.checkMs))),
      deliverP50Ms: round(median(samples.map((s) => s.deliverMs))),
      sentToCardMs: round(median(samples.map((s) => s.sentToCardMs))),
      samples,
    };
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}
