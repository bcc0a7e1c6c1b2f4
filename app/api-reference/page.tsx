import type { Metadata } from "next";
import { SiteHeader } from "@/components/site/header";
import { ApiReference } from "@/components/reference/api-reference";
import { Localized } from "@/components/i18n/localized";

export const metadata: Metadata = { title: "HTTP API reference" };

export default function ApiReferencePage() {
  return (
    <Localized namespaces={["site"]}>
      <>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          <h1 className="font-[family-name:var(--font-display)] text-3xl font-bold uppercase">HTTP API reference</h1>
          <p className="mt-2 max-w-prose text-steel">
            Every route of this server, generated from the schemas it validates requests with. The machine-readable OpenAPI 3.1 document is
            at{" "}
            <a className="underline" href="/api/openapi.json">
              /api/openapi.json
            </a>
            . Flows, anonymity guarantees and the live events are described in the repository&apos;s <code>docs/api.md</code>.
          </p>
          <div className="mt-4 border-4 border-ink">
            <ApiReference specUrl="/api/openapi.json" />
          </div>
        </main>
      </>
    </Localized>
  );
}
