import { getTranslations } from "next-intl/server";
import { JoinCodeForm } from "@/components/join/join-code-form";
import { Card } from "@/components/ui/card";
import { Logo } from "@/components/ui/logo";

export default async function SessionNotFound() {
  const t = await getTranslations("participant.notFound");
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col gap-6 px-4 py-8">
      <Logo />
      <Card>
        <h1 className="mb-2 font-[family-name:var(--font-display)] text-3xl font-bold uppercase">{t("title")}</h1>
        <p className="mb-4 text-steel">{t("text")}</p>
        <JoinCodeForm keepTyped />
      </Card>
    </main>
  );
}
