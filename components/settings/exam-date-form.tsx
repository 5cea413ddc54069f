"use client";
/** The exam date: set or clear it. With a date, the dashboard plans toward it (lib/srs/exam.ts). */
import { useState } from "react";
import { saveExamDateAction } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/lib/actions/use-action";

export function ExamDateForm({ examDate }: { examDate: string | null }) {
  const { run, pending: saving, error } = useAction(saveExamDateAction);
  const [saved, setSaved] = useState<string | null>(null);
  const save = async (fd: FormData) => {
    const cleared = fd.get("examDate") === "";
    await run(fd, {
      onSuccess: ({ moved }) =>
        setSaved(
          cleared ? "Exam date cleared." : `Exam date saved.${moved ? ` ${moved} review${moved === 1 ? "" : "s"} moved into the last week before it.` : ""}`,
        ),
    });
  };
  return (
    <form action={save} className="space-y-3" data-testid="exam-date-form">
      <Field label="Exam date" hint="Reviews that would fall on or after it come back in its last week. Leave empty for none.">
        <Input type="date" name="examDate" defaultValue={examDate ?? ""} />
      </Field>
      {error ? <Alert>{error.message}</Alert> : saved && <Alert tone="success">{saved}</Alert>}
      <Button type="submit" disabled={saving}>
        {saving ? "Saving…" : "Save exam date"}
      </Button>
    </form>
  );
}
