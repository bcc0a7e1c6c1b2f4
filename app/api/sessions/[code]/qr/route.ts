import QRCode from "qrcode";
import { loadPublicHub } from "@/lib/api/context";
import { joinUrl } from "@/lib/api/public-url";
import { otherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** The join link as an SVG QR code, rendered here (no remote service). */
export const GET = route<Ctx>(async (request, { params }) => {
  const hub = await loadPublicHub(request, (await params).code);
  const svg = await QRCode.toString(joinUrl(request.headers, hub.record.code), {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 1,
    color: { dark: "#161412", light: "#ffffff" },
  });
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "no-store" } });
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
