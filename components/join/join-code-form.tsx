// The participants' entry form with its own messages: it is also shown on the "no such session"
// page, which has no <Localized> of its own.
import { Localized } from "@/components/i18n/localized";
import { JoinCodeFormClient } from "./join-code-form-client";

export function JoinCodeForm({ keepTyped = false }: { keepTyped?: boolean }) {
  return (
    <Localized namespaces={["site"]}>
      <JoinCodeFormClient keepTyped={keepTyped} />
    </Localized>
  );
}
