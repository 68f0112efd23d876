import type { DocumentListView, DocumentView, EarlierDocumentsView } from '../document.js';
import { documentGuestAccessSchema } from '../document.js';
import { responseOf, type RouteDescriptor } from './route.js';

// Documents in the call (issue 15). Each participant has their own three routes, as they have
// their own credential: the citizen's ticket secret, the employee's console session, the guest's
// secret. An upload's body is the file's bytes (`application/octet-stream`), its name in the
// `x-balie-document-name` header; a download is always an attachment.

/** The citizen sends a file into their call. */
export const citizenUploadDocumentRoute = {
  method: 'POST',
  path: '/api/tickets/current/documents',
  response: responseOf<DocumentView>(),
  auth: 'citizen-bearer',
  rateLimit: 30,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const citizenDocumentsRoute = {
  method: 'GET',
  path: '/api/tickets/current/documents',
  response: responseOf<DocumentListView>(),
  auth: 'citizen-bearer',
  rateLimit: 240,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const citizenDownloadDocumentRoute = {
  method: 'GET',
  path: '/api/tickets/current/documents/:document',
  auth: 'citizen-bearer',
  rateLimit: 120,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

/** The employee in the call sends a file to the citizen. */
export const employeeUploadDocumentRoute = {
  method: 'POST',
  path: '/api/console/tickets/:id/documents',
  response: responseOf<DocumentView>(),
  auth: 'employee',
  rateLimit: 30,
} as const satisfies RouteDescriptor;

/** The call's documents, in the call and afterwards until retention removes them. */
export const employeeDocumentsRoute = {
  method: 'GET',
  path: '/api/console/tickets/:id/documents',
  response: responseOf<DocumentListView>(),
  auth: 'employee',
  rateLimit: 240,
} as const satisfies RouteDescriptor;

/**
 * The employee's earlier calls that still have documents, until retention removes them: a file a
 * citizen sent stays reachable after the call (its documents through {@link employeeDocumentsRoute}).
 */
export const employeeEarlierDocumentsRoute = {
  method: 'GET',
  path: '/api/console/documents',
  response: responseOf<EarlierDocumentsView>(),
  auth: 'employee',
  rateLimit: 60,
} as const satisfies RouteDescriptor;

export const employeeDownloadDocumentRoute = {
  method: 'GET',
  path: '/api/console/tickets/:id/documents/:document',
  auth: 'employee',
  rateLimit: 120,
} as const satisfies RouteDescriptor;

/** The employee lets the interpreter in the call send documents, or stops it. */
export const documentGuestAccessRoute = {
  method: 'PUT',
  path: '/api/console/tickets/:id/document-guests',
  body: documentGuestAccessSchema,
  response: responseOf<undefined>(),
  auth: 'employee',
  rateLimit: 60,
} as const satisfies RouteDescriptor;

/** An admitted guest (an interpreter) sends a file, when the employee allows it. */
export const guestUploadDocumentRoute = {
  method: 'POST',
  path: '/api/guests/current/documents',
  response: responseOf<DocumentView>(),
  auth: 'guest',
  rateLimit: 30,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const guestDocumentsRoute = {
  method: 'GET',
  path: '/api/guests/current/documents',
  response: responseOf<DocumentListView>(),
  auth: 'guest',
  rateLimit: 240,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const guestDownloadDocumentRoute = {
  method: 'GET',
  path: '/api/guests/current/documents/:document',
  auth: 'guest',
  rateLimit: 120,
  crossOrigin: true,
} as const satisfies RouteDescriptor;
