import type { Metadata } from "next";
import { requireFacilitatorPage } from "@/lib/auth/facilitator";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const facilitator = await requireFacilitatorPage("/dashboard");
  return (
    <div className="flex flex-col gap-6">
      <header>
        <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">Facilitator area</p>
        <h1 className="font-[family-name:var(--font-display)] text-4xl font-bold uppercase">Welcome, {facilitator.name}</h1>
        <p className="text-steel">Signed in as {facilitator.email}</p>
      </header>
    </div>
  );
}
