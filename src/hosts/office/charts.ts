/**
 * A generated sheet's native charts and data bars through Office.js. Only commands are queued (no
 * load, no sync): they go with the sheet's own writes in the gateway's next sync.
 */
import type { ChartKind, SheetModel } from "../../core/sheetModel";

/** Excel.ChartType values (ExcelApi 1.1). */
const CHART_TYPES: Record<ChartKind, string> = { column: "ColumnClustered", bar: "BarClustered", line: "LineMarkers", pie: "Pie" };

/**
 * Each chart is added over its first series' values (charts.add), then every series is given its name,
 * values and categories by range (ChartSeries.setValues / setXAxisValues, ExcelApi 1.7), so nothing
 * depends on how Excel would guess headers from a block. Placed over its anchor cells (Chart.setPosition).
 * Data bars: Range.conditionalFormats.add(DataBar) (ExcelApi 1.6) with Excel's default look.
 */
export function addChartsAndDataBars(sheet: Excel.Worksheet, model: SheetModel): void {
  for (const spec of model.charts ?? []) {
    if (spec.series.length === 0) continue;
    const categories = () => sheet.getRange(spec.categories);
    const chart = sheet.charts.add(CHART_TYPES[spec.kind] as Excel.ChartType, sheet.getRange(spec.series[0].values), "Columns");
    chart.title.text = spec.title;
    spec.series.forEach((s, i) => {
      const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
      if (i === 0) series.name = s.name;
      else series.setValues(sheet.getRange(s.values));
      series.setXAxisValues(categories());
    });
    const [start, end] = spec.anchor.split(":");
    chart.setPosition(start, end ?? start);
  }
  for (const ref of model.dataBars ?? []) sheet.getRange(ref).conditionalFormats.add("DataBar" as Excel.ConditionalFormatType);
}
