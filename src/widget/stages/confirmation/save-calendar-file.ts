import { routeUrl } from '../../../protocol/client.js';
import { bookingCalendarRoute } from '../../../protocol/routes/bookings.js';
import { BalieApiError, bearer } from '../../api-client.js';

/**
 * Fetches the appointment's `.ics` with the manage secret (a header, never a URL) and hands it to
 * the browser as a download through a blob URL. Not `callRoute`: the answer is a file, not JSON.
 */
export async function saveCalendarFile(apiBase: string, manageSecret: string, fileName: string): Promise<void> {
  const url = routeUrl(apiBase, bookingCalendarRoute);
  let response: Response;
  try {
    response = await fetch(url, { headers: bearer(manageSecret) });
  } catch (cause) {
    throw new BalieApiError('network', `could not reach ${url}: ${(cause as Error).message}`);
  }
  if (!response.ok) throw new BalieApiError('internal', `${url} answered ${response.status}`, response.status);
  const href = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href, download: fileName });
  link.click();
  // The click starts the download synchronously; the URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(href));
}
