/** The bank's size limits, without zod: safe to import from client components (no validator in the browser). */
export const MAX_FLAG_REASON = 1000;
export const MAX_COLLECTION_NAME = 100;
export const MAX_COLLECTION_DESCRIPTION = 500;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
