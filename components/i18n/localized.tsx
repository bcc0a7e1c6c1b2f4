// Wraps a page in its language: the messages its client components need (phones download only
// theirs) and a lang attribute, which also stays right after a client-side navigation between a
// page in the reader's language and one in the room's (the root <html lang> is not re-rendered then).
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { pickMessages, type Namespace } from "@/messages";

export async function Localized({ namespaces, children }: { namespaces: readonly Namespace[]; children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <NextIntlClientProvider locale={locale} messages={pickMessages(locale, ["common", ...namespaces])}>
      <div lang={locale} className="contents">
        {children}
      </div>
    </NextIntlClientProvider>
  );
}
