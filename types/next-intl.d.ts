// Typed messages: a key the English catalog lacks is a type error (messages/index.ts).
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/messages";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
