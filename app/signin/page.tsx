import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SiteHeader } from "@/components/site/header";
import { Card } from "@/components/ui/card";
import { currentFacilitator } from "@/lib/auth/facilitator";
import { Localized } from "@/components/i18n/localized";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site.auth");
  return { title: t("signInMeta") };
}
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await currentFacilitator()) redirect("/dashboard");
  const t = await getTranslations("site.auth");
  return (
    <Localized namespaces={["site"]}>
      <>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-md px-4 py-10">
          <Card>
            <h1 className="mb-6 font-[family-name:var(--font-display)] text-3xl font-bold uppercase break-words hyphens-auto">{t("signInTitle")}</h1>
            <SignInForm callbackUrl={callbackUrl} notice={callbackUrl ? t("signInNotice") : undefined} />
          </Card>
        </main>
      </>
    </Localized>
  );
}
