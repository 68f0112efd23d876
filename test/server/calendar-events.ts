/**
 * iCalendar text as a person's calendar app writes it (Thunderbird, Apple Calendar, Outlook
 * through a gateway): the events an employee adds by hand in the tests.
 */
export function handEvent(event: {
  uid: string;
  start: string;
  end?: string;
  /** Extra lines inside the VEVENT, e.g. `RRULE:FREQ=WEEKLY` or `TRANSP:TRANSPARENT`. */
  extra?: string[];
  /** `DTSTART;VALUE=DATE` instead: an all-day event on this `YYYYMMDD`. */
  allDay?: string;
}): string {
  const utc = (iso: string) => `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
  const when = event.allDay
    ? [`DTSTART;VALUE=DATE:${event.allDay}`]
    : [`DTSTART:${utc(event.start)}`, ...(event.end ? [`DTEND:${utc(event.end)}`] : [])];
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    'DTSTAMP:20260101T080000Z',
    ...when,
    'SUMMARY:Overleg (met de hand)',
    ...(event.extra ?? []),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
