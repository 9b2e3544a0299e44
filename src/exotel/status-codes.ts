/**
 * Exotel's WhatsApp status-code catalogue (`exo_status_code` / `exo_detailed_status`):
 * the 30001-30041 table (reference §4.3, sources A and B). The single place these codes live.
 */
export const statusCodes = {
  30001: { status: 'EX_MESSAGE_SENT', description: 'Message sent to the user' },
  30002: { status: 'EX_MESSAGE_DELIVERED', description: 'Message delivered to the user' },
  30003: { status: 'EX_MESSAGE_SEEN', description: 'Message seen by the user' },
  30004: {
    status: 'EX_SYSTEM_ERROR',
    description: 'System error: authentication, access token, permission or service unavailable',
  },
  30005: { status: 'EX_NUMBER_ERROR', description: 'There is a problem with the phone number' },
  30006: { status: 'EX_SETUP_ERROR', description: 'Set-up error' },
  30007: { status: 'EX_RATE_LIMIT_HIT', description: 'Rate limit breached' },
  30008: { status: 'EX_SPAM_RATE_LIMIT_HIT', description: 'Spam rate limit breached' },
  30009: { status: 'EX_TOO_MANY_REQUEST', description: 'Too many requests in a short span' },
  30010: { status: 'EX_INVALID_REQUEST', description: 'Invalid request' },
  30011: { status: 'EX_UNKNOWN_ERROR', description: 'Unknown error' },
  30012: { status: 'EX_INVALID_RECIPIENT', description: 'Invalid recipient' },
  30013: { status: 'EX_INCAPABLE_RECIPIENT', description: 'The recipient cannot receive this message' },
  30014: { status: 'EX_RECIPIENT_BLOCKED', description: 'Recipient is not in the allowed list' },
  30015: { status: 'EX_UNSUPPORTED_MESSAGE', description: 'Unsupported message type in the request body' },
  30016: { status: 'EX_MEDIA_DOWNLOAD_ERROR', description: "WhatsApp could not download the sender's media" },
  30017: { status: 'EX_MEDIA_UPLOAD_ERROR', description: 'Unsupported media type in the request body' },
  30018: {
    status: 'EX_REENGAGEMENT_ERROR',
    description: 'More than 24 hours have passed since the user last replied',
  },
  30019: { status: 'EX_INVALID_PARAM', description: 'Invalid parameters in the request body' },
  30020: { status: 'EX_MISSING_PARAM', description: 'Mandatory parameters are missing in the request body' },
  30021: { status: 'EX_INVALID_PARAM_VALUE', description: 'Invalid parameter value' },
  30022: { status: 'EX_TEMPLATE_ERROR', description: 'Template format character policy violated' },
  30023: { status: 'EX_TEMPLATE_PARAM_ERROR', description: 'Template parameter count mismatch' },
  30024: { status: 'EX_TEMPLATE_NOT_FOUND', description: 'Template does not exist' },
  30025: { status: 'EX_TEMPLATE_TEXT_TOO_LONG', description: 'Translated template text is too long' },
  30026: { status: 'EX_INVALID_TEMPLATE_NAMESPACE', description: 'Invalid template namespace' },
  30027: { status: 'EX_MESSAGE_PENDING_TOO_LONG', description: 'Message pending for too long' },
  30028: { status: 'EX_MESSAGE_EXPIRED', description: 'Message expired' },
  30029: { status: 'EX_MESSAGE_TOO_LONG', description: 'Message body exceeds 4096 characters' },
  30030: { status: 'EX_WEBHOOK_ERROR', description: 'Webhook not configured' },
  30031: { status: 'EX_SECTION_COUNT_ERROR', description: 'Invalid number of sections' },
  30032: { status: 'EX_ROWS_COUNT_ERROR', description: 'Invalid number of rows' },
  30033: { status: 'EX_PRODUCT_COUNT_ERROR', description: 'Invalid number of products' },
  30034: { status: 'EX_CATALOGUE_NOT_FOUND', description: 'Catalog id not found' },
  30035: { status: 'EX_CATALOGUE_NOT_LINKED', description: 'Catalog is not linked to the phone number' },
  30036: { status: 'EX_MISSING_PRODUCT', description: 'Product missing in the catalog' },
  30037: { status: 'EX_PRODUCT_NOT_FOUND', description: 'Requested product(s) not found in the catalog' },
  30038: { status: 'EX_PRODUCT_COMPLIANCE_ERROR', description: 'Products failed compliance checks' },
  30039: { status: 'EX_INVALID_HEADER', description: 'Invalid header structure' },
  30040: { status: 'EX_MISSING_COMPLIANCE', description: 'Compliance information missing' },
  30041: { status: 'EX_CHAR_POLICY_VIOLATION', description: 'Character policy violated' },
} as const;

export type StatusCode = keyof typeof statusCodes;
export type DetailedStatus = (typeof statusCodes)[StatusCode]['status'];
