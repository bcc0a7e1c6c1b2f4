import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { SiteHeader } from "@/components/site/header";
import { Card } from "@/components/ui/card";
import { currentFacilitator } from "@/lib/auth/facilitator";
import { Localized } from "@/components/i18n/localized";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site.auth");
  return { title: t("signUpMeta") };
}
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await currentFacilitator()) redirect("/dashboard");
  const t = await getTranslations("site.auth");
  return (
    <Localized namespaces={["site"]}>
      <>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-md px-4 py-10">
          <Card>
            <h1 className="mb-2 font-[family-name:var(--font-display)] text-3xl font-bold uppercase break-words hyphens-auto">{t("signUpTitle")}</h1>
            <p className="mb-6 text-sm text-steel">{t("signUpIntro")}</p>
            <SignUpForm />
          </Card>
        </main>
      </>
    </Localized>
  );
}
