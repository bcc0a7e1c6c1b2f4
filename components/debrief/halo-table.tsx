// The halo effect as a heatmap table: Pearson's r between every two
// dimensions. Each cell shows its number; the shade (red for positive, grey
// for negative, stronger = further from 0) only repeats it.
import { useLocale, useTranslations } from "next-intl";
import { numbers } from "./format";

function cellStyle(r: number | null, diagonal: boolean): { background: string; color: string } {
  if (r === null) return { background: "#ffffff", color: "#4a4f57" };
  if (diagonal) return { background: "#e8e0cf", color: "#161412" };
  const a = Math.min(1, Math.abs(r));
  const background = r >= 0 ? `rgba(179, 18, 31, ${0.08 + a * 0.85})` : `rgba(74, 79, 87, ${0.08 + a * 0.8})`;
  return { background, color: a > 0.5 ? "#ffffff" : "#161412" };
}

export function HaloTable({ dimensions, matrix }: { dimensions: string[]; matrix: (number | null)[][] }) {
  const m = useTranslations("debrief.texts");
  const { fmt } = numbers(useLocale());
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={m("haloTable")}>
      <table className="w-full table-fixed border-collapse text-center text-lg print:text-[9pt]" data-testid="halo-matrix">
        <caption className="sr-only">{m("haloCaption")}</caption>
        <colgroup>
          <col className="w-[22%]" />
          {dimensions.map((d) => (
            <col key={d} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="p-2 text-left align-bottom text-base font-semibold text-steel print:p-1 print:text-[8pt]">
              Dimension
            </th>
            {dimensions.map((d, j) => (
              <th key={d} scope="col" className="p-2 align-bottom text-base font-semibold leading-tight print:p-1 print:text-[8pt]">
                <span className="font-mono text-steel">{j + 1}</span>
                <br />
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {dimensions.map((d, i) => (
            <tr key={d}>
              <th scope="row" className="p-2 text-left text-lg font-semibold leading-tight print:p-1 print:text-[8pt]">
                <span className="mr-2 font-mono text-steel">{i + 1}</span>
                {d}
              </th>
              {dimensions.map((other, j) => {
                const r = matrix[i]?.[j] ?? null;
                const style = cellStyle(r, i === j);
                return (
                  <td
                    key={other}
                    className="debrief-cell border-2 border-white p-3 font-mono text-2xl font-bold tabular-nums print:p-1 print:text-[10pt]"
                    style={style}
                    aria-label={m("haloCell", { a: d, b: other, value: r === null ? m("notEnough") : fmt(r) })}
                  >
                    {r === null ? "n/a" : i === j ? "1" : fmt(r)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
