import { ExcelJsGateway } from "./excelJsGateway";
import { type DemoOptions, type DemoSummary, fillDemoWorkbook } from "../../app/demoData";

export interface DemoFile extends DemoSummary {
  file: string;
  ms: number;
}

/** The demo workbook as an .xlsx file, through the exceljs gateway the CLI uses. */
export async function buildDemoWorkbook(options: DemoOptions & { out: string }): Promise<DemoFile> {
  const started = Date.now();
  const gateway = new ExcelJsGateway();
  const summary = await fillDemoWorkbook(gateway, options);
  await gateway.save(options.out);
  return { file: options.out, ...summary, ms: Date.now() - started };
}
