import { Caption1, Dropdown, Field, Input, Link, Option, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { FailureBar } from "../components/FailureBar";
import type { LedgerHost } from "../host";
import { type Bar, type ChartId, useDashboard } from "./useDashboard";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  svg: { width: "100%", height: "auto", display: "block" },
  bar: { cursor: "pointer" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

const BLUE = "#4472C4";
const ORANGE = "#ED7D31";
const RED = "#C00000";
const GREY = "#A5A5A5";
const W = 300;

/** Horizontal bars, one a row, labels left; a chosen bar is outlined. Negative values grow left from zero. */
function BarChart(props: { title: string; bars: Bar[]; color: string; chosen: string | null; onChoose: (key: string) => void; mark?: { value: number; label: string } }) {
  const styles = useStyles();
  const { bars } = props;
  const row = 22;
  const left = 96;
  const h = bars.length * row + 8;
  const lo = Math.min(0, ...bars.map((b) => b.value));
  const hi = Math.max(0, props.mark?.value ?? 0, ...bars.map((b) => b.value));
  const span = hi - lo || 1;
  const x = (v: number) => left + ((v - lo) / span) * (W - left - 30);
  return (
    <svg className={styles.svg} viewBox={`0 0 ${W} ${h}`} role="img" aria-label={props.title}>
      {bars.map((b, i) => {
        const y = 4 + i * row;
        const x0 = x(Math.min(0, b.value));
        const width = Math.max(1, Math.abs(x(b.value) - x(0)));
        return (
          <g key={b.key} className={styles.bar} role="button" aria-label={`${b.label} ${b.value}`} onClick={() => props.onChoose(b.key)}>
            <text x={left - 4} y={y + 14} fontSize="10" textAnchor="end">
              {b.label.length > 9 ? `${b.label.slice(0, 8)}…` : b.label}
            </text>
            <rect x={x0} y={y + 3} width={width} height={row - 8} fill={props.color} stroke={props.chosen === b.key ? "#000" : "none"} strokeWidth={1.5} />
            <text x={x0 + width + 3} y={y + 14} fontSize="10">
              {b.value}
            </text>
          </g>
        );
      })}
      {props.mark && (
        <g>
          <line x1={x(props.mark.value)} x2={x(props.mark.value)} y1={0} y2={h} stroke={RED} strokeDasharray="3 2" />
          <text x={x(props.mark.value) + 2} y={h - 2} fontSize="9" fill={RED}>
            {props.mark.label}
          </text>
        </g>
      )}
    </svg>
  );
}

/** Each month's average (line) with its lowest to highest (band); a month is chosen by its column. */
function MonthChart(props: { bars: Bar[]; chosen: string | null; onChoose: (key: string) => void }) {
  const styles = useStyles();
  const { bars } = props;
  const h = 140;
  const top = 10;
  const bottom = 24;
  const left = 28;
  const hi = Math.max(1, ...bars.map((b) => b.high ?? b.value));
  const lo = Math.min(0, ...bars.map((b) => b.low ?? b.value));
  const step = (W - left - 8) / Math.max(1, bars.length);
  const y = (v: number) => top + ((hi - v) / (hi - lo || 1)) * (h - top - bottom);
  const cx = (i: number) => left + step * (i + 0.5);
  const line = bars.map((b, i) => `${i === 0 ? "M" : "L"}${cx(i).toFixed(1)},${y(b.value).toFixed(1)}`).join(" ");
  return (
    <svg className={styles.svg} viewBox={`0 0 ${W} ${h}`} role="img" aria-label="各月平均分与最高、最低分">
      {[lo, (lo + hi) / 2, hi].map((v) => (
        <g key={v}>
          <line x1={left} x2={W - 4} y1={y(v)} y2={y(v)} stroke="#E0E0E0" />
          <text x={left - 3} y={y(v) + 3} fontSize="9" textAnchor="end">
            {Math.round(v)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => (
        <g key={b.key} className={styles.bar} role="button" aria-label={`${b.label} 平均${b.value}`} onClick={() => props.onChoose(b.key)}>
          <rect x={cx(i) - step / 2} y={top} width={step} height={h - top - bottom} fill={props.chosen === b.key ? "#EEF3FB" : "transparent"} />
          <line x1={cx(i)} x2={cx(i)} y1={y(b.high ?? b.value)} y2={y(b.low ?? b.value)} stroke={GREY} strokeWidth={4} />
          <text x={cx(i)} y={h - 8} fontSize="9" textAnchor="middle">
            {b.label}
          </text>
        </g>
      ))}
      <path d={line} fill="none" stroke={BLUE} strokeWidth={2} />
      {bars.map((b, i) => (
        <circle key={b.key} cx={cx(i)} cy={y(b.value)} r={2.5} fill={BLUE} />
      ))}
    </svg>
  );
}

/** 看板: the period's figures as small charts; a bar chosen lists the rows behind it. */
export function Dashboard({ host }: { host: LedgerHost }) {
  const styles = useStyles();
  const d = useDashboard(host);
  if (d.error) return <FailureBar text={d.error} />;
  if (!d.data || !d.bars) return <Spinner size="tiny" label="正在读取台账…" />;
  const { stats } = d.data;
  const bars = d.bars;
  const chosen = (chart: ChartId) => (d.selected?.chart === chart ? d.selected.key : null);
  const section = (chart: ChartId, title: string, body: JSX.Element | string) => (
    <div key={chart}>
      <Subtitle2 as="h3">{title}</Subtitle2>
      {typeof body === "string" ? <Caption1>{body}</Caption1> : body}
      {d.selected?.chart === chart && d.behind.length > 0 && (
        <ul className={styles.list} aria-label={`${title}：所选的明细`}>
          {d.behind.map((r, i) => (
            <li key={i}>{r.ledgerRow !== undefined ? <Link as="button" onClick={() => void d.showRow(r.ledgerRow!)}>{r.text}</Link> : r.text}</li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <section className={styles.root} aria-label="看板">
      <Field label="期间">
        <Dropdown value={d.period} selectedOptions={[d.period]} onOptionSelect={(_, o) => d.choosePeriod(o.optionValue ?? "")}>
          {d.periods.map((p) => (
            <Option key={p} value={p}>
              {p}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Caption1>{`${stats.periodText}，满分${stats.maxTotal}分，参加统计${stats.grades.counted}人。点一根柱子，列出它背后的人和记录。`}</Caption1>
      {d.loading && <Spinner size="tiny" label="正在读取台账…" />}
      <Field label="优秀比例上限" validationMessage={d.shareProblem ?? undefined} validationState={d.shareProblem ? "error" : "none"}>
        <Input value={d.share} onChange={(_, v) => d.setShare(v.value)} />
      </Field>
      {section(
        "grades",
        `等次分布${stats.grades.basis === "scaled" ? "（按本期满分折算分数线）" : ""}`,
        <>
          <BarChart title="等次分布"
            bars={bars.grades}
            color={BLUE}
            chosen={chosen("grades")}
            onChoose={(k) => d.select("grades", k)}
            mark={d.excellent?.allowed !== null && d.excellent?.allowed !== undefined ? { value: d.excellent.allowed, label: `${d.excellent.grade}上限` } : undefined}
          />
          {d.excellent && <Caption1>{d.excellent.text}</Caption1>}
        </>,
      )}
      {section("months", "各月平均分（灰条为最低至最高）", bars.months.length ? <MonthChart bars={bars.months} chosen={chosen("months")} onChoose={(k) => d.select("months", k)} /> : "（无）")}
      {section("deductions", "扣分最多的项目（次数）", bars.deductions.length ? <BarChart title="扣分最多的项目" bars={bars.deductions} color={ORANGE} chosen={chosen("deductions")} onChoose={(k) => d.select("deductions", k)} /> : "（本期无扣分记录）")}
      {section("bonuses", "加分最多的项目（次数）", bars.bonuses.length ? <BarChart title="加分最多的项目" bars={bars.bonuses} color={BLUE} chosen={chosen("bonuses")} onChoose={(k) => d.select("bonuses", k)} /> : "（本期无加分记录）")}
      {section(
        "drops",
        stats.previousLabel ? `积分下降最多（与${stats.previousLabel}相比）` : "积分下降最多",
        bars.drops.length ? <BarChart title="积分下降最多" bars={bars.drops} color={RED} chosen={chosen("drops")} onChoose={(k) => d.select("drops", k)} /> : stats.previousLabel ? "（没有积分下降的党员）" : "（全年或年度第一期，没有可比的上期）",
      )}
    </section>
  );
}
