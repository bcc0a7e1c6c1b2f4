import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { SiteHeader } from "@/components/site/header";
import { Card } from "@/components/ui/card";
import { currentFacilitator } from "@/lib/auth/facilitator";
import { Localized } from "@/components/i18n/localized";

export const metadata: Metadata = { title: "Create a facilitator account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await currentFacilitator()) redirect("/dashboard");
  return (
    <Localized namespaces={["site"]}>
      <>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-md px-4 py-10">
          <Card>
            <h1 className="mb-2 font-[family-name:var(--font-display)] text-3xl font-bold uppercase">Create account</h1>
            <p className="mb-6 text-sm text-steel">For facilitators who run sessions. Participants never need an account.</p>
            <SignUpForm />
          </Card>
        </main>
      </>
    </Localized>
  );
}
