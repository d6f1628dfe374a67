/**
 * Native chart parts for a generated sheet: one DrawingML chart part per ChartSpec (c:chartSpace) and
 * the sheet's drawing part placing each in a twoCellAnchor. Every series refers to its cells by
 * formula and carries their values as a cache, so readers that do not recalculate still draw it.
 */
import { type Cell, type ChartSpec, type SheetModel, columnLetter, modelRangeValues, parseA1Range, quoteSheet } from "../../../core/sheetModel";
import { XML_DECL, escapeAttr, escapeText } from "./xml";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Series colours (Office's default palette), one per series; a pie varies them per point. */
const COLORS = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];
const FONT = '<a:latin typeface="Microsoft YaHei"/><a:ea typeface="Microsoft YaHei"/>';

/** An absolute reference to a range of the sheet: '统计-2026'!$A$5:$A$8. */
function absolute(sheet: string, ref: string): string {
  const b = parseA1Range(ref)!;
  const cell = (c: number, r: number) => `$${columnLetter(c)}$${r}`;
  const range = b.top === b.bottom && b.left === b.right ? cell(b.left, b.top) : `${cell(b.left, b.top)}:${cell(b.right, b.bottom)}`;
  return `${quoteSheet(sheet)}!${range}`;
}

function strRef(sheet: string, ref: string, values: readonly Cell[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeText(v === null ? "" : String(v))}</c:v></c:pt>`).join("");
  return `<c:strRef><c:f>${escapeText(absolute(sheet, ref))}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(sheet: string, ref: string, values: readonly Cell[]): string {
  const pts = values.map((v, i) => (typeof v === "number" ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "")).join("");
  return `<c:numRef><c:f>${escapeText(absolute(sheet, ref))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`;
}

const fill = (color: string) => `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>`;
const line = (color: string) => `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr>`;
const labels = (pie: boolean) =>
  `<c:dLbls><c:showLegendKey val="0"/><c:showVal val="${pie ? 0 : 1}"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="${pie ? 1 : 0}"/><c:showBubbleSize val="0"/></c:dLbls>`;
const textProps = (size: number, bold = false) => `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}">${FONT}</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;

/** The chart part (c:chartSpace) of one chart, its caches filled from the model's cells. */
export function chartPartXml(spec: ChartSpec, model: SheetModel): string {
  const sheet = model.name;
  const categories = modelRangeValues(model, spec.categories);
  const pie = spec.kind === "pie";
  const series = spec.series
    .map((s, i) => {
      const color = COLORS[i % COLORS.length];
      const tx = s.nameCell ? `<c:tx>${strRef(sheet, s.nameCell, [s.name])}</c:tx>` : `<c:tx><c:v>${escapeText(s.name)}</c:v></c:tx>`;
      const cat = `<c:cat>${strRef(sheet, spec.categories, categories)}</c:cat>`;
      const val = `<c:val>${numRef(sheet, s.values, modelRangeValues(model, s.values))}</c:val>`;
      const head = `<c:idx val="${i}"/><c:order val="${i}"/>${tx}`;
      if (spec.kind === "line") return `<c:ser>${head}${line(color)}<c:marker><c:symbol val="circle"/><c:size val="5"/>${fill(color)}</c:marker>${cat}${val}<c:smooth val="0"/></c:ser>`;
      if (pie) {
        const points = categories.map((_, k) => `<c:dPt><c:idx val="${k}"/><c:bubble3D val="0"/>${fill(COLORS[k % COLORS.length])}</c:dPt>`).join("");
        return `<c:ser>${head}${points}${labels(true)}${cat}${val}</c:ser>`;
      }
      return `<c:ser>${head}${fill(color)}<c:invertIfNegative val="0"/>${labels(false)}${cat}${val}</c:ser>`;
    })
    .join("");
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  let plot: string;
  if (pie) plot = `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`;
  else if (spec.kind === "line") plot = `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`;
  else plot = `<c:barChart><c:barDir val="${spec.kind === "bar" ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/>${axes}</c:barChart>`;
  // A horizontal bar chart lists its first category at the top: the category axis runs max to min and the value axis sits at its far end.
  const horizontal = spec.kind === "bar";
  const catAx =
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="${horizontal ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>${textProps(900)}` +
    `<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  // Bars of counts and scores start at zero (LibreOffice would otherwise start the axis near the smallest bar).
  const values = spec.series.flatMap((s) => modelRangeValues(model, s.values)).filter((v): v is number => typeof v === "number");
  const fromZero = spec.kind !== "line" && values.every((v) => v >= 0) ? '<c:min val="0"/>' : "";
  const valAx =
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/>${fromZero}</c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? "b" : "l"}"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${textProps(900)}` +
    `<c:crossAx val="500000001"/><c:crosses val="${horizontal ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
  const legend = pie || spec.series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProps(900)}</c:legend>` : "";
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1">${FONT}</a:defRPr></a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" sz="1200" b="1">${FONT}</a:rPr><a:t>${escapeText(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  return (
    `${XML_DECL}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${pie ? "" : catAx + valAx}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>${textProps(1000)}</c:chartSpace>`
  );
}

/** The drawing part: each chart in a twoCellAnchor over its anchor cells, `rids` being the drawing's relationships to the chart parts. */
export function drawingPartXml(charts: readonly ChartSpec[], rids: readonly string[]): string {
  const anchors = charts
    .map((spec, i) => {
      const b = parseA1Range(spec.anchor)!;
      const at = (col: number, row: number) => `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${at(b.left, b.top - 1)}</xdr:from><xdr:to>${at(b.right + 1, b.bottom)}</xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttr(`图表 ${i + 1}`)}" descr="${escapeAttr(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="${rids[i]}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return `${XML_DECL}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors}</xdr:wsDr>`;
}

/** The sheet's data bars: one conditionalFormatting per range (priority in order). */
export function dataBarsXml(ranges: readonly string[]): string {
  return ranges
    .map(
      (ref, i) =>
        `<conditionalFormatting sqref="${escapeAttr(ref)}"><cfRule type="dataBar" priority="${i + 1}"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule></conditionalFormatting>`,
    )
    .join("");
}
