import { JoinCodeForm } from "@/components/join/join-code-form";
import { Card } from "@/components/ui/card";
import { Logo } from "@/components/ui/logo";

export default function SessionNotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col gap-6 px-4 py-8">
      <Logo />
      <Card>
        <h1 className="mb-2 font-[family-name:var(--font-display)] text-3xl font-bold uppercase">No such session</h1>
        <p className="mb-4 text-steel">No session uses this code. Check the code on the projector and try again.</p>
        <JoinCodeForm keepTyped />
      </Card>
    </main>
  );
}
