/** The bank's response types, as pages and components see them (components never import db/**). */
export type { BankRow, QuestionDetail } from "@/db/queries/questions";
