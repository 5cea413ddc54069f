import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function BankNotFound() {
  return (
    <EmptyState title="Collection not found">
      It may have been deleted.{" "}
      <Link href="/questions" className="font-medium text-link hover:underline">
        Back to your question bank
      </Link>
    </EmptyState>
  );
}
