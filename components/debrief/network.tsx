// The mutual-admiration network, drawn by hand: pseudonyms on a circle in
// pseudonym order (P01 at the top, clockwise), so the same data always gives
// the same picture. Line thickness = how far above their own habit two people
// rate each other. People in a clique get a double ring and a filled disc —
// shape and text, not colour alone.
import { COLORS } from "./colors";
import { useLocale, useTranslations } from "next-intl";
import { numbers } from "./format";

export interface NetworkEdge {
  a: string;
  b: string;
  weight: number;
}

export function AdmirationNetwork({ nodes, edges, cliques }: { nodes: string[]; edges: NetworkEdge[]; cliques: { members: string[] }[] }) {
  const m = useTranslations("debrief.texts");
  const { signed } = numbers(useLocale());
  const sorted = [...nodes].sort((x, y) => x.localeCompare(y, "en", { numeric: true }));
  const n = sorted.length;
  const size = 1000;
  const cx = size / 2;
  const cy = size / 2;
  // Big discs with the label inside while they fit; past ~20 people, small discs with the label outside.
  const roomy = n > 1 ? ((Math.PI * 400) / n) * 0.62 : 56;
  const inside = roomy >= 26;
  const ring = n > 1 ? (inside ? 400 : 350) : 0;
  const nodeR = inside ? Math.min(56, roomy) : Math.max(8, ((Math.PI * ring) / n) * 0.55);
  const font = inside ? Math.min(32, nodeR * 0.7) : Math.max(14, Math.min(24, nodeR * 1.4));
  const pos = new Map(
    sorted.map((id, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
      return [id, { x: cx + ring * Math.cos(angle), y: cy + ring * Math.sin(angle), angle }];
    }),
  );
  const inClique = new Set(cliques.flatMap((c) => c.members));
  const linked = new Set(edges.flatMap((e) => [e.a, e.b]));
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
  const stroke = (w: number) => 3 + (Math.max(0, w) / maxWeight) * 13;
  const description =
    edges.length === 0
      ? m("networkNone", { count: n })
      : m("networkPairs", { count: n, pairs: edges.map((e) => `${e.a}–${e.b} (${signed(e.weight)})`).join(", ") });

  return (
    <svg viewBox={`0 0 ${size} ${size}`} className="mx-auto block h-auto w-full max-w-[52rem] print:max-w-[125mm]" role="img" aria-labelledby="network-title network-desc">
      <title id="network-title">{m("networkTitle")}</title>
      <desc id="network-desc">{description}</desc>
      <rect x={0} y={0} width={size} height={size} fill="#ffffff" />
      <g>
        {edges.map((e) => {
          const p = pos.get(e.a);
          const q = pos.get(e.b);
          if (!p || !q) return null;
          return <line key={`${e.a}-${e.b}`} x1={p.x} y1={p.y} x2={q.x} y2={q.y} stroke={COLORS.party} strokeOpacity={0.85} strokeWidth={stroke(e.weight)} strokeLinecap="round" />;
        })}
      </g>
      <g>
        {sorted.map((id) => {
          const p = pos.get(id)!;
          const clique = inClique.has(id);
          const alone = !linked.has(id);
          const lx = cx + (ring + nodeR + font * 1.1) * Math.cos(p.angle);
          const ly = cy + (ring + nodeR + font * 1.1) * Math.sin(p.angle);
          return (
            <g key={id}>
              {clique ? <circle cx={p.x} cy={p.y} r={nodeR + 7} fill="none" stroke={COLORS.ink} strokeWidth={3} /> : null}
              <circle
                cx={p.x}
                cy={p.y}
                r={nodeR}
                fill={clique ? COLORS.gold : "#ffffff"}
                stroke={alone ? COLORS.steel : COLORS.ink}
                strokeWidth={3}
                strokeDasharray={alone ? "6 5" : undefined}
              />
              <text
                x={inside ? p.x : lx}
                y={(inside ? p.y : ly) + font * 0.35}
                textAnchor="middle"
                fontSize={font}
                fontWeight={700}
                fontFamily="ui-monospace, SFMono-Regular, Menlo, monospace"
                fill={COLORS.ink}
              >
                {id}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
