"use client";
/** The exam date: set or clear it. With a date, the dashboard plans toward it (lib/srs/exam.ts). */
import { useActionState } from "react";
import { saveExamDateAction } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

type State = { ok: boolean; message: string } | undefined;

export function ExamDateForm({ examDate }: { examDate: string | null }) {
  const [state, save, saving] = useActionState<State, FormData>(async (_prev, fd) => {
    const res = await saveExamDateAction(fd);
    if (!res.ok) return { ok: false, message: res.error.message };
    const cleared = fd.get("examDate") === "";
    return {
      ok: true,
      message: cleared
        ? "Exam date cleared."
        : `Exam date saved.${res.data.moved ? ` ${res.data.moved} review${res.data.moved === 1 ? "" : "s"} moved into the last week before it.` : ""}`,
    };
  }, undefined);
  return (
    <form action={save} className="space-y-3" data-testid="exam-date-form">
      <Field label="Exam date" hint="Reviews that would fall on or after it come back in its last week. Leave empty for none.">
        <Input type="date" name="examDate" defaultValue={examDate ?? ""} />
      </Field>
      {state && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <Button type="submit" disabled={saving}>
        {saving ? "Saving…" : "Save exam date"}
      </Button>
    </form>
  );
}
