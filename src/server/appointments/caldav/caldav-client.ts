import { calendarQuery, createCalendarObject, deleteCalendarObject, propfind } from 'tsdav';
import type { CouplingProblem } from '../../../protocol/index.js';

/** The balie's account on the CalDAV server (`BALIE_CALDAV_USERNAME`, `BALIE_CALDAV_PASSWORD`). */
export interface CaldavCredentials {
  username: string;
  password: string;
}

/** A calendar request that failed, with what kind of failure it was. */
export class CalendarRequestError extends Error {
  override name = 'CalendarRequestError';
  constructor(
    readonly problem: CouplingProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The few CalDAV requests the balie makes (RFC 4791), through tsdav, each with a deadline: read
 * the events of a time range, write one event, remove one, and check that a calendar is there.
 * Every failure is a {@link CalendarRequestError}; nothing is retried here, the caller decides.
 */
export class CaldavClient {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly baseUrl: string,
    credentials: CaldavCredentials | undefined,
    private readonly timeoutMs: number,
  ) {
    this.headers = credentials
      ? { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` }
      : {};
  }

  /** A calendar's URL from its configured path (or URL), always ending in `/`. */
  calendarUrl(path: string): string {
    const url = new URL(path, this.baseUrl).href;
    return url.endsWith('/') ? url : `${url}/`;
  }

  /** The iCalendar text of every object with an event in `[fromMs, toMs)` (a `calendar-query` REPORT). */
  async events(calendarUrl: string, fromMs: number, toMs: number): Promise<string[]> {
    const responses = await this.attempt(`reading ${calendarUrl}`, () =>
      calendarQuery({
        url: calendarUrl,
        props: { 'd:getetag': {}, 'c:calendar-data': {} },
        filters: {
          'comp-filter': {
            _attributes: { name: 'VCALENDAR' },
            'comp-filter': {
              _attributes: { name: 'VEVENT' },
              'time-range': { _attributes: { start: icalUtc(fromMs), end: icalUtc(toMs) } },
            },
          },
        },
        depth: '1',
        headers: this.headers,
        fetchOptions: { signal: AbortSignal.timeout(this.timeoutMs) },
      }),
    );
    return responses.flatMap((response) => {
      const data = response.props?.calendarData as { _cdata?: string } | string | undefined;
      const text = typeof data === 'string' ? data : data?._cdata;
      return text ? [text] : [];
    });
  }

  /**
   * Writes `ics` as `<name>.ics` in the calendar and returns the event's URL. Without
   * `overwrite` it is never put over an existing object (`If-None-Match: *`).
   */
  async put(calendarUrl: string, name: string, ics: string, overwrite = false): Promise<string> {
    const url = new URL(`${name}.ics`, calendarUrl).href;
    const response = await this.attempt(`writing ${url}`, () =>
      createCalendarObject({
        calendar: { url: calendarUrl },
        filename: `${name}.ics`,
        iCalString: ics,
        headers: this.headers,
        headersToExclude: overwrite ? ['If-None-Match'] : [],
        fetchOptions: { signal: AbortSignal.timeout(this.timeoutMs) },
      }),
    );
    await settleBody(response);
    if (!response.ok) throw statusError(response.status, `writing ${url}`);
    return url;
  }

  /** Removes an event; one that is gone already counts as removed. */
  async remove(eventUrl: string): Promise<void> {
    const response = await this.attempt(`removing ${eventUrl}`, () =>
      deleteCalendarObject({
        calendarObject: { url: eventUrl, data: undefined },
        headers: this.headers,
        fetchOptions: { signal: AbortSignal.timeout(this.timeoutMs) },
      }),
    );
    await settleBody(response);
    if (!response.ok && response.status !== 404) throw statusError(response.status, `removing ${eventUrl}`);
  }

  /** Checks that `calendarUrl` answers and is a calendar the balie may read. */
  async probe(calendarUrl: string): Promise<void> {
    const [answer] = await this.attempt(`checking ${calendarUrl}`, () =>
      propfind({
        url: calendarUrl,
        props: { 'd:resourcetype': {} },
        depth: '0',
        headers: this.headers,
        fetchOptions: { signal: AbortSignal.timeout(this.timeoutMs) },
      }),
    );
    if (!answer?.ok) throw statusError(answer?.status ?? 0, `checking ${calendarUrl}`);
    const type = answer.props?.resourcetype as Record<string, unknown> | undefined;
    if (!type || !('calendar' in type)) {
      throw new CalendarRequestError('not-found', `${calendarUrl} is not a calendar (no CalDAV calendar resourcetype)`);
    }
  }

  /** Runs one request, turning whatever it throws into a {@link CalendarRequestError}. */
  private async attempt<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw classify(error, what, this.timeoutMs);
    }
  }
}

function icalUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

// An unread body keeps the connection busy; it holds nothing we need.
async function settleBody(response: Response): Promise<void> {
  await response.text().catch(() => undefined);
}

function statusError(status: number, what: string): CalendarRequestError {
  const problem: CouplingProblem =
    status === 401 || status === 403 ? 'refused' : status === 404 || status === 409 ? 'not-found' : 'error';
  return new CalendarRequestError(problem, `${what}: the calendar server answered HTTP ${status || 'nothing usable'}`);
}

function classify(error: unknown, what: string, timeoutMs: number): CalendarRequestError {
  if (error instanceof CalendarRequestError) return error;
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new CalendarRequestError('timeout', `${what}: no answer within ${timeoutMs / 1000} s`);
  }
  const message = error instanceof Error ? error.message : String(error);
  // tsdav reports a refused REPORT as "Collection query failed: 401 Unauthorized. Raw response: …".
  const status = /failed: (\d{3})/.exec(message)?.[1];
  if (status) return statusError(Number(status), what);
  const cause = (error as { cause?: { code?: string } } | null)?.cause?.code;
  if (error instanceof TypeError) {
    return new CalendarRequestError('unreachable', `${what}: cannot connect${cause ? ` (${cause})` : ''}`);
  }
  return new CalendarRequestError('error', `${what}: ${message.split('\n')[0]!.slice(0, 200)}`);
}
