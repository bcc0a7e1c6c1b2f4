import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site.meta");
  return { title: { default: t("title"), template: "%s · Stakhanov" }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#b3121f" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts gives each page request a CSP nonce; reading the request headers renders every page
  // per request (never prebuilt), so Next can put that nonce on its scripts.
  await headers();
  // The page's language (i18n/request.ts); each page also wraps itself in <Localized> for its messages.
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
