/**
 * Shared zod pieces for text that reaches the database. Postgres refuses a NUL byte in text (and
 * jsonb), which used to surface as a 500; other control characters are never meant to be in what
 * a student types and can corrupt logs, file names and headers. Refusing them at the boundary
 * makes them a validation error with nothing stored.
 */
import { z } from "zod";

const MESSAGE = "Remove the control characters (such as a NUL byte) from this text.";
/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
const NO_CONTROLS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;
/** Every C0 control (tab and line breaks included); DEL; C1 controls. */
const NO_CONTROLS_ONE_LINE = /^[^\u0000-\u001F\u007F-\u009F]*$/;

/** Text that may span lines (a flag reason, a description): tabs and line breaks allowed. */
export const safeText = (message = MESSAGE) => z.string().regex(NO_CONTROLS, message);

/** One line of text (a name, a title, a search): no control characters at all. */
export const safeLine = (message = MESSAGE) => z.string().regex(NO_CONTROLS_ONE_LINE, message);

/** An uploaded file's name, as the browser sent it. */
export const fileNameSchema = safeLine("A file name contains control characters. Rename the file and try again.")
  .min(1, "A file has no name.")
  .max(255, "A file name can be at most 255 characters.");
