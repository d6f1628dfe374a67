#!/usr/bin/python3
"""Builds the corpus of workbooks this project did not generate (see README.md beside this file).

Run with Debian's python3 (python3-openpyxl, python3-pil) and LibreOffice on PATH:
    /usr/bin/python3 test/corpus/make.py
"""
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, DataBarRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from PIL import Image as PILImage

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")


def data_sheet(ws, rows=6):
    ws.append(["月份", "出勤", "学习", "志愿"])
    for i in range(1, rows + 1):
        ws.append([f"{i}月", 10 + i, 20 - i, (i * 7) % 11])


def save(wb, name):
    path = os.path.join(OUT, name)
    wb.save(path)
    return path


def charts():
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    data_sheet(ws)
    bar = BarChart()
    bar.title = "出勤与学习"
    bar.add_data(Reference(ws, min_col=2, min_row=1, max_col=3, max_row=7), titles_from_data=True)
    bar.set_categories(Reference(ws, min_col=1, min_row=2, max_row=7))
    ws.add_chart(bar, "F2")
    line = LineChart()
    line.add_data(Reference(ws, min_col=4, min_row=1, max_row=7), titles_from_data=True)
    ws.add_chart(line, "F20")
    other = wb.create_sheet("Pie")
    data_sheet(other, 3)
    pie = PieChart()
    pie.add_data(Reference(other, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    other.add_chart(pie, "A8")
    return save(wb, "openpyxl-charts.xlsx")


def picture():
    wb = Workbook()
    ws = wb.active
    ws.title = "Badge"
    ws["A1"] = "支部徽标"
    png = io.BytesIO()
    PILImage.new("RGB", (48, 24), (200, 30, 30)).save(png, format="PNG")
    png.seek(0)
    ws.add_image(Image(png), "B2")
    return save(wb, "openpyxl-picture.xlsx")


def comments():
    wb = Workbook()
    ws = wb.active
    ws.title = "Notes"
    data_sheet(ws)
    ws["B2"].comment = Comment("一月出勤含补会", "组织委员")
    ws["C3"].comment = Comment("学习强国积分", "宣传委员")
    return save(wb, "openpyxl-comments.xlsx")


def formats_and_validations():
    wb = Workbook()
    ws = wb.active
    ws.title = "Scores"
    data_sheet(ws, 10)
    ws.conditional_formatting.add("B2:B11", ColorScaleRule(start_type="min", start_color="FFF8696B", end_type="max", end_color="FF63BE7B"))
    ws.conditional_formatting.add("C2:C11", CellIsRule(operator="lessThan", formula=["15"], fill=PatternFill("solid", bgColor="FFFFC7CE")))
    ws.conditional_formatting.add("D2:D11", DataBarRule(start_type="min", end_type="max", color="FF638EC6"))
    ws.conditional_formatting.add("A2:A11", FormulaRule(formula=['LEFT(A2,1)="1"'], font=Font(bold=True)))
    months = DataValidation(type="list", formula1='"1月,2月,3月"', allow_blank=True)
    ws.add_data_validation(months)
    months.add("F2:F20")
    whole = DataValidation(type="whole", operator="between", formula1="0", formula2="100")
    ws.add_data_validation(whole)
    whole.add("G2:G20")
    return save(wb, "openpyxl-condformat-validation.xlsx")


def names_merged_hidden_protected():
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws["A1"] = "支部学习情况汇总"
    ws.merge_cells("A1:D1")
    ws.merge_cells("A3:B4")
    ws["A3"] = "合并"
    data = wb.create_sheet("Raw")
    data_sheet(data)
    wb.defined_names.append(DefinedName("出勤合计", attr_text="Raw!$B$2:$B$7"))
    local = DefinedName("本表标题", attr_text="Summary!$A$1", localSheetId=0)
    wb.defined_names.append(local)
    ws["E3"] = "=SUM(出勤合计)"
    hidden = wb.create_sheet("Hidden")
    hidden["A1"] = "隐藏的工作表"
    hidden.sheet_state = "hidden"
    very = wb.create_sheet("VeryHidden")
    very["A1"] = 42
    very.sheet_state = "veryHidden"
    locked = wb.create_sheet("Locked")
    locked["A1"] = "保护的工作表"
    locked.protection.sheet = True
    locked.protection.password = "secret"
    return save(wb, "openpyxl-names-merged-hidden-protected.xlsx")


def chinese_names_and_table():
    wb = Workbook()
    ws = wb.active
    ws.title = "一月汇总"
    ws.append(["姓名", "活动", "得分"])
    for row in [["张三", "志愿服务", 3], ["李四", "主题党日", 2], ["王五", "学习", 1]]:
        ws.append(row)
    table = Table(displayName="活动表", ref="A1:C4")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
    ws.add_table(table)
    other = wb.create_sheet("支部 活动（2026）")
    other["A1"] = "合计"
    other["B1"] = "=SUM('一月汇总'!C2:C4)"
    ws.freeze_panes = "A2"
    return save(wb, "openpyxl-chinese-sheet-names.xlsx")


def zip_edit(src, dst, add=None, replace=None):
    """Copies a zip, replacing some entries' text and adding entries."""
    add = add or {}
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in replace:
                data = replace[item.filename](data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in add.items():
            zout.writestr(name, data if isinstance(data, bytes) else data.encode("utf-8"))
    return dst


def threaded_comments(src):
    """Excel 365's threaded comments (person list + thread part) beside the legacy comments."""
    person = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" '
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<person displayName="组织委员" id="{4C3C1E8A-0000-4000-8000-000000000001}" userId="zuzhi@example.cn" providerId="None"/>'
        "</personList>"
    )
    thread = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" '
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<threadedComment ref="B2" dT="2026-03-01T09:00:00.00" personId="{4C3C1E8A-0000-4000-8000-000000000001}" '
        'id="{7A1B2C3D-0000-4000-8000-000000000002}"><text>一月出勤含补会</text></threadedComment>'
        "</ThreadedComments>"
    )

    def types(x):
        return x.replace(
            "</Types>",
            '<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>'
            '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/></Types>',
        )

    def wb_rels(x):
        return x.replace(
            "</Relationships>",
            '<Relationship Id="rIdPerson1" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/></Relationships>',
        )

    def sheet_rels(x):
        return x.replace(
            "</Relationships>",
            '<Relationship Id="rIdThread1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>',
        )

    return zip_edit(
        src,
        os.path.join(OUT, "handmade-threaded-comments.xlsx"),
        add={"xl/persons/person.xml": person, "xl/threadedComments/threadedComment1.xml": thread},
        replace={"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": wb_rels, "xl/worksheets/_rels/sheet1.xml.rels": sheet_rels},
    )


def vba():
    """An .xlsm: a (dummy) VBA project part with its content type and relationship."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Macro"
    ws["A1"] = "带宏的工作簿"
    plain = save(wb, "tmp-vba.xlsx")
    blob = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes((i * 37 + 11) % 256 for i in range(4088))

    def types(x):
        x = x.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        return x.replace("<Override", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override', 1)

    def wb_rels(x):
        return x.replace(
            "</Relationships>",
            '<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
        )

    out = zip_edit(plain, os.path.join(OUT, "handmade-macros.xlsm"), add={"xl/vbaProject.bin": blob}, replace={"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": wb_rels})
    os.remove(plain)
    return out


def calc_chain():
    """Formulas with the calculation chain Excel writes (openpyxl and LibreOffice write none), and custom properties."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Calc"
    data_sheet(ws)
    for r in range(2, 8):
        ws[f"E{r}"] = f"=B{r}+C{r}+D{r}"
    ws["E8"] = "=SUM(E2:E7)"
    plain = save(wb, "tmp-calc.xlsx")
    chain = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    chain += '<c r="E2" i="1"/>' + "".join(f'<c r="E{r}"/>' for r in range(3, 9)) + "</calcChain>"
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="支部"><vt:lpwstr>第一党支部</vt:lpwstr></property></Properties>'
    )

    def types(x):
        return x.replace(
            "</Types>",
            '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>'
            '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
        )

    def wb_rels(x):
        return x.replace(
            "</Relationships>",
            '<Relationship Id="rIdCalc1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
        )

    def root_rels(x):
        return x.replace(
            "</Relationships>",
            '<Relationship Id="rIdCustom1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
        )

    out = zip_edit(
        plain,
        os.path.join(OUT, "handmade-calcchain-custom-props.xlsx"),
        add={"xl/calcChain.xml": chain, "docProps/custom.xml": custom},
        replace={"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": wb_rels, "_rels/.rels": root_rels},
    )
    os.remove(plain)
    return out


FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
"""


def cell(v):
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'


def rows(data):
    return "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in data)


MEMBERS = [["部门", "姓名", "分值"], ["机关", "张三", 3], ["机关", "李四", 2], ["车间", "王五", 5], ["车间", "赵六", 1], ["后勤", "钱七", 4]]


def pivot_fods():
    return (
        FODS_HEAD
        + """<office:body><office:spreadsheet>
<table:table table:name="明细">"""
        + rows(MEMBERS)
        + """</table:table>
<table:table table:name="透视"><table:table-row><table:table-cell/></table:table-row></table:table>
<table:data-pilot-tables>
 <table:data-pilot-table table:name="数据透视表1" table:target-range-address="透视.A1:透视.B6" table:buttons="透视.A1">
  <table:source-cell-range table:cell-range-address="明细.A1:明细.C6"/>
  <table:data-pilot-field table:source-field-name="部门" table:orientation="row"/>
  <table:data-pilot-field table:source-field-name="分值" table:orientation="data" table:function="sum"/>
  <table:data-pilot-field table:source-field-name="" table:orientation="column" table:is-data-layout-field="true"/>
 </table:data-pilot-table>
</table:data-pilot-tables>
</office:spreadsheet></office:body></office:document>
"""
    )


def richtext_fods():
    return (
        FODS_HEAD
        + """<office:meta><meta:user-defined meta:name="支部">第二党支部</meta:user-defined></office:meta>
<office:automatic-styles>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold" fo:color="#c00000"/></style:style>
 <style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="富文本">
 <table:table-row>
  <table:table-cell office:value-type="string"><text:p>普通<text:span text:style-name="T1">加粗红字</text:span>与<text:span text:style-name="T2">斜体</text:span></text:p></table:table-cell>
  <table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p>
   <office:annotation><dc:creator>组织委员</dc:creator><text:p>LibreOffice 批注</text:p></office:annotation></table:table-cell>
 </table:table-row>
 <table:table-row><table:table-cell table:formula="of:=[.B1]*2" office:value-type="float" office:value="14"><text:p>14</text:p></table:table-cell></table:table-row>
</table:table>
<table:named-expressions><table:named-range table:name="分值区" table:base-cell-address="$富文本.$B$1" table:cell-range-address="$富文本.$B$1:.$B$2"/></table:named-expressions>
</office:spreadsheet></office:body></office:document>
"""
    )


def libreoffice(sources, fmt="xlsx"):
    """Converts with headless LibreOffice (its own profile); returns the converted paths."""
    profile = tempfile.mkdtemp(prefix="corpus-lo-")
    outdir = tempfile.mkdtemp(prefix="corpus-out-")
    try:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt, "--outdir", outdir, *sources],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return outdir


def main():
    os.makedirs(OUT, exist_ok=True)
    charts_file = charts()
    picture_file = picture()
    comments_file = comments()
    formats_and_validations()
    names_merged_hidden_protected()
    chinese_names_and_table()
    threaded_comments(comments_file)
    vba()
    calc_chain()
    work = tempfile.mkdtemp(prefix="corpus-src-")
    try:
        sources = {"lo-pivot-table": pivot_fods(), "lo-richtext-comment-custom-props": richtext_fods()}
        paths = []
        for name, text in sources.items():
            p = os.path.join(work, f"{name}.fods")
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)
            paths.append(p)
        # LibreOffice's own chart and drawing XML: the openpyxl charts and picture, saved by LibreOffice.
        for name, src in {"lo-charts": charts_file, "lo-picture": picture_file}.items():
            dst = os.path.join(work, f"{name}.xlsx")
            shutil.copy(src, dst)
            paths.append(dst)
        outdir = libreoffice(paths)
        for name in list(sources) + ["lo-charts", "lo-picture"]:
            shutil.move(os.path.join(outdir, f"{name}.xlsx"), os.path.join(OUT, f"{name}.xlsx"))
        shutil.rmtree(outdir, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, name)):>8}  {name}")


if __name__ == "__main__":
    sys.exit(main())
